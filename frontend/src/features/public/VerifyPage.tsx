import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { TextField } from '../../components/fields';
import { useCertificate } from './api/public';
import { isValidCode, normaliseCode } from './code';
import { formatDate } from './format';

/**
 * Xác thực giấy khen: /xac-thuc (type a code) and /xac-thuc/:code, the address printed on every
 * certificate (<PUBLIC_URL>/xac-thuc/<code>).
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const raw = useParams().code ?? '';
  const code = normaliseCode(raw);
  const [input, setInput] = useState(code);
  const [localError, setLocalError] = useState<string | undefined>();
  const query = useCertificate(code);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the box follows the code in the URL (back/forward)
    setInput(code);
    setLocalError(undefined);
  }, [code]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = normaliseCode(input);
    if (!next) return setLocalError(t('honour.verify.required'));
    if (!isValidCode(next)) return setLocalError(t('honour.verify.badFormat'));
    setLocalError(undefined);
    navigate(`/xac-thuc/${encodeURIComponent(next)}`);
  }

  const error = query.error;
  const status = error instanceof ApiError ? error.status : null;
  const c = query.data;

  return (
    <section>
      <h1>{t('honour.verify.title')}</h1>
      <p className="muted">{t('honour.verify.intro')}</p>
      <form className="verify-form" role="search" aria-label={t('honour.verify.title')} onSubmit={submit} noValidate>
        <TextField
          id="verification-code"
          label={t('honour.verify.code')}
          hint={t('honour.verify.codeHint')}
          value={input}
          onChange={setInput}
          error={localError}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="primary">
          {t('honour.verify.check')}
        </button>
      </form>

      {code && query.isPending && <Loading />}
      {c && (
        <section className="verify-result verify-ok" role="status" aria-labelledby="verify-ok-title">
          <div className="verify-head">
            <span className="verify-mark" aria-hidden="true">
              ✔
            </span>
            <h2 id="verify-ok-title">{t('honour.verify.valid')}</h2>
          </div>
          <p>{t('honour.verify.validHint')}</p>
          <dl className="details">
            <dt>{t('honour.verify.codeLabel')}</dt>
            <dd className="code">{c.verification_code}</dd>
            <dt>{t('honour.recipient')}</dt>
            <dd>
              <strong>{c.recipient_name}</strong>
            </dd>
            <dt>{t('honour.unit')}</dt>
            <dd>{c.unit_name}</dd>
            <dt>{t('honour.award')}</dt>
            <dd>{c.award_name}</dd>
            <dt>{t('honour.schoolYear')}</dt>
            <dd>{c.school_year}</dd>
            <dt>{t('honour.decisionNumber')}</dt>
            <dd>{c.decision_number}</dd>
            <dt>{t('honour.decisionDate')}</dt>
            <dd>{formatDate(c.decision_date)}</dd>
            <dt>{t('honour.issuer')}</dt>
            <dd>{c.issuer}</dd>
          </dl>
        </section>
      )}
      {status === 404 && (
        <section className="verify-result verify-bad" role="alert" aria-labelledby="verify-bad-title">
          <h2 id="verify-bad-title">{t('honour.verify.notFound')}</h2>
          <p>
            {t('honour.verify.codeLabel')}: <span className="code">{code}</span>
          </p>
          <p className="muted">{t('honour.verify.notFoundHint')}</p>
        </section>
      )}
      {status === 422 && error instanceof ApiError && (
        <section className="verify-result verify-bad" role="alert" aria-labelledby="verify-invalid-title">
          <h2 id="verify-invalid-title">{t('honour.verify.invalid')}</h2>
          {(error.problem.errors?.length ? error.problem.errors.map((e) => e.message) : [error.problem.detail ?? error.message]).map(
            (m, i) => (
              <p key={i}>{m}</p>
            ),
          )}
        </section>
      )}
      {error && status !== 404 && status !== 422 && <ErrorBanner error={error} />}
    </section>
  );
}
