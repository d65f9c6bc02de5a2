/**
 * Certificate verification codes: printed on the certificate as "TD-XXXXXXXX" and in the link
 * <PUBLIC_URL>/xac-thuc/<code>. The server compares them case-insensitively; these helpers tidy what
 * a person typed or pasted before it goes into the URL.
 */

/** The server's rule: 4–20 letters, digits or hyphens. */
export const CODE_PATTERN = /^[A-Z0-9-]{4,20}$/;

/**
 * "  td-7k2m 9pqx " → "TD-7K2M9PQX"; a pasted link ".../xac-thuc/td-7k2m9pqx?x=1" → "TD-7K2M9PQX";
 * "TD7K2M9PQX" (hyphen left out) → "TD-7K2M9PQX". En and em dashes count as hyphens.
 */
export function normaliseCode(input: string): string {
  let text = input.trim();
  const fromLink = /\/xac-thuc\/([^/?#\s]+)/i.exec(text);
  if (fromLink?.[1]) {
    try {
      text = decodeURIComponent(fromLink[1]);
    } catch {
      text = fromLink[1];
    }
  }
  let code = text.replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, '').toUpperCase();
  if (/^TD[A-Z0-9]{8}$/.test(code)) code = `TD-${code.slice(2)}`;
  return code;
}

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}
