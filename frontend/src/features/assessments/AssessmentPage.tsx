import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Entry, IndicatorOut } from '../../api/types';
import { ApiError } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { formatNumber, mapEntryErrors, parseIndicatorInput, valueToInput, type EntryErrors } from '../../lib/indicators';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { ScorePanel } from '../../components/ScorePanel';
import { useFramework } from '../../lib/queries/frameworks';
import { useAssessment, useAssessmentOps } from './api/assessments';
import { EvidencePanel } from './EvidencePanel';
import { IndicatorInput, displayValue } from '../../components/IndicatorInput';
import { AssessmentStatusBadge } from '../../components/AssessmentStatusBadge';
import { useDtiLinked } from '../../lib/queries/dti';
import { completion, missingItems, type MissingItem } from './completion';

type Ops = ReturnType<typeof useAssessmentOps>;
type Mode = 'fill' | 'review' | 'view';

/** DOM-safe id part for an indicator code ("TC2.1" → "TC2_1"). */
const slug = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '_');

/** The field a missing item links to: the value's input (a yes/no answer: its first choice) or the file picker. */
const fieldId = (item: MissingItem) => `${slug(item.indicator)}-${item.what === 'value' ? 'value' : 'file'}`;

/**
 * What is still missing before the school can submit, each a link to its field (the criterion's
 * section opens first). Sticky beside the form on a desktop; on a phone the bar at the bottom of the
 * screen links here.
 */
