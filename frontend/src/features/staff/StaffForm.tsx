import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Staff, StaffCreate } from '../../api/types';
import { useMe } from '../../lib/auth';
import { optional } from '../../lib/form';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';

export const STAFF_FIELDS = ['code', 'full_name', 'position', 'unit_id', 'email', 'phone'] as const;

export function StaffForm({
  initial,
  defaultUnitId,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Staff;
  defaultUnitId?: number;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: StaffCreate) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const units = useUnitOptions();
  const [code, setCode] = useState(initial?.code ?? '');
  const [fullName, setFullName] = useState(initial?.full_name ?? '');
  const [position, setPosition] = useState(initial?.position ?? '');
  const [unitId, setUnitId] = useState(String(initial?.unit_id ?? defaultUnitId ?? me.unit_id ?? ''));
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};

  const unitOptions = (units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  // Keep the current unit selectable even if it is not in the option list (e.g. inactive).
  if (initial && !unitOptions.some((o) => o.value === String(initial.unit_id)))
    unitOptions.push({ value: String(initial.unit_id), label: initial.unit_name ?? String(initial.unit_id) });

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      code: code.trim(),
      full_name: fullName.trim(),
      position: position.trim(),
      unit_id: Number(unitId),
      email: optional(email),
      phone: optional(phone),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={STAFF_FIELDS} />
      <TextField id="code" label={t('fields.code')} value={code} onChange={setCode} error={errors.code} required />
      <TextField
        id="full_name"
        label={t('fields.fullName')}
        value={fullName}
        onChange={setFullName}
        error={errors.full_name}
        required
      />
      <TextField
        id="position"
        label={t('fields.position')}
        value={position}
        onChange={setPosition}
        error={errors.position}
        required
      />
      <SelectField
        id="unit_id"
        label={t('fields.unit')}
        value={unitId}
        onChange={setUnitId}
        error={errors.unit_id}
        empty={t('common.choose')}
        options={unitOptions}
        required
      />
      <TextField id="email" type="email" label={t('fields.email')} value={email} onChange={setEmail} error={errors.email} />
      <TextField id="phone" type="tel" label={t('fields.phone')} value={phone} onChange={setPhone} error={errors.phone} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
