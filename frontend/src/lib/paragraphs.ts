/**
 * A story's body is plain text (never HTML): paragraphs are separated by a blank line. These helpers
 * split it for display as <p> elements (the text is rendered as text, so nothing in it is ever markup).
 */

/**
 * "Đoạn 1\n\nĐoạn 2" → ["Đoạn 1", "Đoạn 2"]. Windows/old Mac line ends are accepted, a "blank" line may
 * contain spaces, surrounding whitespace is trimmed and empty paragraphs are dropped. A single line
 * break inside a paragraph is kept (shown as a line break).
 */
export function splitParagraphs(body: string | null | undefined): string[] {
  if (!body) return [];
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((p) => p !== '');
}

/** A short plain-text excerpt (for lists): the first `max` characters, cut at a word, with "…". */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