function MissingSummary({ items, onGo }: { items: MissingItem[]; onGo: (item: MissingItem) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="missing-summary" id="missing" aria-labelledby="missing-title">
      <h2 id="missing-title">{items.length ? t('demo.fill.missingTitle', { count: items.length }) : t('demo.fill.missingNone')}</h2>
      {items.length > 0 && (
        <>
          <p className="muted">{t('demo.fill.missingHint')}</p>
          <ul>
            {items.map((item) => (
              <li key={`${item.indicator}-${item.what}`}>
                <a
                  href={`#${fieldId(item)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onGo(item);
                  }}
                >
                  {t(item.what === 'value' ? 'demo.fill.missingValue' : 'demo.fill.missingEvidence', { code: item.indicator })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}

function saveErrorText(error: unknown, code: string, field: string, t: ReturnType<typeof useTranslation>['t']): string {
  if (error instanceof ApiError) {
    const mapped = mapEntryErrors(error.problem, [code]).byIndicator[code];
    if (mapped?.[field]) return mapped[field]!;
  }
  return errorMessage(error, t);
}

function IndicatorCard({
  indicator,
  entry,
  mode,
  ops,
  submitErrors,
  returnMode,
  returnReason,
  onReturnReason,
  fromDti = false,
}: {
  /** the value comes from the school's QĐ 4725 result: shown, not typed (the reviewer still reviews it) */
  fromDti?: boolean;
  indicator: IndicatorOut;
  entry: Entry;
  mode: Mode;
  ops: Ops;
  submitErrors?: Record<string, string>;
  returnMode: boolean;
  returnReason: string;
  onReturnReason: (value: string) => void;
}) {
  const { t } = useTranslation();
  const id = slug(indicator.code);
  const [raw, setRaw] = useState(valueToInput(entry.self_value));
  const [note, setNote] = useState(entry.note ?? '');
  const [verified, setVerified] = useState(valueToInput(entry.verified_value));
  const [comment, setComment] = useState(entry.reviewer_comment ?? '');
  const [valueError, setValueError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const levels = indicator.levels.map((l) => l.value);

  async function save(fn: () => Promise<unknown>, onError: (message: string) => void, field: string) {
    setSaving(true);
    try {
      await fn();
      onError('');
    } catch (e) {
      onError(saveErrorText(e, indicator.code, field, t));
    } finally {
      setSaving(false);
    }
  }

  function commitValue(next: string) {
    const parsed = parseIndicatorInput(indicator.kind, next, levels);
    if (!parsed.ok) return setValueError(t(parsed.error));
    setValueError(null);
    if (parsed.value === (entry.self_value == null ? null : valueToInput(entry.self_value))) return;
    void save(() => ops.saveEntries([{ indicator_code: indicator.code, value: parsed.value }]), (m) => setValueError(m || null), 'value');
  }

  function commitNote() {
    if ((entry.note ?? '') === note.trim()) return;
    void save(
      () => ops.saveEntries([{ indicator_code: indicator.code, value: entry.self_value, note: note.trim() || null }]),
      (m) => setNoteError(m || null),
      'note',
    );
  }

  function commitReview(nextVerified: string, nextComment: string) {
    const parsed = parseIndicatorInput(indicator.kind, nextVerified, levels);
    if (!parsed.ok) return setValueError(t(parsed.error));
    setValueError(null);
    const before = entry.verified_value == null ? null : valueToInput(entry.verified_value);
    if (parsed.value === before && (entry.reviewer_comment ?? '') === nextComment.trim()) return;
    void save(
      () => ops.review([{ indicator_code: indicator.code, verified_value: parsed.value, comment: nextComment.trim() || null }]),
      (m) => setValueError(m || null),
      'verified_value',
    );
  }

  const valueSubmitError = entry.self_value == null ? submitErrors?.value : undefined;
  const computedText = !entry.source_available && entry.self_value == null ? t('indicator.noData') : displayValue(indicator, entry.self_value, t);

  return (
    <div className="indicator" role="group" aria-labelledby={`${id}-title`}>
      <div className="indicator-head">
        <h3 id={`${id}-title`}>
          <span className="code">{indicator.code}</span> {indicator.name}
        </h3>
        <p className="indicator-meta">
          {t(`indicator.kinds.${indicator.kind}`)}
          {indicator.target != null && ` · ${t('indicator.target')}: ${displayValue(indicator, indicator.target, t)}`}
          {indicator.is_gate && <span className="badge badge-warn">{t('indicator.gate')}</span>}
        </p>
      </div>

      {entry.return_reason && (
        <p className="alert alert-error">
          {t('assessments.returnReasonIndicator')}: {entry.return_reason}
        </p>
      )}

      {fromDti && mode === 'fill' ? (
        <p className="computed">
          <span className="badge dti-from">{t('dti.fromIndex')}</span> <strong>{displayValue(indicator, entry.self_value, t)}</strong>
        </p>
      ) : entry.computed ? (
        <p className="computed">
          <span className="badge badge-off">{t('indicator.computedHint')}</span> <strong>{computedText}</strong>
          {entry.provisional && (
            <>
              {' '}
              <span className="badge badge-warn" title={t('closing.provisionalHint')}>
                {t('closing.provisional')}
              </span>
            </>
          )}
        </p>
      ) : mode === 'fill' ? (
        <>
          <IndicatorInput
            id={`${id}-value`}
            label={t('assessments.selfValue')}
            indicator={indicator}
            value={raw}
            onChange={setRaw}
            onCommit={commitValue}
            disabled={saving && indicator.kind === 'boolean'}
            error={valueError ?? valueSubmitError}
          />
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('assessments.note')}</label>
            <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} onBlur={commitNote} />
            {noteError && <p className="field-error">{noteError}</p>}
          </div>
        </>
      ) : (
        <dl className="pair">
          <div>
            <dt>{t('assessments.selfValue')}</dt>
            <dd>
              {displayValue(indicator, entry.self_value, t)}
              {fromDti && <span className="badge dti-from"> {t('dti.fromIndex')}</span>}
            </dd>
          </div>
          {entry.note && (
            <div>
              <dt>{t('assessments.note')}</dt>
              <dd>{entry.note}</dd>
            </div>
          )}
          {mode === 'view' && entry.verified_value != null && (
            <div>
              <dt>{t('assessments.verifiedValue')}</dt>
              <dd>{displayValue(indicator, entry.verified_value, t)}</dd>
            </div>
          )}
        </dl>
      )}

      {mode === 'review' && !entry.computed && (
        <div className="review-fields">
          <IndicatorInput
            id={`${id}-verified`}
            label={t('assessments.verifiedValue')}
            indicator={indicator}
            value={verified}
            onChange={setVerified}
            onCommit={(v) => commitReview(v, comment)}
            error={valueError ?? undefined}
          />
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('assessments.comment')}</label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              onBlur={() => commitReview(verified, comment)}
            />
          </div>
        </div>
      )}
      {mode !== 'review' && entry.reviewer_comment && (
        <p className="muted">
          {t('assessments.comment')}: {entry.reviewer_comment}
        </p>
      )}

      {returnMode && (
        <div className="field">
          <label htmlFor={`${id}-return`}>{t('assessments.returnReasonIndicator')}</label>
          <input id={`${id}-return`} value={returnReason} onChange={(e) => onReturnReason(e.target.value)} />
        </div>
      )}

      <p className="points">
        {t('assessments.selfPoints')}: <strong>{formatNumber(entry.self_points)}</strong> / {formatNumber(entry.max_points)}
        {mode !== 'fill' && (
          <>
            {' · '}
            {t('assessments.verifiedPoints')}: <strong>{formatNumber(entry.verified_points)}</strong>
          </>
        )}
        {saving && <span className="muted"> · {t('common.saving')}</span>}
      </p>

      {(entry.evidence_required || entry.evidence.length > 0 || mode === 'fill') && (
        <EvidencePanel
          entry={entry}
          idBase={id}
          canEdit={mode === 'fill'}
          ops={ops}
          requiredError={submitErrors?.evidence}
        />
      )}
    </div>
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const query = useAssessment(id);
  const a = query.data;
  const framework = useFramework(a?.framework_id);
  const linked = useDtiLinked(a?.id, !!a && a.subject_kind === 'unit' && me.permissions.includes('dti:read'));
  const fromDti = new Set((linked.data?.indicators ?? []).filter((i) => i.value != null).map((i) => i.indicator_code));
  const ops = useAssessmentOps(id);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [submitErrors, setSubmitErrors] = useState<EntryErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [returnMode, setReturnMode] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  const [returnReasons, setReturnReasons] = useState<Record<string, string>>({});
  const [returnError, setReturnError] = useState<string | null>(null);
  const [earlyMode, setEarlyMode] = useState(false);
  const [earlyReason, setEarlyReason] = useState('');
  const [earlyError, setEarlyError] = useState<string | null>(null);
  // Criteria sections: open or closed as the user left them; before that, open while something is missing.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [firstOpen, setFirstOpen] = useState<{ id: number; open: Record<string, boolean> } | null>(null);

  async function act(fn: () => Promise<unknown>, message: string, onProblem?: (e: ApiError) => void) {
    setBusy(true);
    setActionError(null);
    setDone(null);
    try {
      await fn();
      setDone(message);
      return true;
    } catch (e) {
      setActionError(e);
      if (e instanceof ApiError && onProblem) onProblem(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    setSubmitErrors({});
    void act(
      () => ops.submit(),
      t('assessments.submitted'),
      (e) => setSubmitErrors(mapEntryErrors(e.problem).byIndicator),
    );
  }

  function sendReturn() {
    if (!returnReason.trim()) return setReturnError(t('assessments.returnReasonRequired'));
    setReturnError(null);
    const entries = Object.entries(returnReasons)
      .filter(([, reason]) => reason.trim())
      .map(([indicator_code, reason]) => ({ indicator_code, reason: reason.trim() }));
    void act(() => ops.returnToSubject({ reason: returnReason.trim(), entries }), t('assessments.returned')).then((ok) => {
      if (ok) {
        setReturnMode(false);
        setReturnReasons({});
        setReturnReason('');
      }
    });
  }

  function sendEarly() {
    if (!earlyReason.trim()) return setEarlyError(t('closing.earlyReasonRequired'));
    setEarlyError(null);
    void act(() => ops.verifyEarly(earlyReason.trim()), t('assessments.verified')).then((ok) => {
      if (ok) setEarlyMode(false);
    });
  }

  if (query.isPending)
    return (
      <section>
        <Loading />
      </section>
    );
  if (!a)
    return (
      <section>
        <ErrorBanner error={query.error} />
      </section>
    );

  const allowed = a.allowed_actions;
  const mode: Mode = allowed.includes('edit') ? 'fill' : allowed.includes('review') ? 'review' : 'view';
  const entries = new Map(a.entries.map((e) => [e.indicator_code, e]));
  const fw = framework.data;
  const missing = fw && mode === 'fill' ? missingItems(fw.criteria, entries, fromDti) : [];
  const progress = new Map((fw?.criteria ?? []).map((c) => [c.code, completion(c, entries, fromDti)]));
  // When filling, a complete section starts closed (a section of computed indicators stays open: it
  // shows what the system counted); the state at first load is kept so a section does not close
  // under the user's hands when its last item is filled.
  if (fw && firstOpen?.id !== a.id) {
    const open = Object.fromEntries(
      fw.criteria.map((c) => {
        const p = progress.get(c.code);
        return [c.code, mode !== 'fill' || !p || p.total === 0 || p.done < p.total];
      }),
    );
    setFirstOpen({ id: a.id, open });
  }
  const isOpen = (code: string) => toggled[code] ?? firstOpen?.open[code] ?? true;

  function goTo(item: MissingItem) {
    setToggled((open) => ({ ...open, [item.criterion]: true }));
    // after the section has opened
    requestAnimationFrame(() => {
      const field = document.getElementById(fieldId(item)) ?? document.querySelector<HTMLInputElement>(`input[name="${fieldId(item)}"]`);
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    });
  }

  return (
    <section>
      <p>
        <Link to="/assessments">← {t('assessments.title')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{a.subject_name}</h1>
          <p className="muted">
            {fw?.name ?? a.framework_code} ({t('frameworks.versionN', { n: a.framework_version })}) · {t('fields.schoolYear')}{' '}
            {a.school_year} · <AssessmentStatusBadge status={a.status} />
          </p>
        </div>
        {me.permissions.includes('scorecards:read') && (
          // a teacher's own result, not the school's (issue 18.8)
          <Link to={`/scorecards/${a.id}`}>{t(a.subject_kind === 'individual' ? 'ux.results.individual' : 'scorecards.unitResult')}</Link>
        )}
      </div>

      {a.status === 'returned' && a.return_reason && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{t('assessments.returnReason')}:</strong> {a.return_reason}
          </p>
        </div>
      )}
      {mode === 'review' && <p className="alert alert-info">{t('assessments.reviewHint')}</p>}
      {a.status !== 'verified' && (
        <p className={a.evaluation_window.is_open ? 'muted' : 'alert alert-info'} data-testid="evaluation-window">
          {t(a.evaluation_window.is_open ? 'closing.windowOpen' : 'closing.windowClosed', {
            start: formatDate(a.evaluation_window.starts_on),
            end: formatDate(a.evaluation_window.ends_on),
          })}
        </p>
      )}
      {a.early_verification && (
        <p className="alert alert-info">
          <strong>{t('closing.earlyReason')}:</strong> {a.early_verification.reason}
        </p>
      )}
      {mode === 'fill' && <p className="muted">{t('assessments.fillHint')}</p>}

      <div className="assessment-layout">
        <div className="assessment-main">
          <ErrorBanner error={framework.error} />
          {!fw && framework.isPending && <Loading />}
          {fw?.criteria.map((c) => {
            const p = progress.get(c.code);
            return (
              <details
                key={c.id}
                className="criterion"
                open={isOpen(c.code)}
                onToggle={(e) => {
                  const open = e.currentTarget.open;
                  if (open !== isOpen(c.code)) setToggled((o) => ({ ...o, [c.code]: open }));
                }}
              >
                <summary>
                  <h2 id={`crit-${slug(c.code)}`}>
                    <span className="code">{c.code}</span> {c.name}{' '}
                    <span className="muted">({t('frameworks.pointsN', { n: formatNumber(c.max_points) })})</span>
                  </h2>
                  {p && mode === 'fill' && (
                    <span className={p.total === 0 ? 'badge badge-off' : p.done === p.total ? 'badge badge-ok' : 'badge badge-warn'}>
                      {p.total === 0 ? t('demo.fill.sectionComputed') : t('demo.fill.sectionDone', { done: p.done, total: p.total })}
                    </span>
                  )}
                </summary>
                {c.indicators.map((ind) => {
                  const entry = entries.get(ind.code);
                  if (!entry) return null;
                  return (
                    <IndicatorCard
                      key={ind.code}
                      indicator={ind}
                      entry={entry}
                      mode={mode}
                      ops={ops}
                      submitErrors={submitErrors[ind.code]}
                      returnMode={returnMode}
                      returnReason={returnReasons[ind.code] ?? ''}
                      onReturnReason={(v) => setReturnReasons((r) => ({ ...r, [ind.code]: v }))}
                      fromDti={fromDti.has(ind.code)}
                    />
                  );
                })}
              </details>
            );
          })}
        </div>
        {/* phones: the live score stays visible while filling (the full panel is below), with what is missing */}
        <div className="score-sticky">
          <span aria-hidden="true">
            {t('score.selfTotal')}: <strong>{formatNumber(a.score.self_total)} / {formatNumber(a.score.max_total)}</strong>
          </span>
          <span className={`badge class-${a.score.classification_code}`} aria-hidden="true">
            {a.score.classification_label}
          </span>
          {missing.length > 0 && <a href="#missing">{t('demo.fill.toMissing', { count: missing.length })}</a>}
        </div>
        <div className="assessment-side" id="score">
          {mode === 'fill' && fw && <MissingSummary items={missing} onGo={goTo} />}
          <ScorePanel score={a.score} showVerified={mode !== 'fill' || a.status !== 'draft'} />
          <div className="side-actions">
            {done && (
              <p className="alert alert-ok" role="status">
                {done}
              </p>
            )}
            <ErrorBanner error={actionError} />
            {allowed.includes('submit') && (
              <button type="button" className="primary" disabled={busy} onClick={submit}>
                {t('assessments.submit')}
              </button>
            )}
            {allowed.includes('verify') && !returnMode && (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void act(() => ops.verify(), t('assessments.verified'))}
              >
                {t('assessments.verify')}
              </button>
            )}
            {allowed.includes('verify_early') && !earlyMode && (
              <button type="button" className="primary" disabled={busy} onClick={() => setEarlyMode(true)}>
                {t('closing.verifyEarly')}
              </button>
            )}
            {earlyMode && (
              <div className="return-box">
                <div className="field">
                  <label htmlFor="early-reason">{t('closing.earlyReason')}</label>
                  <textarea
                    id="early-reason"
                    rows={3}
                    value={earlyReason}
                    onChange={(e) => setEarlyReason(e.target.value)}
                    aria-invalid={earlyError ? true : undefined}
                  />
                  {earlyError && <p className="field-error">{earlyError}</p>}
                  <p className="field-hint">{t('closing.earlyHint')}</p>
                </div>
                <div className="actions">
                  <button type="button" className="primary" disabled={busy} onClick={sendEarly}>
                    {t('closing.sendEarly')}
                  </button>
                  <button type="button" onClick={() => setEarlyMode(false)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            )}
            {allowed.includes('return') && !returnMode && (
              <button type="button" className="danger" disabled={busy} onClick={() => setReturnMode(true)}>
                {t('assessments.return')}
              </button>
            )}
            {returnMode && (
              <div className="return-box">
                <div className="field">
                  <label htmlFor="return-reason">{t('assessments.returnReason')}</label>
                  <textarea
                    id="return-reason"
                    rows={3}
                    value={returnReason}
                    onChange={(e) => setReturnReason(e.target.value)}
                    aria-invalid={returnError ? true : undefined}
                  />
                  {returnError && <p className="field-error">{returnError}</p>}
                  <p className="field-hint">{t('assessments.returnHint')}</p>
                </div>
                <div className="actions">
                  <button type="button" className="danger" disabled={busy} onClick={sendReturn}>
                    {t('assessments.sendReturn')}
                  </button>
                  <button type="button" onClick={() => setReturnMode(false)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </div>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
