import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const TYPE_STATUS_CLASS: Record<string, string> = { draft: 'fw-draft', active: 'fw-active', retired: 'fw-retired' };

export function AwardTypeStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${TYPE_STATUS_CLASS[status] ?? 'badge-off'}`}>{t(`awards.statuses.${status}`, { defaultValue: status })}</span>
  );
}

export function OpenBadge({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return <span className={open ? 'badge badge-ok' : 'badge badge-off'}>{open ? t('awards.rounds.open') : t('awards.rounds.closed')}</span>;
}

const DECISION_STATUS_CLASS: Record<string, string> = { draft: 'badge badge-off', issued: 'badge badge-ok', answered: 'badge badge-info' };

export function DecisionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={DECISION_STATUS_CLASS[status] ?? 'badge badge-off'}>
      {t(`awards.decisions.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}

/** "Quyết định" / "Tờ trình" */
export function decisionKindLabel(kind: string, t: TFunction): string {
  return t(`awards.decisions.kinds.${kind}`, { defaultValue: kind });
}

/** "Khen thưởng năm học", "Sơ kết …", "Tổng kết …", "Khen thưởng đột xuất" */
export function roundKindLabel(kind: string, t: TFunction): string {
  return t([`awards.roundKinds.${kind}`, `awardFlows.roundKinds.${kind}`], { defaultValue: kind });
}
