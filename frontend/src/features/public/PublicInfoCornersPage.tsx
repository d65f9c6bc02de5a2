import { useTranslation } from 'react-i18next';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { usePublicInfoCorners } from './api/public';
import { PublicTable } from './PublicTable';
import { usePublicCommune } from './commune';

/** Chuyên mục, góc thông tin về Phong trào trên website của các trường (Kế hoạch, mục V.4.3). */
export function PublicInfoCornersPage() {
  const { t } = useTranslation();
  const query = usePublicInfoCorners(usePublicCommune());
  return (
    <section>
      <h1>{t('communications.publicCorners.title')}</h1>
      <p className="muted">{t('communications.publicCorners.intro')}</p>
      <ErrorBanner error={query.error} />
      {query.isPending && <Loading />}
      {query.data && (
        <PublicTable
          label={t('communications.publicCorners.title')}
          rows={query.data}
          rowKey={(c) => c.unit_id}
          empty={t('communications.publicCorners.empty')}
          columns={[
            { key: 'school', label: t('communications.school'), render: (c) => c.unit_name },
            {
              key: 'link',
              label: t('communications.publicCorners.link'),
              render: (c) => (
                <a href={c.url} target="_blank" rel="noopener noreferrer">
                  {c.title || c.url}
                </a>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
