import { useTranslation } from 'react-i18next';
import type { JobOutcome } from './imports';

const OUTCOME_CLASS: Record<JobOutcome, string> = {
  queued: 'badge badge-info',
  running: 'badge badge-info',
  failed: 'badge badge-danger',
  dry_run: 'badge badge-off',
  completed: 'badge badge-ok',
  rejected: 'badge badge-danger',
};

/** A job's state: queued, running, failed, or how it ended (dry run, completed, rejected). */
export function JobOutcomeBadge({ outcome }: { outcome: JobOutcome }) {
  const { t } = useTranslation();
  return <span className={OUTCOME_CLASS[outcome]}>{t(`imports.outcomes.${outcome}`, { defaultValue: outcome })}</span>;
}
