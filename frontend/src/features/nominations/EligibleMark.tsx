import { useTranslation } from 'react-i18next';

/** ✓ / ✗ for a list row, with the words for screen readers. */
export function EligibleMark({ eligible }: { eligible: boolean }) {
  const { t } = useTranslation();
  const label = eligible ? t('nominations.eligible') : t('nominations.notEligible');
  return (
    <span className={eligible ? 'eligible-mark eligible-yes' : 'eligible-mark eligible-no'} title={label}>
      <span aria-hidden="true">{eligible ? '✓' : '✗'}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
