import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { CONTRIBUTION_KINDS, PARTNER_KINDS, type ContributionKind, type PartnerKind } from '../../api/types';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { formatDate } from '../../lib/format';
import { changed } from '../../lib/form';
import { useSchoolOptions } from '../../lib/queries/units';
import {
  useDeleteAgreement,
  useDeleteContribution,
  useDeletePartner,
  useUpdateAgreement,
  useUpdateContribution,
  useUpdatePartner,
  type Agreement,
  type Contribution,
  type Partner,
} from './api/budget';
import { formatDong, parseDong } from './money';

type Mode =
  | { kind: 'partner' }
  | { kind: 'agreement'; row: Agreement }
  | { kind: 'contribution'; row: Contribution }
  | { kind: 'delete'; what: 'partner' | 'agreement' | 'contribution'; row?: Agreement | Contribution };

function errorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? fieldErrors(error.problem) : {};
}

/** One form at a time (a form's ids are the API's field names, which the error summary links to). */
export function PartnerEditPanel({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>({ kind: 'partner' });
  const [saved, setSaved] = useState('');
  const removePartner = useDeletePartner();
  const removeAgreement = useDeleteAgreement();
  const removeContribution = useDeleteContribution();
  const back = (message: string) => {
    setSaved(message);
    setMode({ kind: 'partner' });
  };
  const agreementName = (a: Agreement) => [a.number, a.title].filter(Boolean).join(': ');
  const contributionName = (c: Contribution) => `${c.description} (${formatDong(c.amount_vnd)})`;

  const agreementColumns: Column<Agreement>[] = [
    { key: 'number', label: t('budget.partners.agreementNumber'), render: (a) => a.number || '—' },
    { key: 'title', label: t('budget.partners.agreementTitle'), render: (a) => a.title },
    { key: 'signed', label: t('budget.partners.signedOn'), render: (a) => formatDate(a.signed_on) },
    { key: 'pledged', label: t('budget.partners.pledged'), className: 'col-num', render: (a) => formatDong(a.pledged_vnd) },
    {
      key: 'actions',
      label: t('actors.actions'),
      render: (a) => (
        <span className="actions">
          <button type="button" onClick={() => { setSaved(''); setMode({ kind: 'agreement', row: a }); }} aria-label={t('actors.partners.editAgreementNamed', { name: agreementName(a) })}>
            {t('common.edit')}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => { setSaved(''); removeAgreement.reset(); setMode({ kind: 'delete', what: 'agreement', row: a }); }}
            aria-label={t('actors.partners.deleteAgreementNamed', { name: agreementName(a) })}
          >
            {t('common.delete')}
          </button>
        </span>
      ),
    },
  ];
  const contributionColumns: Column<Contribution>[] = [
    { key: 'year', label: t('budget.schoolYear'), render: (c) => c.school_year },
    { key: 'kind', label: t('budget.partners.contributionKind'), render: (c) => t(`budget.partners.contributionKinds.${c.kind}`) },
    { key: 'description', label: t('budget.partners.description'), render: (c) => c.description },
    { key: 'received', label: t('budget.partners.receivedOn'), render: (c) => formatDate(c.received_on) },
    { key: 'school', label: t('budget.partners.school'), render: (c) => c.unit_name ?? '—' },
    { key: 'amount', label: t('budget.partners.value'), className: 'col-num', render: (c) => formatDong(c.amount_vnd) },
    {
      key: 'actions',
      label: t('actors.actions'),
      render: (c) => (
        <span className="actions">
          <button type="button" onClick={() => { setSaved(''); setMode({ kind: 'contribution', row: c }); }} aria-label={t('actors.partners.editContributionNamed', { name: contributionName(c) })}>
            {t('common.edit')}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => { setSaved(''); removeContribution.reset(); setMode({ kind: 'delete', what: 'contribution', row: c }); }}
            aria-label={t('actors.partners.deleteContributionNamed', { name: contributionName(c) })}
          >
            {t('common.delete')}
          </button>
        </span>
      ),
    },
  ];

  let deleting: ReactNode = null;
  if (mode.kind === 'delete') {
    const question =
      mode.what === 'partner'
        ? t('actors.partners.deletePartnerConfirm', { name: partner.name })
        : mode.what === 'agreement'
          ? t('actors.partners.deleteAgreementConfirm', { name: agreementName(mode.row as Agreement) })
          : t('actors.partners.deleteContributionConfirm', { name: contributionName(mode.row as Contribution) });
    const mutation = mode.what === 'partner' ? removePartner : mode.what === 'agreement' ? removeAgreement : removeContribution;
    const yes = () => {
      if (mode.what === 'partner') removePartner.mutate(partner, { onSuccess: onClose });
      else if (mode.what === 'agreement')
        removeAgreement.mutate({ partnerId: partner.id, agreement: mode.row as Agreement }, { onSuccess: () => back(t('actors.deleted')) });
      else
        removeContribution.mutate(
          { partnerId: partner.id, contribution: mode.row as Contribution },
          { onSuccess: () => back(t('actors.deleted')) },
        );
    };
    deleting = (
      <>
        <ErrorBanner error={mutation.error} />
        <ConfirmDelete question={question} yes={t('common.delete')} busy={mutation.isPending} onYes={yes} onCancel={() => setMode({ kind: 'partner' })} />
      </>
    );
  }

  return (
    <section className="partner-edit" aria-label={t('actors.partners.editNamed', { name: partner.name })}>
      <div className="page-head">
        <h2>{t('actors.partners.editNamed', { name: partner.name })}</h2>
        <button type="button" onClick={onClose}>
          {t('actors.close')}
        </button>
      </div>
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {deleting}
      {mode.kind === 'partner' && <PartnerForm key={partner.version} partner={partner} onDone={() => setSaved(t('actors.saved'))} />}
      {mode.kind === 'partner' && partner.allowed_actions.includes('delete') && (
        <button type="button" className="danger" onClick={() => { setSaved(''); removePartner.reset(); setMode({ kind: 'delete', what: 'partner' }); }}>
          {t('actors.partners.deletePartner')}
        </button>
      )}
      {mode.kind === 'agreement' && (
        <AgreementForm key={mode.row.id} partnerId={partner.id} agreement={mode.row} onDone={() => back(t('actors.saved'))} onCancel={() => setMode({ kind: 'partner' })} />
      )}
      {mode.kind === 'contribution' && (
        <ContributionForm
          key={mode.row.id}
          partner={partner}
          contribution={mode.row}
          onDone={() => back(t('actors.saved'))}
          onCancel={() => setMode({ kind: 'partner' })}
        />
      )}
      <h3>{t('budget.partners.agreements')}</h3>
      <DataTable columns={agreementColumns} rows={partner.agreements} rowKey={(a) => a.id} caption={t('actors.partners.agreementsOf', { name: partner.name })} />
      <h3>{t('budget.partners.contributions')}</h3>
      <DataTable
        columns={contributionColumns}
        rows={partner.contributions}
        rowKey={(c) => c.id}
        caption={t('actors.partners.contributionsOf', { name: partner.name })}
      />
    </section>
  );
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {t('common.save')}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}

