import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies text to the clipboard; falls back to selecting the field and the old copy command (plain http). */
async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * A secret the server shows once (a new API key, a webhook signing secret): the value, a copy button
 * and the warning. It lives only in the state of the screen that received it: leaving forgets it.
 */
export function SecretBox({
  title,
  label,
  secret,
  children,
}: {
  title: string;
  label: string;
  secret: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  const field = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // bring the secret into view (and to screen readers) when it appears
  useEffect(() => {
    heading.current?.focus();
  }, [secret]);

  return (
    <section className="secret-box" aria-labelledby="secret-title">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="secret-warning" role="alert">
        <strong>{t('integrations.secretOnce')}</strong>
      </p>
      <p className="muted">{t('integrations.secretOnceHint')}</p>
      <div className="field">
        <label htmlFor="secret-value">{label}</label>
        <textarea
          id="secret-value"
          ref={field}
          className="secret-value"
          readOnly
          rows={2}
          value={secret}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void copyText(secret, field.current).then((ok) => setCopy(ok ? 'done' : 'failed'))}
        >
          {t('integrations.copy')}
        </button>
        <span role="status" className={copy === 'failed' ? 'field-error' : 'muted'}>
          {copy === 'done' ? t('integrations.copied') : copy === 'failed' ? t('integrations.copyFailed') : ''}
        </span>
      </div>
      {children}
    </section>
  );
}

/** How a receiver checks the X-ThiDua-Signature header of a webhook delivery. */
export function SignatureHelp({ open = false }: { open?: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="signature-help" open={open}>
      <summary>{t('integrations.webhooks.signatureTitle')}</summary>
      <ol>
        <li>{t('integrations.webhooks.signatureHeaders')}</li>
        <li>{t('integrations.webhooks.signatureCompute')}</li>
        <li>{t('integrations.webhooks.signatureCompare')}</li>
        <li>{t('integrations.webhooks.signatureReplay')}</li>
      </ol>
      <pre className="signature-example">
        {'expected = hex(HMAC_SHA256(secret, timestamp + "." + raw_body))\nok = constant_time_equal(expected, signature_after("v1="))'}
      </pre>
    </details>
  );
}
