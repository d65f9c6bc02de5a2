import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import {
  AWARD_LEVELS,
  AWARD_SUBJECT_KINDS,
  GRANTING_AUTHORITIES,
  ROUND_KINDS,
  type AwardLevel,
  type AwardSubjectKind,
  type AwardType,
  type GrantingAuthority,
} from '../../api/types';
import { errorMessage, isConflict } from '../../lib/errors';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useAwardType, useAwardTypeOptions, useIndicatorSuggestions, useSaveAwardType } from './api/awards';
import { RuleList, SUGGESTION_LISTS } from './RuleEditor';
import {
  AUTHORITY_OF_LEVEL,
  RULE_KINDS,
  editorErrors,
  isShownPath,
  newAwardTypeDraft,
  toAwardTypeDocument,
  toAwardTypeDraft,
  type AwardTypeDraft,
} from './rules';
import { roundKindLabel } from './badges';

/** The award type document editor (new award type, or a draft version not yet used). */
function AwardTypeEditor({ initial, save }: { initial?: AwardType; save: ReturnType<typeof useSaveAwardType> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<AwardTypeDraft>(() => (initial ? toAwardTypeDraft(initial) : newAwardTypeDraft()));
  const awardTypes = useAwardTypeOptions();
  const indicators = useIndicatorSuggestions(draft.subject_kind, true);
  const problem = save.error instanceof ApiError ? save.error.problem : null;
  const errors = editorErrors(problem);
  const unplaced = Object.entries(errors).filter(([path]) => !isShownPath(path, draft));
  const set = <K extends keyof AwardTypeDraft>(key: K, value: AwardTypeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const codes = [...new Set((awardTypes.data ?? []).map((a) => a.code))].sort();

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(toAwardTypeDocument(draft), { onSuccess: (a) => navigate(`/awards/types/${a.id}`) });
  }

  return (
    <form className="form form-wide award-type-editor" onSubmit={submit} noValidate>
      {!isConflict(save.error) && save.error != null && (
        <div className="alert alert-error" role="alert">
          <p>{save.error instanceof ApiError && save.error.status === 422 ? t('awards.types.fixErrors') : errorMessage(save.error, t)}</p>
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
      <div className="grid-2">
        <TextField
          id="code"
          label={t('fields.code')}
          value={draft.code}
          onChange={(v) => set('code', v)}
          error={errors.code}
          readOnly={!!initial}
          hint={initial ? t('awards.types.codeFixed') : t('awards.types.codeHint')}
          autoComplete="off"
          required
        />
        <TextField id="name" label={t('awards.types.name')} value={draft.name} onChange={(v) => set('name', v)} error={errors.name} required />
        <SelectField
          id="level"
          label={t('awards.types.level')}
          value={draft.level}
          onChange={(v) => setDraft((d) => ({ ...d, level: v as AwardLevel, granting_authority: AUTHORITY_OF_LEVEL[v as AwardLevel] }))}
          error={errors.level}
          options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`awards.levels.${l}`) }))}
        />
        <SelectField
          id="granting_authority"
          label={t('awards.types.authority')}
          value={draft.granting_authority}
          onChange={(v) => set('granting_authority', v as GrantingAuthority)}
          error={errors.granting_authority}
          options={GRANTING_AUTHORITIES.map((g) => ({ value: g, label: t(`awards.authorities.${g}`) }))}
        />
        <SelectField
          id="subject_kind"
          label={t('awards.types.subjectKind')}
          value={draft.subject_kind}
          onChange={(v) => set('subject_kind', v as AwardSubjectKind)}
          error={errors.subject_kind}
          options={AWARD_SUBJECT_KINDS.map((s) => ({ value: s, label: t(`awards.subjectKinds.${s}`) }))}
        />
      </div>
      <fieldset className="field">
        <legend>{t('awards.types.roundKinds')}</legend>
        <div className="checks">
          {ROUND_KINDS.map((k) => (
            <CheckboxField
              key={k}
              id={`round_kinds.${k}`}
              label={roundKindLabel(k, t)}
              checked={draft.round_kinds.includes(k)}
              onChange={(on) =>
                set('round_kinds', on ? ROUND_KINDS.filter((x) => x === k || draft.round_kinds.includes(x)) : draft.round_kinds.filter((x) => x !== k))
              }
            />
          ))}
        </div>
        {errors.round_kinds && <p className="field-error">{errors.round_kinds}</p>}
      </fieldset>
      <CheckboxField id="themed" label={t('awards.types.themed')} checked={draft.themed} onChange={(v) => set('themed', v)} />
      {errors.themed && <p className="field-error">{errors.themed}</p>}
      <CheckboxField id="merit_based" label={t('awards.types.meritBased')} checked={draft.merit_based} onChange={(v) => set('merit_based', v)} />
      {errors.merit_based && <p className="field-error">{errors.merit_based}</p>}
      <TextField
        id="cash_coefficient"
        label={t('awards.types.cashCoefficient')}
        hint={t('awards.types.cashCoefficientHint')}
        value={draft.cash_coefficient}
        onChange={(v) => set('cash_coefficient', v)}
        error={errors.cash_coefficient}
        inputMode="decimal"
      />
      <TextAreaField
        id="description"
        label={t('awards.types.description')}
        value={draft.description}
        onChange={(v) => set('description', v)}
        error={errors.description}
      />

      <h2>{t('awards.types.rules')}</h2>
      <p className="field-hint">{t('awards.types.rulesHint')}</p>
      <RuleList rules={draft.rules} path="rules" kinds={RULE_KINDS} errors={errors} onChange={(rules) => set('rules', rules)} />
      <datalist id={SUGGESTION_LISTS.awardTypes}>
        {codes.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id={SUGGESTION_LISTS.indicators}>
        {indicators.map((i) => (
          <option key={i.code} value={i.code}>
            {i.name}
          </option>
        ))}
      </datalist>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('awards.save')}
        </button>
      </div>
    </form>
  );
}

export function AwardTypeCreatePage() {
  const { t } = useTranslation();
  const save = useSaveAwardType(undefined);
  return (
    <section>
      <p>
        <Link to="/awards/types">← {t('awards.types.title')}</Link>
      </p>
      <h1>{t('awards.types.create')}</h1>
      <p className="muted">{t('awards.types.createHint')}</p>
      <AwardTypeEditor save={save} />
    </section>
  );
}

export function AwardTypeEditPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useAwardType(id);
  const a = query.data;
  const save = useSaveAwardType(a);
  return (
    <section>
      <p>
        <Link to={`/awards/types/${id}`}>← {a?.name ?? t('awards.types.title')}</Link>
      </p>
      <h1>{t('awards.types.edit')}</h1>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {isConflict(save.error) && <ErrorBanner error={save.error} />}
      {a && !a.allowed_actions.includes('update') && <p className="alert alert-error">{t('awards.types.notEditable')}</p>}
      {/* a 412 reloads the award type: the new version re-creates the editor with fresh data */}
      {a && a.allowed_actions.includes('update') && <AwardTypeEditor key={a.version} initial={a} save={save} />}
    </section>
  );
}
