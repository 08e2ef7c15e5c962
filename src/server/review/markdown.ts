/**
 * The blocks of a Markdown page or presenter deck, with where each one's text
 * sits in the file: frontmatter fields (title, summary, audience), headings,
 * list items, paragraphs and table rows; in a deck also slide titles, the
 * volunteer's notes and the questions for the room. Code, `Icon:` lines, slide
 * separators and table rulers are structure, not text to review.
 */
import yaml from 'js-yaml';
import type { ParagraphKind } from './paragraph';
import { readScalar } from './scalars';

export interface Block {
  kind: ParagraphKind;
  text: string;
  /** Offsets of the replaceable text (after a heading's or a list item's marker). */
  start: number;
  end: number;
  encode: 'block' | 'line' | 'quoted';
  /** Decks: the slide (1-based) the block is on. */
  slide?: number;
}

interface Line { text: string; start: number; end: number }

function linesOf(source: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    let end = source.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const text = source.slice(start, end).replace(/\r$/, '');
    lines.push({ text, start, end: start + text.length });
    start = end + 1;
  }
  return lines;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(\r?\n|$)/;

/** The frontmatter fields under review, as blocks located in the file (undefined when a value spans lines). */
function frontmatterBlocks(source: string, fields: readonly ParagraphKind[]): { blocks: Block[]; bodyStart: number } {
  const match = FRONTMATTER.exec(source);
  if (!match) return { blocks: [], bodyStart: 0 };
  const data = (yaml.load(match[1] ?? '') ?? {}) as Record<string, unknown>;
  const blocks: Block[] = [];
  for (const field of fields) {
    const value = data[field];
    if (typeof value !== 'string') continue;
    const at = new RegExp(`^${field}:[ \\t]*`, 'm').exec(match[0]);
    const scalar = at ? readScalar(source, at.index + at[0].length, 'block') : undefined;
    // Located only when the text read there is exactly the parsed value (one line, plain or quoted).
    if (scalar && scalar.value === value) blocks.push({ kind: field, text: value, start: scalar.start, end: scalar.end, encode: 'quoted' });
    else blocks.push({ kind: field, text: value, start: -1, end: -1, encode: 'quoted' });
  }
  return { blocks, bodyStart: match[0].length };
}

const HEADING = /^(#{1,6})[ \t]+/;
const ITEM = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;
const RULER = /^\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

/**
 * Blocks of a page (`deck` false) or a presenter deck. Text is as in the
 * source: a paragraph's lines joined by line breaks, a list item's continuation
 * lines joined by spaces.
 */
export function markdownBlocks(source: string, options: { deck: boolean; fields: readonly ParagraphKind[] }): Block[] {
  const { blocks, bodyStart } = frontmatterBlocks(source, options.fields);
  let open: { kind: ParagraphKind; lines: Line[]; textStart: number; join: string; slide?: number } | undefined;
  let fenced = false;
  let section: 'points' | 'notes' | 'questions' = 'points';
  let slide = 1;
  const close = () => {
    if (!open) return;
    const last = open.lines[open.lines.length - 1]!;
    const text = open.lines.map((l, i) => (i === 0 ? l.text.slice(open!.textStart - l.start) : l.text).trim()).join(open.join);
    blocks.push({ kind: open.kind, text, start: open.textStart, end: last.end, encode: open.join === '\n' ? 'block' : 'line', ...(options.deck ? { slide: open.slide } : {}) });
    open = undefined;
  };
  for (const line of linesOf(source, bodyStart, source.length)) {
    const text = line.text;
    if (FENCE.test(text)) { close(); fenced = !fenced; continue; }
    if (fenced) continue;
    if (!text.trim()) { close(); continue; }
    if (/^[ \t]*(---+|\*\*\*+|___+)[ \t]*$/.test(text)) {
      close();
      if (options.deck) { slide += 1; section = 'points'; }
      continue;
    }
    if (options.deck && /^[ \t]*Icon:/i.test(text)) { close(); continue; }
    if (options.deck && /^[ \t]*(Notes|Questions):[ \t]*$/i.test(text)) { close(); section = /^[ \t]*n/i.test(text) ? 'notes' : 'questions'; continue; }
    const heading = HEADING.exec(text);
    if (heading) {
      close();
      const kind: ParagraphKind = options.deck && heading[1] === '#' ? 'slide' : (`h${heading[1]!.length}` as ParagraphKind);
      open = { kind, lines: [line], textStart: line.start + heading[0].length, join: ' ', slide };
      close();
      continue;
    }
    if (/^[ \t]*\|/.test(text)) {
      close();
      if (!RULER.test(text)) { open = { kind: 'row', lines: [line], textStart: line.start + (text.length - text.trimStart().length), join: ' ', slide }; close(); }
      continue;
    }
    const item = ITEM.exec(text);
    const sectionKind: ParagraphKind | undefined = options.deck ? (section === 'notes' ? 'notes' : section === 'questions' ? 'question' : undefined) : undefined;
    if (item) {
      close();
      open = { kind: sectionKind ?? 'item', lines: [line], textStart: line.start + item[0].length, join: ' ', slide };
      continue;
    }
    if (open && open.join === ' ' && (open.kind === 'item' || open.kind === 'question' || open.kind === 'notes') && /^[ \t]+\S/.test(text) && open.lines.length > 0 && ITEM.test(open.lines[0]!.text)) {
      open.lines.push(line); // a list item's continuation line
      continue;
    }
    if (open && open.join === '\n') { open.lines.push(line); continue; }
    close();
    open = { kind: sectionKind ?? 'p', lines: [line], textStart: line.start + (text.length - text.trimStart().length), join: '\n', slide };
  }
  close();
  return blocks;
}
