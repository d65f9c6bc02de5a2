import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ApiError, fieldErrors } from '../../api/problem';
import { TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';

const FIELDS = ['current_password', 'new_password'] as const;

export function PasswordPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/auth/password', { body: { current_password: current, new_password: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  const errors = mutation.error instanceof ApiError ? fieldErrors(mutation.error.problem) : {};

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) mutation.mutate();
  }

  return (
    <section>
      <h1>{t('auth.changePassword')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate>
        {mutation.isSuccess && (
          <div className="alert alert-ok" role="status">
            {t('auth.passwordChanged')}
          </div>
        )}
        <ErrorBanner error={mutation.error} fields={FIELDS} />
        <TextField
          id="current_password"
          type="password"
          label={t('auth.currentPassword')}
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          error={errors.current_password}
          required
        />
        <TextField
          id="new_password"
          type="password"
          label={t('auth.newPassword')}
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          error={errors.new_password}
          required
        />
        <TextField
          id="repeat_password"
          type="password"
          label={t('auth.repeatPassword')}
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          error={mismatch ? t('auth.passwordMismatch') : undefined}
          required
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {t('auth.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
