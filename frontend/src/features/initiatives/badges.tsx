import { useTranslation } from 'react-i18next';
import type { Initiative } from './types';

/** "Đã công nhận cấp xã" / "Chưa công nhận", and "Đã dùng cho khen thưởng" when an award used it. */
export function RecognitionBadges({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const level = initiative.recognition_level;
  return (
    <>
      {initiative.recognised && level ? (
        <span className="badge badge-ok">
          {t('initiatives.recognisedAt', {
            level: t(`initiatives.levels.${level}`, { defaultValue: initiative.recognition_level_label ?? level }),
          })}
        </span>
      ) : (
        <span className="badge badge-off">{t('initiatives.notRecognised')}</span>
      )}
      {initiative.used && <span className="badge badge-warn">{t('initiatives.used')}</span>}
    </>
  );
}
