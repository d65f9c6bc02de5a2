export const DEFAULT_LIMIT = 50;

/** "1–50 / 153" (en dash); "0 / 0" for an empty list. */
export function pageLabel(offset: number, limit: number, total: number): string {
  if (total <= 0) return '0 / 0';
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  return `${first}–${last} / ${total}`;
}

export function hasPrevious(offset: number): boolean {
  return offset > 0;
}

export function hasNext(offset: number, limit: number, total: number): boolean {
  return offset + limit < total;
}

export function previousOffset(offset: number, limit: number): number {
  return Math.max(0, offset - limit);
}