function PartnerForm({ partner, onDone }: { partner: Partner; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePartner();
  const [kind, setKind] = useState<PartnerKind>(partner.kind);
  const [name, setName] = useState(partner.name);
  const [contact, setContact] = useState(partner.contact);
  const [note, setNote] = useState(partner.note);
  const errors = errorsOf(update.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { kind, name: name.trim(), contact: contact.trim(), note: note.trim() };
    update.mutate({ partner, body: changed(partner, body) }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('actors.partners.editPartner')}>
      <h3>{t('actors.partners.editPartner')}</h3>
      <ErrorBanner error={update.error} />
      <SelectField
        id="kind"
        label={t('budget.partners.kind')}
        value={kind}
        onChange={(v) => setKind(v as PartnerKind)}
        error={errors.kind}
        options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`budget.partners.kinds.${k}`) }))}
      />
      <TextField id="name" label={t('budget.partners.name')} value={name} onChange={setName} error={errors.name} required />
      <TextField id="contact" label={t('budget.partners.contact')} value={contact} onChange={setContact} error={errors.contact} />
      <TextAreaField id="note" label={t('actors.partners.note')} value={note} onChange={setNote} error={errors.note} />
      <FormButtons busy={update.isPending} />
    </form>
  );
}

/** A money field's text as the API takes it: null when empty, NaN (a local error) when not a number. */
function moneyOf(text: string): number | null {
  return text.trim() ? parseDong(text) : null;
}

