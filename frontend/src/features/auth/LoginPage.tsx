import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../lib/errors';
import { TextField } from '../../components/fields';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const { token, login } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const from = (location.state as { from?: string } | null)?.from;
  if (token) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('auth.wrongCredentials') : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <div className="login-card">
        <h1 className="brand-title">{t('app.title')}</h1>
        <p className="brand-subtitle">{t('app.subtitle')}</p>
        <form onSubmit={onSubmit} noValidate>
          <h2>{t('auth.loginTitle')}</h2>
          {error && (
            <div className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <TextField
            id="username"
            label={t('auth.username')}
            value={username}
            onChange={setUsername}
            autoComplete="username"
            required
            autoFocus
          />
          <TextField
            id="password"
            type="password"
            label={t('auth.password')}
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
          />
          <button type="submit" className="primary" disabled={busy || !username || !password}>
            {t('auth.login')}
          </button>
        </form>
        <p className="login-public">
          <Link to="/bang-vang">{t('honour.loginLink')}</Link>
        </p>
      </div>
    </main>
  );
}
