import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { AWARD_LEVELS, DECISION_KINDS, type AwardLevel } from '../../api/types';
import { useMe } from '../../lib/auth';
import { documentErrors } from '../../lib/indicators';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useApprovedNominations, useAwardRoundOptions, useCreateAwardDecision } from './api/awards';
import { todayIso } from './dates';

const DECISION_FIELDS = ['round_id', 'kind', 'level', 'number', 'signed_on', 'signer_name', 'signer_title', 'nomination_ids'] as const;

/** Draft decision (or, for the province level, the commune's proposal) from approved nominations. */
export function DecisionCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const rounds = useAwardRoundOptions();
  const create = useCreateAwardDecision();
  const [roundId, setRoundId] = useState(params.get('round_id') ?? '');
  const [level, setLevel] = useState<AwardLevel>(me.roles.includes('unit_manager') ? 'unit' : 'commune');
  const [kind, setKind] = useState<string>('decision');
  const [number, setNumber] = useState('');
  const [signedOn, setSignedOn] = useState(todayIso());
  const [signerName, setSignerName] = useState('');
  const [signerTitle, setSignerTitle] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [sent, setSent] = useState<number[]>([]);
  const nominations = useApprovedNominations(Number(roundId) || undefined, level);
  const errors = create.error instanceof ApiError ? documentErrors(create.error.problem) : {};
  const nominationError = (id: number) => {
    const n = sent.indexOf(id);
    return n < 0 ? undefined : errors[`nomination_ids.${n}`];
  };
  const available = nominations.data ?? [];
  const selected = chosen.filter((id) => available.some((n) => n.id === id));

  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(selected);
    create.mutate(
      {
        round_id: Number(roundId),
        kind,
        level,
        number: number.trim(),
        signed_on: signedOn,
        signer_name: signerName.trim(),
        signer_title: signerTitle.trim(),
        nomination_ids: selected,
      },
      { onSuccess: (d) => navigate(`/awards/decisions/${d.id}`) },
    );
  }

  return (
    <section>
      <p>
        <Link to="/awards/decisions">← {t('awards.decisions.title')}</Link>
      </p>
      <h1>{t('awards.decisions.create')}</h1>
      <form className="form form-wide" onSubmit={submit} noValidate>
        <ErrorBanner error={create.error ?? rounds.error} fields={DECISION_FIELDS} />
        <div className="grid-2">
          <SelectField
            id="round_id"
            label={t('awards.decisions.round')}
            value={roundId}
            onChange={(v) => {
              setRoundId(v);
              setChosen([]);
            }}
            error={errors.round_id}
            empty={t('common.choose')}
            options={(rounds.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
            required
          />
          <SelectField
            id="level"
            label={t('awards.decisions.level')}
            value={level}
            onChange={(v) => {
              setLevel(v as AwardLevel);
              setKind(v === 'province' ? 'proposal' : 'decision');
              setChosen([]);
            }}
            error={errors.level}
            options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`awards.levels.${l}`) }))}
          />
          <SelectField
            id="kind"
            label={t('awards.decisions.kind')}
            hint={t('awards.decisions.kindHint')}
            value={kind}
            onChange={setKind}
            error={errors.kind}
            options={DECISION_KINDS.map((k) => ({ value: k, label: t(`awards.decisions.kinds.${k}`) }))}
          />
          <TextField id="number" label={t('awards.decisions.number')} hint={t('awards.decisions.numberHint')} value={number} onChange={setNumber} error={errors.number} required />
          <TextField id="signed_on" type="date" label={t('awards.decisions.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} required />
          <TextField id="signer_name" label={t('awards.decisions.signerName')} value={signerName} onChange={setSignerName} error={errors.signer_name} required />
          <TextField
            id="signer_title"
            label={t('awards.decisions.signerTitle')}
            hint={t('awards.decisions.signerTitleHint')}
            value={signerTitle}
            onChange={setSignerTitle}
            error={errors.signer_title}
            required
          />
        </div>

        <fieldset className="field" aria-describedby="nominations-hint">
          <legend>{t('awards.decisions.chooseNominations')}</legend>
          <p className="field-hint" id="nominations-hint">
            {t('awards.decisions.chooseNominationsHint')}
          </p>
          {errors.nomination_ids && <p className="field-error">{errors.nomination_ids}</p>}
          <ErrorBanner error={nominations.error} />
          {!roundId ? (
            <p className="muted">{t('awards.decisions.chooseRoundFirst')}</p>
          ) : nominations.isPending ? (
            <Loading />
          ) : available.length === 0 ? (
            <p className="muted">{t('awards.decisions.noNominations')}</p>
          ) : (
            <>
              <div className="actions">
                <button type="button" className="small" onClick={() => setChosen(available.map((n) => n.id))}>
                  {t('awards.decisions.selectAll')}
                </button>
                <button type="button" className="small" onClick={() => setChosen([])}>
                  {t('awards.decisions.selectNone')}
                </button>
              </div>
              <ul className="attendee-list">
                {available.map((n) => {
                  const err = nominationError(n.id);
                  return (
                    <li key={n.id}>
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={selected.includes(n.id)}
                          onChange={(e) => setChosen((c) => (e.target.checked ? [...c, n.id] : c.filter((x) => x !== n.id)))}
                        />{' '}
                        {n.subject_name}{' '}
                        <span className="muted">
                          ({n.unit_name} · {n.award_type_code} – {n.award_name})
                        </span>
                      </label>
                      {err && <p className="field-error">{err}</p>}
                    </li>
                  );
                })}
              </ul>
              <p className="muted" aria-live="polite">
                {t('awards.decisions.selectedN', { n: selected.length })}
              </p>
            </>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('awards.decisions.createButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
