/** Đồng as a Vietnamese reader writes them: 1.500.000 đ. */
export function formatDong(amount: number | null | undefined): string {
  if (amount == null) return '—';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount)} đ`;
}

/** What a person types for an amount: "1.500.000", "1 500 000 đ" or "-5" → a whole number of đồng;
 * NaN when it is not one (the API then names the field). */
export function parseDong(text: string): number {
  const cleaned = text.replace(/\s|đ|\.|,/gi, '');
  return /^-?\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}
