import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { SCHOOL_LEVELS, UNIT_KINDS, type SchoolLevel, type Unit, type UnitCreate, type UnitKind } from '../../api/types';
import { optional, optionalId } from '../../lib/form';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';

export const UNIT_FIELDS = ['code', 'name', 'kind', 'school_level', 'parent_id', 'address'] as const;

export function UnitForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Unit;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: UnitCreate) => void;
}) {
  const { t } = useTranslation();
  const options = useUnitOptions();
  const units = options.data ?? [];
  const communes = units.filter((u) => u.kind === 'commune');
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<string>(initial?.kind ?? 'school');
  const [level, setLevel] = useState<string>(initial?.school_level ?? '');
  const [parent, setParent] = useState<string>(initial?.parent_id ? String(initial.parent_id) : '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};

  // New units usually belong to the (single) commune: preselect it (not for a commune or the Department).
  const topLevel = kind === 'commune' || kind === 'department';
  const parentValue = !initial && parent === '' && communes.length === 1 && !topLevel ? String(communes[0]!.id) : parent;

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      code: code.trim(),
      name: name.trim(),
      kind: kind as UnitKind,
      school_level: kind === 'school' ? ((level || null) as SchoolLevel | null) : null,
      parent_id: optionalId(parentValue),
      address: optional(address),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={UNIT_FIELDS} />
      <TextField id="code" label={t('fields.code')} value={code} onChange={setCode} error={errors.code} required />
      <TextField id="name" label={t('fields.name')} value={name} onChange={setName} error={errors.name} required />
      <SelectField
        id="kind"
        label={t('fields.kind')}
        value={kind}
        onChange={setKind}
        error={errors.kind}
        disabled={!!initial}
        options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
      />
      {kind === 'school' && (
        <SelectField
          id="school_level"
          label={t('fields.schoolLevel')}
          value={level}
          onChange={setLevel}
          error={errors.school_level}
          empty={t('common.choose')}
          options={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`schoolLevels.${l}`) }))}
        />
      )}
      <SelectField
        id="parent_id"
        label={t('fields.parent')}
        value={parentValue}
        onChange={setParent}
        error={errors.parent_id}
        empty={t('common.none')}
        options={units
          .filter((u) => u.id !== initial?.id)
          .map((u) => ({ value: String(u.id), label: `${u.name} (${u.code})` }))}
      />
      <TextField id="address" label={t('fields.address')} value={address} onChange={setAddress} error={errors.address} />
      <div className="form-actions">
        {/* Until the units arrive the parent cannot be preselected: a quick tap would save none. */}
        <button type="submit" className="primary" disabled={busy || options.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
