import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import {
  CONTRIBUTION_KINDS,
  PARTNER_KINDS,
  type ContributionKind,
  type Partner,
  type PartnerKind,
} from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextField } from '../../components/fields';
import { useMe } from '../../lib/auth';
import { useMovements } from '../../lib/queries/frameworks';
import { useSchoolOptions } from '../../lib/queries/units';
import { useAddAgreement, useAddContribution, useCreatePartner, usePartners } from './api/budget';
import { formatDong, parseDong } from './money';
import { PartnerEditPanel } from './PartnerEditPanel';

type Form = 'partner' | 'agreement' | 'contribution' | null;

/** Đối tác: businesses, the parents' association, experts; their agreements and contributions (cash
 * or in kind), which count in the year's socialisation source. */
export function PartnersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const write = me.permissions.includes('partners:write');
  const partners = usePartners();
  const [open, setOpen] = useState<Form>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const items = partners.data?.items ?? [];
  const editing = items.find((p) => p.id === editingId);
  const columns: Column<Partner>[] = [
    { key: 'name', label: t('budget.partners.name'), render: (p) => p.name },
    { key: 'kind', label: t('budget.partners.kind'), render: (p) => t(`budget.partners.kinds.${p.kind}`) },
    {
      key: 'agreements',
      label: t('budget.partners.agreements'),
      render: (p) =>
        p.agreements.length === 0 ? '—' : p.agreements.map((a) => [a.number, a.title].filter(Boolean).join(': ')).join('; '),
    },
    {
      key: 'contributions',
      label: t('budget.partners.contributions'),
      render: (p) =>
        p.contributions.length === 0
          ? '—'
          : p.contributions
              .map((c) => `${c.school_year}, ${t(`budget.partners.contributionKinds.${c.kind}`)}: ${c.description} (${formatDong(c.amount_vnd)})`)
              .join('; '),
    },
    { key: 'total', label: t('budget.partners.total'), className: 'col-num', render: (p) => formatDong(p.contributed_vnd) },
  ];
  if (write)
    columns.push({
      key: 'actions',
      label: t('actors.actions'),
      render: (p) => (
        <button
          type="button"
          onClick={() => {
            setOpen(null);
            setEditingId(p.id);
          }}
          aria-label={t('actors.partners.editNamed', { name: p.name })}
        >
          {t('common.edit')}
        </button>
      ),
    });
  return (
    <section>
      <p>
        <Link to="/budget">← {t('budget.title')}</Link>
      </p>
      <h1>{t('budget.partners.title')}</h1>
      <p className="muted">{t('budget.partners.intro')}</p>
      {write && !editing && (
        <div className="actions">
          <button type="button" onClick={() => setOpen(open === 'partner' ? null : 'partner')}>
            {t('budget.partners.add')}
          </button>
          {items.length > 0 && (
            <button type="button" onClick={() => setOpen(open === 'agreement' ? null : 'agreement')}>
              {t('budget.partners.addAgreement')}
            </button>
          )}
          {items.length > 0 && (
            <button type="button" onClick={() => setOpen(open === 'contribution' ? null : 'contribution')}>
              {t('budget.partners.addContribution')}
            </button>
          )}
        </div>
      )}
      {open === 'partner' && <PartnerForm onDone={() => setOpen(null)} />}
      {open === 'agreement' && <AgreementForm partners={items} onDone={() => setOpen(null)} />}
      {open === 'contribution' && <ContributionForm partners={items} onDone={() => setOpen(null)} />}
      {write && editing && <PartnerEditPanel key={editing.id} partner={editing} onClose={() => setEditingId(null)} />}
      <ErrorBanner error={partners.error} />
      {partners.isPending && <Loading />}
      {partners.data && <DataTable className="partners" columns={columns} rows={items} rowKey={(p) => p.id} />}
    </section>
  );
}

function PartnerForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePartner();
  const [kind, setKind] = useState<PartnerKind>('business');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ kind, name: name.trim(), contact: contact.trim(), note: '' }, { onSuccess: onDone });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.partners.add')}>
      <ErrorBanner error={create.error} />
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
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('budget.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PartnerSelect({ partners, value, onChange }: { partners: Partner[]; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="partner"
      label={t('budget.partners.partner')}
      value={value}
      onChange={onChange}
      options={partners.map((p) => ({ value: String(p.id), label: p.name }))}
    />
  );
}

function AgreementForm({ partners, onDone }: { partners: Partner[]; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddAgreement();
  const [partnerId, setPartnerId] = useState(String(partners[0]?.id ?? ''));
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [pledged, setPledged] = useState('');
  const errors = add.error instanceof ApiError ? fieldErrors(add.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      {
        partnerId: Number(partnerId),
        body: { number: number.trim(), title: title.trim(), signed_on: signedOn, pledged_vnd: pledged.trim() ? parseDong(pledged) : null },
      },
      { onSuccess: onDone },
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.partners.addAgreement')}>
      <ErrorBanner error={add.error} />
      <PartnerSelect partners={partners} value={partnerId} onChange={setPartnerId} />
      <TextField id="number" label={t('budget.partners.agreementNumber')} value={number} onChange={setNumber} error={errors.number} />
      <TextField id="title" label={t('budget.partners.agreementTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField id="signed_on" type="date" label={t('budget.partners.signedOn')} value={signedOn} onChange={setSignedOn} error={errors.signed_on} required />
      <TextField id="pledged_vnd" inputMode="numeric" label={t('budget.partners.pledged')} value={pledged} onChange={setPledged} error={errors.pledged_vnd} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('budget.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ContributionForm({ partners, onDone }: { partners: Partner[]; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddContribution();
  const movements = useMovements();
  const schools = useSchoolOptions();
  const movement = movements.data?.[0];
  const [partnerId, setPartnerId] = useState(String(partners[0]?.id ?? ''));
  const [year, setYear] = useState('');
  const [kind, setKind] = useState<ContributionKind>('cash');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [unitId, setUnitId] = useState('');
  const partner = partners.find((p) => String(p.id) === partnerId);
  const [agreementId, setAgreementId] = useState('');
  const schoolYear = year || movement?.school_years[0] || '';
  const errors = add.error instanceof ApiError ? fieldErrors(add.error.problem) : {};
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      {
        partnerId: Number(partnerId),
        body: {
          movement_id: movement?.id ?? 0,
          school_year: schoolYear,
          kind,
          amount_vnd: parseDong(amount),
          description: description.trim(),
          received_on: receivedOn,
          agreement_id: agreementId ? Number(agreementId) : null,
          unit_id: unitId ? Number(unitId) : null,
        },
      },
      { onSuccess: onDone },
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('budget.partners.addContribution')}>
      <ErrorBanner error={add.error} />
      <PartnerSelect partners={partners} value={partnerId} onChange={setPartnerId} />
      <SelectField
        id="school_year"
        label={t('budget.schoolYear')}
        value={schoolYear}
        onChange={setYear}
        error={errors.school_year}
        options={(movement?.school_years ?? []).map((y) => ({ value: y, label: y }))}
      />
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
        options={(partner?.agreements ?? []).map((a) => ({ value: String(a.id), label: [a.number, a.title].filter(Boolean).join(': ') }))}
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
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('budget.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
