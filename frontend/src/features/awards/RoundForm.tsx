import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ROUND_KINDS, type AwardRound, type AwardRoundCreate, type RoundKind } from '../../api/types';
import { optional } from '../../lib/form';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useAwardTypeOptions } from './api/awards';
import { roundKindLabel } from './badges';

export const ROUND_FIELDS = ['kind', 'school_year', 'name', 'opens_on', 'closes_on', 'award_type_codes', 'phase_number', 'reason'] as const;

/**
 * Create a round (kind, school year for an annual round, dates, award types) or, with `initial`,
 * change its name, dates and award types (the kind and years of a round never change).
 */
export function RoundForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: AwardRound;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: AwardRoundCreate) => void;
}) {
  const { t } = useTranslation();
  const movements = useMovements();
  const active = useAwardTypeOptions('active');
  const years = movements.data?.[0]?.school_years ?? [];
  const [kind, setKind] = useState<RoundKind>(initial?.kind ?? 'annual');
  const [schoolYear, setSchoolYear] = useState(initial?.school_year ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [opensOn, setOpensOn] = useState(initial?.opens_on ?? '');
  const [closesOn, setClosesOn] = useState(initial?.closes_on ?? '');
  const [reason, setReason] = useState(initial?.reason ?? '');
  /** null: not touched yet — a new round offers every active award type of its kind */
  const [codes, setCodes] = useState<string[] | null>(initial ? initial.award_types.map((a) => a.code) : null);
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};

  // An ad hoc round offers the units' and the commune's awards (the province's follow its own procedure).
  const offered = (active.data ?? []).filter(
    (a) => a.round_kinds.includes(kind) || (kind === 'ad_hoc' && a.level !== 'province'),
  );
  // award types already in the round stay listed even if no longer active
  const options = [
    ...offered.map((a) => ({ code: a.code, label: `${a.code} – ${a.name} (${t(`awards.subjectKinds.${a.subject_kind}`)})` })),
    ...(initial?.award_types ?? [])
      .filter((o) => !offered.some((a) => a.code === o.code))
      .map((o) => ({ code: o.code, label: `${o.code} – ${o.name}` })),
  ];
  const chosen = codes ?? offered.map((a) => a.code);

  function toggle(code: string, on: boolean) {
    setCodes(on ? options.map((o) => o.code).filter((c) => c === code || chosen.includes(c)) : chosen.filter((c) => c !== code));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      kind,
      school_year: kind === 'annual' ? schoolYear || null : null,
      name: optional(name),
      opens_on: opensOn,
      closes_on: closesOn,
      award_type_codes: chosen.filter((c) => options.some((o) => o.code === c)),
      reason: kind === 'ad_hoc' ? optional(reason) : null,
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error ?? movements.error ?? active.error} fields={ROUND_FIELDS} />
      {!initial && (
        <>
          <SelectField
            id="kind"
            label={t('awards.rounds.kind')}
            value={kind}
            onChange={(v) => {
              setKind(v as RoundKind);
              setCodes(null);
            }}
            error={errors.kind}
            options={ROUND_KINDS.map((k) => ({ value: k, label: roundKindLabel(k, t) }))}
          />
          {kind === 'annual' && (
            <SelectField
              id="school_year"
              label={t('fields.schoolYear')}
              value={schoolYear}
              onChange={setSchoolYear}
              error={errors.school_year}
              empty={t('common.choose')}
              options={years.map((y) => ({ value: y, label: y }))}
              required
            />
          )}
          {errors.phase_number && <p className="field-error">{errors.phase_number}</p>}
        </>
      )}
      {kind === 'ad_hoc' && (
        <TextAreaField
          id="reason"
          label={t('awardFlows.reason')}
          hint={t('awardFlows.reasonHint')}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
      )}
      <TextField
        id="name"
        label={t('awards.rounds.name')}
        hint={initial ? undefined : t('awards.rounds.nameHint')}
        value={name}
        onChange={setName}
        error={errors.name}
      />
      <div className="grid-2">
        <TextField id="opens_on" type="date" label={t('awards.rounds.opensOn')} value={opensOn} onChange={setOpensOn} error={errors.opens_on} required />
        <TextField id="closes_on" type="date" label={t('awards.rounds.closesOn')} value={closesOn} onChange={setClosesOn} error={errors.closes_on} required />
      </div>
      <fieldset className="field">
        <legend>{t('awards.rounds.awardTypes')}</legend>
        <p className="field-hint">{t('awards.rounds.awardTypesHint')}</p>
        {active.isPending ? (
          <Loading />
        ) : options.length === 0 ? (
          <p className="muted">{t('awards.rounds.noAwardTypes')}</p>
        ) : (
          <div className="checks">
            {options.map((o) => (
              <CheckboxField key={o.code} id={`award_type_codes.${o.code}`} label={o.label} checked={chosen.includes(o.code)} onChange={(on) => toggle(o.code, on)} />
            ))}
          </div>
        )}
        {errors.award_type_codes && <p className="field-error">{errors.award_type_codes}</p>}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
