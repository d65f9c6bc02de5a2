import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { useListParams } from '../../lib/useListParams';
import { SelectField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useImportKinds } from './api/imports';
import { ImportRunner } from './ImportRunner';
import { KindDetails } from './KindDetails';
import { kindLabel } from './labels';
import { RecentJobs } from './RecentJobs';
import './imports.css';

/** "Nhập dữ liệu hàng loạt": kind, columns and templates, upload with a dry run, the import, my recent jobs. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const kinds = useImportKinds();
  const chosen = kinds.data?.find((k) => k.kind === p.get('kind'));

  return (
    <section>
      <div className="page-head">
        <h1>{t('imports.title')}</h1>
      </div>
      <p className="muted">{t('imports.intro')}</p>
      <ErrorBanner error={kinds.error} />
      {kinds.isPending && <Loading />}
      {kinds.data && (
        <div className="form form-wide">
          <SelectField
            id="import-kind"
            label={t('imports.kind')}
            hint={t('imports.kindHint')}
            value={chosen?.kind ?? ''}
            onChange={(v) => p.set('kind', v)}
            empty={t('common.choose')}
            options={kinds.data.map((k) => ({ value: k.kind, label: kindLabel(t, i18n.language, k.kind, k) }))}
          />
        </div>
      )}
      {chosen && (
        <>
          <KindDetails kind={chosen} canExport={me.permissions.includes('exports:run')} />
          <ImportRunner key={chosen.kind} kind={chosen} />
        </>
      )}
      <RecentJobs kinds={kinds.data} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </section>
  );
}
