import { useSearchParams } from 'react-router';

/** The search parameter that carries the commune a visitor picked: the public pages of a province
 * deployment are read one commune at a time (?xa=<id of the commune's UBND>), or all together. */
export const COMMUNE_PARAM = 'xa';

export function usePublicCommune(): number | undefined {
  const [params] = useSearchParams();
  const id = Number(params.get(COMMUNE_PARAM));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** A public page's link that keeps the picked commune. */
export function withCommune(pathname: string, commune: number | undefined) {
  return { pathname, search: commune ? `?${COMMUNE_PARAM}=${commune}` : '' };
}
