import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fileUrls, withHeadingLang } from './api/imports';
import { kindLabel } from './labels';
import { FILE_FORMATS, TEMPLATE_FORMATS, type ImportColumn, type ImportKind } from './types';
import { useDownload } from '../../lib/useDownload';

/** The columns of a kind with their meaning, its templates and (with `exports:run`) the export of current data. */
export function KindDetails({ kind, canExport }: { kind: ImportKind; canExport: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const download = useDownload();
  const label = kindLabel(t, i18n.language, kind.kind, kind);

  const columns: Column<ImportColumn>[] = [
    {
      key: 'name',
      label: t('imports.columns.name'),
      render: (c) => (
        <span className="import-column-name">
          {!english && <strong>{c.heading_vi}</strong>} <code>{c.name}</code>
          {c.required && <span className="badge badge-warn">{t('imports.columns.required')}</span>}
          {c.key && <span className="badge badge-info">{t('imports.columns.key')}</span>}
        </span>
      ),
    },
    {
      key: 'help',
      label: t('imports.columns.help'),
      render: (c) => (
        <>
          {english ? c.help_en : c.help_vi}
          {c.choices.length > 0 && (
            <span className="import-column-extra">
              {t('imports.columns.choices')}: {c.choices.join(', ')}
            </span>
          )}
          {c.aliases.length > 0 && (
            <span className="import-column-extra">
              {t('imports.columns.aliases')}: {c.aliases.join(', ')}
            </span>
          )}
        </>
      ),
    },
    { key: 'example', label: t('imports.columns.example'), render: (c) => (c.example ? <code>{c.example}</code> : '') },
  ];

  return (
    <section className="import-kind" aria-labelledby="import-kind-title">
      <h2 id="import-kind-title">{t('imports.columns.title', { kind: label })}</h2>
      <p className="muted">
        {t('imports.columns.intro', { keys: kind.key_columns.join(', ') })}
      </p>
      <DataTable columns={columns} rows={kind.columns} rowKey={(c) => c.name} caption={t('imports.columns.caption', { kind: label })} className="import-columns" />

      <div className="import-downloads">
        <div>
          <h3>{t('imports.template.title')}</h3>
          <div className="actions">
            {TEMPLATE_FORMATS.map((f) => {
              const url = withHeadingLang(kind.templates[f] ?? fileUrls.template(kind.kind, f));
              return (
                <button key={f} type="button" disabled={download.busy === url} onClick={() => download.run(url, `mau-${kind.kind}.${f}`)}>
                  {t(`imports.template.${f}`)}
                </button>
              );
            })}
          </div>
        </div>
        {canExport && (
          <div>
            <h3>{t('imports.export.title')}</h3>
            <div className="actions">
              {FILE_FORMATS.map((f) => {
                const url = withHeadingLang(kind.export_urls[f] ?? fileUrls.export(kind.kind, f));
                return (
                  <button key={f} type="button" disabled={download.busy === url} onClick={() => download.run(url, `${kind.kind}.${f}`)}>
                    {t(`imports.export.${f}`)}
                  </button>
                );
              })}
            </div>
            <p className="field-hint">{t('imports.export.hint')}</p>
          </div>
        )}
      </div>
      <ErrorBanner error={download.error} />
    </section>
  );
}
