/**
 * The pure rules of the global search: how a query is normalised before it reaches SQL, and the
 * excerpt shown for a hit. No database here (unit-tested in search-text.spec.ts).
 */

/** Fewest characters of a query (after trimming), counted as the user sees them. */
export const SEARCH_MIN_CHARS = 2;
/** Most characters of a query (after normalising). */
export const SEARCH_MAX_CHARS = 100;

/**
 * The query as it is matched: Unicode NFC (a Korean query typed on macOS or pasted from HWP may
 * arrive as decomposed jamo, which would never match the composed syllables stored), control
 * characters removed, runs of whitespace as one space, trimmed. `null` when fewer than
 * SEARCH_MIN_CHARS characters remain.
 */
export function normaliseSearchQuery(raw: string): string | null {
  const text = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return [...text].length < SEARCH_MIN_CHARS ? null : text;
}

/**
 * Up to `width` characters of `text` around the first case-insensitive occurrence of `q` (with …
 * where cut), whitespace collapsed; the start of the text when `q` does not occur in it.
 */
export function snippetAround(text: string, q: string, width = 80): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  if (chars.length <= width) return flat;
  const at = flat.toLocaleLowerCase('ko').indexOf(q.toLocaleLowerCase('ko'));
  // The index in code points (a UTF-16 index would split a surrogate pair).
  const start = at < 0 ? 0 : [...flat.slice(0, at)].length;
  const qLength = [...q].length;
  let from = Math.max(0, start - Math.floor((width - qLength) / 2));
  from = Math.min(from, chars.length - width);
  const to = from + width;
  return `${from > 0 ? '…' : ''}${chars.slice(from, to).join('')}${to < chars.length ? '…' : ''}`;
}
