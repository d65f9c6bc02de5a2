import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IndicatorOut } from '../api/types';
import { formatNumber } from '../lib/indicators';

/** A value as the subject would read it: "Có", "80 %", "Sử dụng toàn bộ", "25". */
export function displayValue(
  indicator: { kind: string; levels?: readonly { value: number; label: string }[] } | undefined,
  value: string | null | undefined,
  t: TFunction,
): string {
  if (value == null || value === '') return t('indicator.noValue');
  const n = Number(value);
  switch (indicator?.kind) {
    case 'boolean':
      return n >= 1 ? t('common.yes') : t('common.no');
    case 'percent':
      return `${formatNumber(value)} %`;
    case 'level': {
      const level = indicator.levels?.find((l) => l.value === n);
      return level ? `${level.value} – ${level.label}` : formatNumber(value);
    }
    default:
      return formatNumber(value);
  }
}

/**
 * The input fitting an indicator's kind. `onChange` follows typing; `onCommit` is called when the
 * value is final (choice made, field left or Enter pressed) and should save it.
 */
export function IndicatorInput({
  id,
  label,
  indicator,
  value,
  onChange,
  onCommit,
  disabled,
  error,
}: {
  id: string;
  label: string;
  indicator: Pick<IndicatorOut, 'kind' | 'levels'>;
  value: string;
  onChange: (raw: string) => void;
  onCommit: (raw: string) => void;
  disabled?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const errorId = error ? `${id}-error` : undefined;
  const errorText = error && (
    <p className="field-error" id={errorId}>
      {error}
    </p>
  );

  if (indicator.kind === 'boolean')
    return (
      <fieldset className="field" aria-describedby={errorId}>
        <legend>{label}</legend>
        <div className="radio-row">
          {[
            { v: '1', l: t('common.yes') },
            { v: '0', l: t('common.no') },
          ].map((o) => (
            <label key={o.v} className="radio">
              <input
                type="radio"
                name={id}
                value={o.v}
                checked={value === o.v}
                disabled={disabled}
                onChange={() => {
                  onChange(o.v);
                  onCommit(o.v);
                }}
              />{' '}
              {o.l}
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );

  if (indicator.kind === 'level')
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => {
            onChange(e.target.value);
            onCommit(e.target.value);
          }}
        >
          <option value="">{t('common.choose')}</option>
          {indicator.levels.map((l) => (
            <option key={l.value} value={String(l.value)}>
              {l.value} – {l.label}
            </option>
          ))}
        </select>
        {errorText}
      </div>
    );

  const percent = indicator.kind === 'percent';
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {percent ? ' (%)' : ''}
      </label>
      <div className={percent ? 'input-suffix' : undefined}>
        <input
          id={id}
          type={percent ? 'text' : 'number'}
          inputMode={percent ? 'decimal' : 'numeric'}
          min={percent ? undefined : 0}
          step={percent ? undefined : 1}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => onChange(e.target.value)}
          onBlur={(e) => onCommit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onCommit(e.currentTarget.value);
            }
          }}
        />
        {percent && <span aria-hidden="true">%</span>}
      </div>
      {errorText}
    </div>
  );
}
