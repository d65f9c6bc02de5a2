import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ROLES, type Role, type User } from '../../api/types';
import { optionalId } from '../../lib/form';
import { SelectField, TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUnitOptions } from '../../lib/queries/units';

export const USER_FIELDS = ['login', 'full_name', 'password', 'roles', 'unit_id'] as const;

export interface UserFormValues {
  login: string;
  full_name: string;
  password: string;
  roles: Role[];
  unit_id: number | null;
}

export function UserForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: User;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: UserFormValues) => void;
}) {
  const { t } = useTranslation();
  const units = useUnitOptions();
  const [login, setLogin] = useState(initial?.login ?? '');
  const [fullName, setFullName] = useState(initial?.full_name ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? []);
  const [unitId, setUnitId] = useState(initial?.unit_id ? String(initial.unit_id) : '');
  const errors = error instanceof ApiError ? fieldErrors(error.problem) : {};

  function toggle(role: Role, on: boolean) {
    setRoles((prev) => (on ? [...prev, role] : prev.filter((r) => r !== role)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      login: login.trim(),
      full_name: fullName.trim(),
      password,
      // keep the catalogue order
      roles: ROLES.filter((r) => roles.includes(r)),
      unit_id: optionalId(unitId),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={USER_FIELDS} />
      <TextField
        id="login"
        label={t('fields.login')}
        value={login}
        onChange={setLogin}
        error={errors.login}
        disabled={!!initial}
        autoComplete="off"
        required
      />
      <TextField
        id="full_name"
        label={t('fields.fullName')}
        value={fullName}
        onChange={setFullName}
        error={errors.full_name}
        required
      />
      <TextField
        id="password"
        type="password"
        label={initial ? t('users.newPassword') : t('auth.password')}
        hint={initial ? t('users.newPasswordHint') : undefined}
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="new-password"
        required={!initial}
      />
      <fieldset className="field" aria-describedby={errors.roles ? 'roles-error' : undefined}>
        <legend>{t('fields.roles')}</legend>
        <div className="checks">
          {ROLES.map((r) => (
            <div className="field-check" key={r}>
              <input
                id={`role-${r}`}
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => toggle(r, e.target.checked)}
              />
              <label htmlFor={`role-${r}`}>{t(`roles.${r}`)}</label>
            </div>
          ))}
        </div>
        {errors.roles && (
          <p className="field-error" id="roles-error">
            {errors.roles}
          </p>
        )}
      </fieldset>
      <SelectField
        id="unit_id"
        label={t('fields.unit')}
        value={unitId}
        onChange={setUnitId}
        error={errors.unit_id}
        empty={t('common.none')}
        options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
