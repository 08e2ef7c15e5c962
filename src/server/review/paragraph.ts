/**
 * A reviewable paragraph, its stable id and the hash of its Khmer text.
 *
 * The paragraph-id rule (./README.md, "The paragraph id"): the first 12 hex
 * digits of SHA-256 over `<unit>|<where>|<English text>|<n>`, where
 *   - unit is the page under review (`topics/before-you-go`, `ui/partner`, …);
 *   - where is the paragraph's kind in Markdown (`title`, `summary`, `h2`, `item`,
 *     `p`, `slide`, `notes`, `question`, `row`), the field's path in a self-check
 *     (`questions.fee-before-leaving.sign`) or the key in the interface strings
 *     (`partner.inbox`);
 *   - English text is the English twin's text, as in the source file;
 *   - n counts earlier paragraphs of the same page with the same kind and English
 *     text (0 almost always: it tells two identical bullets apart).
 * So the id stays when other paragraphs are added, removed or moved, and when the
 * Khmer is edited; it changes when the English changes (then the Khmer must be
 * read again). A Khmer paragraph without an English twin uses `~` for the text.
 * A review holds the hash of the Khmer text it judged: when the Khmer changes,
 * the hash no longer matches and the paragraph is unreviewed again.
 */
import { createHash } from 'node:crypto';

/** Where the Khmer text sits in its file, to write a proposal back. */
export interface Locator {
  /** Relative to the content folder, e.g. `topics/km/before-you-go.md`. */
  file: string;
  /** Character offsets in the file of the text to replace. */
  start: number;
  end: number;
  /** How new text is written there. */
  encode: 'block' | 'line' | 'quoted';
}

export type ParagraphKind = 'title' | 'summary' | 'audience' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'item' | 'p' | 'row' | 'slide' | 'notes' | 'question' | 'field' | 'string';

export interface Paragraph {
  id: string;
  kind: ParagraphKind;
  /** Where it is, for people: a field path, a key, or a slide number. */
  label?: string;
  en: string | null;
  km: string;
  kmHash: string;
  /** Undefined when the source cannot be rewritten safely (then the report says: edit by hand). */
  locator?: Locator;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const paragraphId = (unit: string, where: string, english: string | null, n: number) =>
  sha256(`${unit}|${where}|${english ?? '~'}|${n}`).slice(0, 12);

export const textHash = (text: string) => sha256(text).slice(0, 32);

/** Gives each paragraph its id, counting repeats of the same kind and English text. */
export function withIds(unit: string, items: Omit<Paragraph, 'id' | 'kmHash'>[], whereOf: (p: Omit<Paragraph, 'id' | 'kmHash'>) => string): Paragraph[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const where = whereOf(item);
    const key = `${where}|${item.en ?? '~'}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { ...item, id: paragraphId(unit, where, item.en, n), kmHash: textHash(item.km) };
  });
}

/**
 * A proposal as it will be written: control characters removed; one line for
 * headings, list items, table rows and strings; a paragraph keeps its line
 * breaks but no blank line (that would split it in two).
 */
export function normaliseProposal(text: string, kind: ParagraphKind): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  const lines = clean.split('\n').map((l) => l.trim()).filter(Boolean);
  return kind === 'p' || kind === 'notes' ? lines.join('\n') : lines.join(' ');
}
