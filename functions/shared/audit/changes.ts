import { isDeepStrictEqual } from 'node:util';

/**
 * What an edit really changed, for the audit trail's "Endrede felt": a PUT may carry fields with
 * the values they already have (the CMS sends a whole section, another client the whole record),
 * and the history must not claim they changed.
 *
 * Values are compared by content, not by spelling: arrays in order, objects whatever the order of
 * their keys (DynamoDB does not keep it) and with a key set to undefined the same as no key (the
 * store drops those). Rich text (`richText`) is compared as HTML means it, see `sameRichText`.
 */
export function changedFields<T extends object>(
  before: T,
  after: T,
  keys: readonly (keyof T)[],
  { richText = [] }: { richText?: readonly (keyof T)[] } = {},
): (keyof T & string)[] {
  return keys.filter((key): key is keyof T & string => {
    const [was, is] = [before[key], after[key]];
    if (richText.includes(key) && typeof was === 'string' && typeof is === 'string') return !sameRichText(was, is);
    return !sameValue(was, is);
  });
}

export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(withoutUndefined(a), withoutUndefined(b));
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== undefined)
        .map(([key, entry]) => [key, withoutUndefined(entry)]),
    );
  }
  return value;
}

/** Elements that start a new line: whitespace next to their tags shows as nothing. */
const BLOCK_TAG = /\s*(<\/?(?:p|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tfoot|tr|th|td|caption|hr|br|div)\b[^>]*>)\s*/gi;

/**
 * Whether two pieces of the editors' (sanitised) rich text read the same: a browser editor
 * re-serialises what it loads ("<br />" as "<br>", line breaks between paragraphs dropped, runs of
 * spaces), which is no change to the text. Whitespace inside <pre> counts, so a change there does too.
 */
export function sameRichText(a: string, b: string): boolean {
  return normaliseRichText(a) === normaliseRichText(b);
}

function normaliseRichText(html: string): string {
  if (/<pre\b/i.test(html)) return html.trim();
  return html
    .replace(/<br\s*\/?>/gi, '<br>')
    .replace(/\s+/g, ' ')
    .replace(BLOCK_TAG, '$1')
    .replace(/<p>(?:\s|&nbsp;)*<\/p>$/i, '')
    .trim();
}