function AgreementForm({
  partnerId,
  agreement,
  onDone,
  onCancel,
}: {
  partnerId: number;
  agreement: Agreement;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateAgreement();
  const [number, setNumber] = useState(agreement.number);
  const [title, setTitle] = useState(agreement.title);
  const [signedOn, setSignedOn] = useState(agreement.signed_on);
  const [pledged, setPledged] = useState(agreement.pledged_vnd == null ? '' : formatDong(agreement.pledged_vnd));
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...errorsOf(update.error), ...local };
  const heading = t('actors.partners.editAgreementNamed', { name: [agreement.number, agreement.title].filter(Boolean).join(': ') });
  function submit(e: FormEvent) {
    e.preventDefault();
    const pledgedVnd = moneyOf(pledged);
    const bad = pledgedVnd !== null && Number.isNaN(pledgedVnd);
    setLocal(bad ? { pledged_vnd: t('actors.amountInvalid') } : {});
    if (bad) return;
    const body = { number: number.trim(), title: title.trim(), signed_on: signedOn, pledged_vnd: pledgedVnd };
    update.mutate({ partnerId, agreement, body: changed(agreement, body) }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={heading}>
      <h3>{heading}</h3>
      <ErrorBanner error={update.error} />
      <TextField id="number" label={t('budget.partners.agreementNumber')} value={number} onChange={setNumber} error={errors.number} />
      <TextField id="title" label={t('budget.partners.agreementTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField id="signed_on" type="date" label={t('budget.partners.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} required />
      <TextField id="pledged_vnd" inputMode="numeric" label={t('budget.partners.pledged')} value={pledged} onChange={setPledged} error={errors.pledged_vnd} />
      <FormButtons busy={update.isPending} onCancel={onCancel} />
    </form>
  );
}

function ContributionForm({
  partner,
  contribution,
  onDone,
  onCancel,
}: {
  partner: Partner;
  contribution: Contribution;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateContribution();
  const schools = useSchoolOptions();
  const [kind, setKind] = useState<ContributionKind>(contribution.kind);
  const [amount, setAmount] = useState(formatDong(contribution.amount_vnd));
  const [description, setDescription] = useState(contribution.description);
  const [receivedOn, setReceivedOn] = useState(contribution.received_on);
  const [agreementId, setAgreementId] = useState(contribution.agreement_id == null ? '' : String(contribution.agreement_id));
  const [unitId, setUnitId] = useState(contribution.unit_id == null ? '' : String(contribution.unit_id));
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...errorsOf(update.error), ...local };
  const heading = t('actors.partners.editContributionNamed', { name: `${contribution.description} (${formatDong(contribution.amount_vnd)})` });
  function submit(e: FormEvent) {
    e.preventDefault();
    const amountVnd = parseDong(amount);
    setLocal(Number.isNaN(amountVnd) ? { amount_vnd: t('actors.amountInvalid') } : {});
    if (Number.isNaN(amountVnd)) return;
    const body = {
      kind,
      amount_vnd: amountVnd,
      description: description.trim(),
      received_on: receivedOn,
      agreement_id: agreementId ? Number(agreementId) : null,
      unit_id: unitId ? Number(unitId) : null,
    };
    update.mutate({ partnerId: partner.id, contribution, body: changed(contribution, body) }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={heading}>
      <h3>{heading}</h3>
      <ErrorBanner error={update.error} />
      <SelectField
        id="kind"
        label={t('budget.partners.contributionKind')}
        value={kind}
        onChange={(v) => setKind(v as ContributionKind)}
        error={errors.kind}
        options={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: t(`budget.partners.contributionKinds.${k}`) }))}
      />
      <TextField id="amount_vnd" inputMode="numeric" label={t('budget.partners.value')} value={amount} onChange={setAmount} error={errors.amount_vnd} required />
      <TextField id="description" label={t('budget.partners.description')} value={description} onChange={setDescription} error={errors.description} required />
      <TextField id="received_on" type="date" label={t('budget.partners.receivedOn')} value={receivedOn} onChange={setReceivedOn} error={errors.received_on} required />
      <SelectField
        id="agreement_id"
        label={t('budget.partners.agreement')}
        value={agreementId}
        onChange={setAgreementId}
        error={errors.agreement_id}
        empty={t('common.none')}
        options={partner.agreements.map((a) => ({ value: String(a.id), label: [a.number, a.title].filter(Boolean).join(': ') }))}
      />
      <SelectField
        id="unit_id"
        label={t('budget.partners.school')}
        value={unitId}
        onChange={setUnitId}
        error={errors.unit_id}
        empty={t('common.none')}
        options={(schools.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
      />
      <FormButtons busy={update.isPending} onCancel={onCancel} />
    </form>
  );
}
