import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { INDICATOR_KINDS, INDICATOR_RULES, SUBJECT_KINDS, type Framework } from '../../api/types';
import { errorMessage, isConflict } from '../../lib/errors';
import { documentErrors } from '../../lib/indicators';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useFramework, useMovements } from '../../lib/queries/frameworks';
import { useFrameworkSources, useUpdateFramework } from './api/frameworks';
import {
  isShownPath,
  newCriterion,
  newIndicator,
  nextCriterionCode,
  nextIndicatorCode,
  toDocument,
  toDraft,
  type Draft,
  type DraftIndicator,
} from './document';

function FrameworkEditor({ framework, update }: { framework: Framework; update: ReturnType<typeof useUpdateFramework> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sources = useFrameworkSources();
  const movements = useMovements();
  const [draft, setDraft] = useState<Draft>(() => toDraft(framework));
  const problem = update.error instanceof ApiError ? update.error.problem : null;
  const errors = documentErrors(problem);
  const err = (path: string) => errors[path];
  const unplaced = Object.entries(errors).filter(([path]) => !isShownPath(path));
  const contentAreas = movements.data?.find((m) => m.id === framework.movement_id)?.content_areas ?? [];
  const allIndicatorCodes = draft.criteria.flatMap((c) => c.indicators.map((i) => i.code));

  function change(fn: (d: Draft) => void) {
    setDraft((prev) => {
      const next = structuredClone(prev);
      fn(next);
      return next;
    });
  }
  const changeIndicator = (ci: number, ii: number, fn: (i: DraftIndicator) => void) =>
    change((d) => fn(d.criteria[ci]!.indicators[ii]!));

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate(toDocument(draft), { onSuccess: (f) => navigate(`/frameworks/${f.id}`) });
  }

  return (
    <form className="form form-wide framework-editor" onSubmit={submit} noValidate>
      {!isConflict(update.error) &&
        update.error != null && (
          <div className="alert alert-error" role="alert">
            <p>{update.error instanceof ApiError && update.error.status === 422 ? t('frameworks.fixErrors') : errorMessage(update.error, t)}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map(([path, message]) => (
                  <li key={path}>
                    {path}: {message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      <TextField id="code" label={t('fields.code')} value={draft.code} onChange={(v) => change((d) => void (d.code = v))} error={err('code')} />
      <TextField id="name" label={t('frameworks.name')} value={draft.name} onChange={(v) => change((d) => void (d.name = v))} error={err('name')} />
      <SelectField
        id="subject_kind"
        label={t('frameworks.subjectKind')}
        value={draft.subject_kind}
        onChange={(v) => change((d) => void (d.subject_kind = v as Draft['subject_kind']))}
        error={err('subject_kind')}
        options={SUBJECT_KINDS.map((s) => ({ value: s, label: t(`subjectKinds.${s}`) }))}
      />
      {err('criteria') && <p className="field-error">{err('criteria')}</p>}

      {draft.criteria.map((c, ci) => {
        const cp = `criteria.${ci}`;
        return (
          <fieldset key={ci} className="criterion-edit">
            <legend>
              {t('frameworks.criterion')} {c.code}
            </legend>
            {err(cp) && <p className="field-error">{err(cp)}</p>}
            <div className="grid-2">
              <TextField id={`${cp}.code`} label={t('fields.code')} value={c.code} onChange={(v) => change((d) => void (d.criteria[ci]!.code = v))} error={err(`${cp}.code`)} />
              <TextField id={`${cp}.name`} label={t('frameworks.criterionName')} value={c.name} onChange={(v) => change((d) => void (d.criteria[ci]!.name = v))} error={err(`${cp}.name`)} />
            </div>
            {err(`${cp}.indicators`) && <p className="field-error">{err(`${cp}.indicators`)}</p>}
            {c.indicators.map((ind, ii) => {
              const ip = `${cp}.indicators.${ii}`;
              return (
                <fieldset key={ii} className="indicator-edit">
                  <legend>
                    {t('frameworks.indicator')} {ind.code}
                  </legend>
                  {err(ip) && <p className="field-error">{err(ip)}</p>}
                  <div className="grid-2">
                    <TextField id={`${ip}.code`} label={t('fields.code')} value={ind.code} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.code = v))} error={err(`${ip}.code`)} />
                    <TextField id={`${ip}.name`} label={t('frameworks.indicatorName')} value={ind.name} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.name = v))} error={err(`${ip}.name`)} />
                    <SelectField
                      id={`${ip}.kind`}
                      label={t('frameworks.kind')}
                      value={ind.kind}
                      onChange={(v) => changeIndicator(ci, ii, (i) => void (i.kind = v as DraftIndicator['kind']))}
                      error={err(`${ip}.kind`)}
                      options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`indicator.kinds.${k}`) }))}
                    />
                    <SelectField
                      id={`${ip}.rule`}
                      label={t('frameworks.rule')}
                      value={ind.rule}
                      onChange={(v) => changeIndicator(ci, ii, (i) => void (i.rule = v as DraftIndicator['rule']))}
                      error={err(`${ip}.rule`)}
                      options={INDICATOR_RULES.map((r) => ({ value: r, label: t(`frameworks.rules.${r}`) }))}
                    />
                    <SelectField
                      id={`${ip}.direction`}
                      label={t('frameworks.direction')}
                      value={ind.direction}
                      onChange={(v) => changeIndicator(ci, ii, (i) => void (i.direction = v as DraftIndicator['direction']))}
                      error={err(`${ip}.direction`)}
                      options={(['higher', 'lower'] as const).map((r) => ({ value: r, label: t(`frameworks.directions.${r}`) }))}
                    />
                    <TextField id={`${ip}.target`} label={t('indicator.target')} inputMode="decimal" value={ind.target} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.target = v))} error={err(`${ip}.target`)} />
                    <TextField id={`${ip}.max_points`} label={t('frameworks.points')} inputMode="decimal" value={ind.max_points} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.max_points = v))} error={err(`${ip}.max_points`)} />
                    <SelectField
                      id={`${ip}.content_area_code`}
                      label={t('frameworks.contentArea')}
                      value={ind.content_area_code}
                      onChange={(v) => changeIndicator(ci, ii, (i) => void (i.content_area_code = v))}
                      error={err(`${ip}.content_area_code`)}
                      empty={t('common.none')}
                      options={contentAreas.map((a) => ({ value: a.code, label: `${a.code} – ${a.name}` }))}
                    />
                    {ind.kind === 'computed' && (
                      <SelectField
                        id={`${ip}.source`}
                        label={t('frameworks.source')}
                        value={ind.source}
                        onChange={(v) => changeIndicator(ci, ii, (i) => void (i.source = v))}
                        error={err(`${ip}.source`)}
                        empty={t('common.choose')}
                        options={(sources.data ?? [])
                          .filter((s) => s.subject_kind === draft.subject_kind)
                          .map((s) => ({ value: s.name, label: s.available ? s.label : `${s.label} (${t('frameworks.sourceUnavailable')})` }))}
                      />
                    )}
                    <TextField id={`${ip}.moet_4725`} label={t('frameworks.moet4725')} value={ind.moet_4725} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.moet_4725 = v))} error={err(`${ip}.moet_4725`)} />
                  </div>
                  <CheckboxField id={`${ip}.is_gate`} label={t('indicator.gate')} checked={ind.is_gate} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.is_gate = v))} />
                  <CheckboxField id={`${ip}.evidence_required`} label={t('evidence.required')} checked={ind.evidence_required} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.evidence_required = v))} />
                  {err(`${ip}.is_gate`) && <p className="field-error">{err(`${ip}.is_gate`)}</p>}

                  {ind.kind === 'level' && (
                    <div className="sub-list">
                      <h4>{t('frameworks.levels')}</h4>
                      {err(`${ip}.levels`) && <p className="field-error">{err(`${ip}.levels`)}</p>}
                      {ind.levels.map((l, li) => (
                        <div key={li} className="row-edit">
                          <TextField id={`${ip}.levels.${li}.value`} label={t('frameworks.levelValue')} inputMode="numeric" value={l.value} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.levels[li]!.value = v))} error={err(`${ip}.levels.${li}.value`) ?? err(`${ip}.levels.${li}`)} />
                          <TextField id={`${ip}.levels.${li}.label`} label={t('frameworks.levelLabel')} value={l.label} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.levels[li]!.label = v))} error={err(`${ip}.levels.${li}.label`)} />
                          <button type="button" className="danger small" onClick={() => changeIndicator(ci, ii, (i) => void i.levels.splice(li, 1))}>
                            {t('common.remove')}
                          </button>
                        </div>
                      ))}
                      <button type="button" className="small" onClick={() => changeIndicator(ci, ii, (i) => void i.levels.push({ value: String(i.levels.length), label: '' }))}>
                        {t('frameworks.addLevel')}
                      </button>
                    </div>
                  )}
                  {ind.rule === 'bands' && (
                    <div className="sub-list">
                      <h4>{t('frameworks.bands')}</h4>
                      {err(`${ip}.bands`) && <p className="field-error">{err(`${ip}.bands`)}</p>}
                      {ind.bands.map((b, bi) => (
                        <div key={bi} className="row-edit">
                          <TextField id={`${ip}.bands.${bi}.min_value`} label={t('frameworks.bandMin')} inputMode="decimal" value={b.min_value} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.bands[bi]!.min_value = v))} error={err(`${ip}.bands.${bi}.min_value`) ?? err(`${ip}.bands.${bi}`)} />
                          <TextField id={`${ip}.bands.${bi}.points`} label={t('frameworks.points')} inputMode="decimal" value={b.points} onChange={(v) => changeIndicator(ci, ii, (i) => void (i.bands[bi]!.points = v))} error={err(`${ip}.bands.${bi}.points`)} />
                          <button type="button" className="danger small" onClick={() => changeIndicator(ci, ii, (i) => void i.bands.splice(bi, 1))}>
                            {t('common.remove')}
                          </button>
                        </div>
                      ))}
                      <button type="button" className="small" onClick={() => changeIndicator(ci, ii, (i) => void i.bands.push({ min_value: '', points: '' }))}>
                        {t('frameworks.addBand')}
                      </button>
                    </div>
                  )}
                  <button type="button" className="danger small" onClick={() => change((d) => void d.criteria[ci]!.indicators.splice(ii, 1))}>
                    {t('frameworks.removeIndicator', { code: ind.code })}
                  </button>
                </fieldset>
              );
            })}
            <div className="actions">
              <button type="button" onClick={() => change((d) => void d.criteria[ci]!.indicators.push(newIndicator(nextIndicatorCode(c.code, allIndicatorCodes))))}>
                {t('frameworks.addIndicator')}
              </button>
              <button type="button" className="danger" onClick={() => change((d) => void d.criteria.splice(ci, 1))}>
                {t('frameworks.removeCriterion', { code: c.code })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button type="button" onClick={() => change((d) => void d.criteria.push(newCriterion(nextCriterionCode(d.criteria.map((x) => x.code)))))}>
          {t('frameworks.addCriterion')}
        </button>
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

export function FrameworkEditPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useFramework(id);
  const f = query.data;
  const update = useUpdateFramework(f);
  return (
    <section>
      <p>
        <Link to={`/frameworks/${id}`}>← {f?.name ?? t('frameworks.title')}</Link>
      </p>
      <h1>{t('frameworks.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(update.error) && <ErrorBanner error={update.error} />}
      {f && !f.allowed_actions.includes('update') && <p className="alert alert-error">{t('frameworks.notEditable')}</p>}
      {/* a 412 reloads the framework: the new version re-creates the editor with fresh data */}
      {f && f.allowed_actions.includes('update') && <FrameworkEditor key={f.version} framework={f} update={update} />}
    </section>
  );
}
