import type { TFunction } from 'i18next';
import type { ImportKind, ImportKindName } from './types';

/** The kind's name in the UI language (the server's own label for a kind the catalogue lacks). */
export function kindLabel(
  t: TFunction,
  language: string,
  kind: ImportKindName,
  info?: Pick<ImportKind, 'label_vi' | 'label_en'>,
): string {
  const server = info ? (language.startsWith('en') ? info.label_en : info.label_vi) : kind;
  return t(`imports.kinds.${kind}`, { defaultValue: server });
}
