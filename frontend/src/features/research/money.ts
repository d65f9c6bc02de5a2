/** Figures as a Vietnamese reader writes them: 3.500.000 (đồng), 12,5 (giờ). */
export function vnMoney(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(amount);
}

export function vnHours(hours: string): string {
  const n = Number(hours);
  return Number.isFinite(n) ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n) : hours;
}

/** What a person types for an amount of money ("3.500.000", "3 500 000") as a whole number of đồng, or
 * null when it is not one; the server judges the rest (negative amounts, limits). */
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s.]/g, '').replace(/đ$/i, '');
  if (cleaned === '') return 0;
  return /^-?\d+$/.test(cleaned) ? Number(cleaned) : null;
}

/** Hours as typed, with a decimal comma accepted ("12,5" → "12.5"). */
export function hoursInput(text: string): string {
  const cleaned = text.trim().replace(',', '.');
  return cleaned === '' ? '0' : cleaned;
}
