import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { SelectField, TextAreaField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';
import { useLookup } from '../../lib/queries/lookups';
import { isUnitBound } from '../../lib/units';
import { useUnitStaffBelow } from '../../lib/queries/staff';
import { useCreateNomination, useEligibilityPreview, useRoundOptions } from './api/nominations';
import { EligibilityChecklist } from './EligibilityChecklist';
import { AssessmentPicker, InitiativePicker } from './NomineeLinks';
import {
  changeDraft,
  createBody,
  eligibilityRequest,
  emptyDraft,
  findAward,
  isIndividual,
  nominationFieldErrors,
  offeredAwards,
  sortRounds,
  unitChoices,
  type NominationDraft,
} from './nomination';
import './nominations.css';

/** Fields of the form (their errors are shown next to them, not in the banner). */
const FIELDS = ['round_id', 'award_type_code', 'unit_id', 'staff_id', 'justification', 'initiative_ids', 'assessment_ids'] as const;

export function NominationCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const rounds = useRoundOptions();
  const units = useUnitOptions();
  const unitBound = isUnitBound(me.roles);
  const reach = useLookup('units', { in_reach: true, limit: 100 }, unitBound);
  const create = useCreateNomination();
  const [draft, setDraft] = useState<NominationDraft>(() =>
    emptyDraft(me.roles.includes('unit_manager') ? me.unit_id : null),
  );
  const [sent, setSent] = useState<{ initiatives: number[]; assessments: number[] }>({ initiatives: [], assessments: [] });

  const sorted = sortRounds(rounds.data ?? []);
  // the first open round is proposed once the rounds are known
  useEffect(() => {
    const first = sortRounds(rounds.data ?? []).find((r) => r.is_open);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a one-time default once the rounds have loaded
    if (first) setDraft((d) => (d.roundId === null ? { ...d, roundId: first.id } : d));
  }, [rounds.data]);

  const round = sorted.find((r) => r.id === draft.roundId) ?? null;
  const award = findAward(round, draft.awardCode);
  const individual = isIndividual(award);
  const staff = useUnitStaffBelow(individual ? draft.unitId : null);
  const person = staff.staff.find((s) => s.id === draft.staffId);
  const request = eligibilityRequest(draft, round);
  const preview = useEligibilityPreview(request);
  const body = createBody(draft, round);

  const set = (change: Partial<NominationDraft>) => setDraft((d) => changeDraft(d, change, sorted));

  const saveErrors = create.error instanceof ApiError ? nominationFieldErrors(create.error.problem) : {};
  const previewErrors = request && preview.error instanceof ApiError ? nominationFieldErrors(preview.error.problem) : {};
  const fieldError = (name: string) => saveErrors[name] ?? previewErrors[name];

  // Every unit is readable (the organisation chart), but a school nominates only from its own reach.
  const reachable = new Set((reach.data ?? []).map((u) => u.id));
  const nominable = unitBound ? (units.data ?? []).filter((u) => reachable.has(u.id)) : (units.data ?? []);
  const unitOptions = unitChoices(nominable, award, me.unit_id);
  const chosenUnit = (units.data ?? []).find((u) => u.id === draft.unitId);
  if (chosenUnit && !unitOptions.some((o) => o.value === String(chosenUnit.id)))
    unitOptions.push({ value: String(chosenUnit.id), label: chosenUnit.name });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body) return;
    setSent({ initiatives: body.initiative_ids ?? [], assessments: body.assessment_ids ?? [] });
    create.mutate(body, { onSuccess: (n) => navigate(`/awards/nominations/${n.id}`) });
  }

  const awardLabel = (a: { name: string; level?: string | null; subject_kind?: string | null }) =>
    `${a.name} (${[a.level ? t(`nominations.levels.${a.level}`) : '', a.subject_kind ? t(`nominations.subjectKinds.${a.subject_kind}`) : '']
      .filter(Boolean)
      .join(' · ')})`;

  return (
    <section>
      <p>
        <Link to="/awards/nominations">← {t('nominations.title')}</Link>
      </p>
      <h1>{t('nominations.create')}</h1>
      <form className="form form-wide" onSubmit={submit} noValidate aria-label={t('nominations.create')}>
        <ErrorBanner error={create.error ?? rounds.error ?? units.error} fields={FIELDS} />
        {rounds.isPending ? (
          <Loading />
        ) : sorted.length === 0 ? (
          <p className="alert alert-info">{t('nominations.noRounds')}</p>
        ) : null}
        <SelectField
          id="round_id"
          label={t('nominations.round')}
          value={draft.roundId ? String(draft.roundId) : ''}
          onChange={(v) => set({ roundId: Number(v) || null })}
          empty={t('common.choose')}
          options={sorted.map((r) => ({
            value: String(r.id),
            label: `${r.name} (${r.is_open ? t('nominations.roundOpen') : t('nominations.roundClosed')})`,
          }))}
          error={fieldError('round_id')}
          hint={round ? t('nominations.roundDates', { from: round.opens_on, to: round.closes_on }) : undefined}
          required
        />
        <SelectField
          id="award_type_code"
          label={t('nominations.award')}
          value={draft.awardCode}
          onChange={(v) => set({ awardCode: v })}
          empty={t('common.choose')}
          options={offeredAwards(round).map((a) => ({ value: a.code, label: awardLabel(a) }))}
          error={fieldError('award_type_code')}
          disabled={!round}
          required
        />
        <SelectField
          id="unit_id"
          label={t('nominations.unit')}
          value={draft.unitId ? String(draft.unitId) : ''}
          onChange={(v) => set({ unitId: Number(v) || null })}
          empty={t('common.choose')}
          options={unitOptions}
          error={fieldError('unit_id')}
          hint={award && !individual ? t('nominations.collectiveUnitHint') : undefined}
          required
        />
        {individual ? (
          <SelectField
            id="staff_id"
            label={t('nominations.staff')}
            value={draft.staffId ? String(draft.staffId) : ''}
            onChange={(v) => set({ staffId: Number(v) || null })}
            empty={draft.unitId ? t('common.choose') : t('nominations.chooseUnitFirst')}
            options={staff.staff.map((s) => ({ value: String(s.id), label: `${s.full_name} – ${s.position} (${s.unit_name})` }))}
            error={fieldError('staff_id') ?? (staff.error ? t('nominations.staffUnavailable') : undefined)}
            disabled={!draft.unitId}
            required
          />
        ) : (
          award && <p className="muted">{t('nominations.collectiveNoStaff')}</p>
        )}

        <section aria-labelledby="eligibility-heading">
          <h2 id="eligibility-heading">{t('nominations.checklist')}</h2>
          {!request ? (
            <p className="muted">{t('nominations.completeToCheck')}</p>
          ) : preview.error && !preview.checking ? (
            <ErrorBanner error={preview.error} fields={FIELDS} />
          ) : preview.data ? (
            <EligibilityChecklist result={preview.data} checking={preview.checking} />
          ) : (
            <p className="muted" role="status">
              {t('nominations.checking')}
            </p>
          )}
          {request && preview.data && !preview.data.eligible && !preview.checking && (
            <p className="field-hint">{t('nominations.draftDespiteFailure')}</p>
          )}
        </section>

        {award ? (
          <>
            <InitiativePicker
              subject={{ unitId: draft.unitId, staffId: draft.staffId, individual }}
              selected={draft.initiativeIds}
              onChange={(ids) => set({ initiativeIds: ids })}
              errors={saveErrors}
              sent={sent.initiatives}
            />
            <AssessmentPicker
              subject={{ unitId: individual ? (person?.unit_id ?? null) : draft.unitId, staffId: draft.staffId, individual }}
              selected={draft.assessmentIds}
              onChange={(ids) => set({ assessmentIds: ids })}
              errors={saveErrors}
              sent={sent.assessments}
            />
          </>
        ) : (
          <p className="muted">{t('nominations.chooseAwardForLinks')}</p>
        )}
        <TextAreaField
          id="justification"
          label={t('nominations.justification')}
          hint={t('nominations.justificationHint')}
          value={draft.justification}
          onChange={(v) => setDraft((d) => ({ ...d, justification: v }))}
          error={fieldError('justification')}
          rows={6}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!body || create.isPending}>
            {t('nominations.saveDraft')}
          </button>
          {!body && <span className="muted">{t('nominations.completeToSave')}</span>}
        </div>
      </form>
    </section>
  );
}
