import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from './fields';
import type { useListParams } from '../lib/useListParams';

type ListParams = ReturnType<typeof useListParams>;

/** Free-text search kept in ?q= */
export function SearchFilter({ p }: { p: ListParams }) {
  const { t } = useTranslation();
  return <TextField id="q" type="search" label={t('common.search')} value={p.get('q')} onChange={(v) => p.set('q', v)} />;
}

/** A select kept in ?<name>=, with "Tất cả" as the empty choice. */
export function SelectFilter({
  p,
  name,
  label,
  options,
}: {
  p: ListParams;
  name: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={name}
      label={label}
      value={p.get(name)}
      onChange={(v) => p.set(name, v)}
      empty={t('common.all')}
      options={options}
    />
  );
}

/** "Hiện cả mục ngừng hoạt động", kept in ?inactive=1 */
export function InactiveFilter({ p }: { p: ListParams }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      id="inactive"
      label={t('common.includeInactive')}
      checked={p.flag('inactive')}
      onChange={(v) => p.setFlag('inactive', v)}
    />
  );
}
