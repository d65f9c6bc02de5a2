import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/ErrorBanner';
import { useNomineeAssessments, useNomineeInitiatives } from './api/nominations';
import { itemError, toggleId } from './nomination';
import type { LinkedAssessment, LinkedInitiative } from './types';

interface Subject {
  /** the nominated unit (collective) or the unit chosen for the person */
  unitId: number | null;
  staffId: number | null;
  individual: boolean;
}

interface PickerProps {
  subject: Subject;
  selected: readonly number[];
  onChange: (ids: number[]) => void;
  /** field errors of the last save (keys below the body: "initiative_ids.0", …) */
  errors: Record<string, string>;
  /** the ids as last sent, to place per-item errors */
  sent: readonly number[];
}

/**
 * Recognised initiatives of the nominee to cite. The initiatives API may be unavailable (for example
 * an older server): the nomination can still be saved without them and completed later.
 */
export function InitiativePicker({
  subject,
  selected,
  onChange,
  errors,
  sent,
  linked = [],
}: PickerProps & { linked?: readonly LinkedInitiative[] }) {
  const { t } = useTranslation();
  const query = useNomineeInitiatives(subject);
  const ready = subject.individual ? !!subject.staffId : !!subject.unitId;
  const offered = (query.data ?? []).map((i) => ({
    id: i.id,
    title: i.title,
    detail: [i.kind_label, i.school_year, i.recognition_level_label].filter(Boolean).join(' · '),
    used: i.used,
  }));
  // initiatives already linked but no longer offered stay visible so they can be removed
  const items = [
    ...offered,
    ...linked
      .filter((l) => !offered.some((o) => o.id === l.id))
      .map((l) => ({ id: l.id, title: l.title, detail: l.school_year, used: l.used })),
  ];
  const general = errors.initiative_ids;
  return (
    <fieldset className="field">
      <legend>{t('nominations.initiatives')}</legend>
      <p className="field-hint">{subject.individual ? t('nominations.initiativesHintPerson') : t('nominations.initiativesHintUnit')}</p>
      {general && <p className="field-error">{general}</p>}
      {!ready ? (
        <p className="muted">{subject.individual ? t('nominations.chooseStaffFirst') : t('nominations.chooseUnitFirst')}</p>
      ) : query.isError ? (
        <p className="alert alert-info" role="status">
          {t('nominations.initiativesUnavailable')}
        </p>
      ) : query.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('nominations.noInitiatives')}</p>
      ) : (
        <ul className="pick-list">
          {items.map((i) => {
            const checked = selected.includes(i.id);
            const err = itemError(errors, 'initiative_ids', sent, i.id);
            return (
              <li key={i.id} className="check">
                <input
                  id={`initiative-${i.id}`}
                  type="checkbox"
                  checked={checked}
                  disabled={i.used && !checked}
                  onChange={(e) => onChange(toggleId(selected, i.id, e.target.checked))}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={`initiative-${i.id}-detail${err ? ` initiative-${i.id}-error` : ''}`}
                />
                <span>
                  {/* the label is the title only; the details (kind, year, level) describe it */}
                  <label htmlFor={`initiative-${i.id}`}>{i.title}</label>{' '}
                  <span className="muted" id={`initiative-${i.id}-detail`}>
                    ({i.detail})
                  </span>
                  {i.used && <span className="badge badge-warn">{t('nominations.initiativeUsed')}</span>}
                  {err && (
                    <span className="field-error" id={`initiative-${i.id}-error`}>
                      {err}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

/** The nominee's own self-assessments (a unit's, or the person's) to attach. */
export function AssessmentPicker({
  subject,
  selected,
  onChange,
  errors,
  sent,
  linked = [],
}: PickerProps & { linked?: readonly LinkedAssessment[] }) {
  const { t } = useTranslation();
  const query = useNomineeAssessments(subject);
  const ready = !!subject.unitId && (!subject.individual || !!subject.staffId);
  const offered = (query.data ?? []).map((a) => ({
    id: a.id,
    label: `${a.framework_code} · ${a.school_year}`,
    status: t(`assessments.statuses.${a.status}`, { defaultValue: a.status }),
  }));
  const items = [
    ...offered,
    ...linked
      .filter((l) => !offered.some((o) => o.id === l.id))
      .map((l) => ({ id: l.id, label: l.school_year, status: t(`assessments.statuses.${l.status}`, { defaultValue: l.status }) })),
  ];
  const general = errors.assessment_ids;
  return (
    <fieldset className="field">
      <legend>{t('nominations.assessments')}</legend>
      {general && <p className="field-error">{general}</p>}
      {!ready ? (
        <p className="muted">{subject.individual ? t('nominations.chooseStaffFirst') : t('nominations.chooseUnitFirst')}</p>
      ) : query.isError ? (
        <p className="alert alert-info" role="status">
          {t('nominations.assessmentsUnavailable')}
        </p>
      ) : query.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('nominations.noAssessments')}</p>
      ) : (
        <ul className="pick-list">
          {items.map((a) => {
            const err = itemError(errors, 'assessment_ids', sent, a.id);
            return (
              <li key={a.id} className="check">
                <input
                  id={`assessment-${a.id}`}
                  type="checkbox"
                  checked={selected.includes(a.id)}
                  onChange={(e) => onChange(toggleId(selected, a.id, e.target.checked))}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={`assessment-${a.id}-detail${err ? ` assessment-${a.id}-error` : ''}`}
                />
                <span>
                  <label htmlFor={`assessment-${a.id}`}>{a.label}</label>{' '}
                  <span className="muted" id={`assessment-${a.id}-detail`}>
                    ({a.status})
                  </span>
                  {err && (
                    <span className="field-error" id={`assessment-${a.id}-error`}>
                      {err}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
