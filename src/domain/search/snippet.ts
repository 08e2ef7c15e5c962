/**
 * Where to cut a result's snippet, and what to mark in it: the longest pieces of
 * the query the page holds (whole syllables in Khmer; "ឆ្លងដែន" is marked inside
 * "លិខិតឆ្លងដែន", and a query the page holds only in parts gets its parts marked),
 * and whole English words whose index form is the query's ("rules" for "rule",
 * never "[rul]es"). Positions are in the original text, found through folding.
 */
import { foldWithMap, isKhmerBase, isKhmerSign, type Folded } from './fold';
import { englishTerm } from './english';

export interface Snippet {
  start: number;
  end: number;
  /** [from, to) in the original text, inside [start, end), in order, not overlapping. */
  marks: [number, number][];
}

export interface Highlight { khmer: string[][]; words: string[] }

/** Every place the query's pieces are in `text` (original positions). */
export function findMarks(text: string, highlight: Highlight): [number, number][] {
  const folded = joinKhmer(foldWithMap(text));
  const f = folded.text;
  const found: [number, number][] = []; // folded positions
  const atSyllableEdges = (at: number, length: number) =>
    f[at - 1] !== '\u17D2' && isKhmerBase(f[at] ?? '') && !isKhmerSign(f[at + length] ?? '');
  for (const run of highlight.khmer) {
    const covered = new Array<boolean>(run.length).fill(false);
    const shortest = run.length <= 2 ? 1 : 2;
    for (let length = run.length; length >= shortest; length--) {
      for (let i = 0; i + length <= run.length; i++) {
        if (covered.slice(i, i + length).some(Boolean)) continue;
        const piece = run.slice(i, i + length).join('');
        let any = false;
        for (let at = f.indexOf(piece); at >= 0; at = f.indexOf(piece, at + 1)) {
          if (atSyllableEdges(at, piece.length)) { found.push([at, at + piece.length]); any = true; }
        }
        if (any) covered.fill(true, i, i + length);
      }
    }
  }
  if (highlight.words.length) {
    const wanted = new Set(highlight.words);
    for (const m of f.matchAll(/[a-z0-9]+(?:['’][a-z]+)?/g)) {
      const before = f[m.index - 1] ?? ' ';
      if (/[a-z0-9]/.test(before)) continue;
      if (wanted.has(englishTerm(m[0])) || wanted.has(m[0])) found.push([m.index, m.index + m[0].length]);
    }
  }
  // Back to the original text, merged.
  const marks = found
    .map(([a, b]): [number, number] => [folded.from[a]!, folded.to[b - 1]!])
    .sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const mark of marks) {
    const last = merged[merged.length - 1];
    if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
    else merged.push([...mark]);
  }
  return merged;
}

/** Spaces between Khmer letters do not count (as in the index): "ការងារ នៅថៃ" holds "ការងារនៅថៃ". */
function joinKhmer(folded: Folded): Folded {
  const isKhmer = (c: string | undefined) => c !== undefined && c >= '\u1780' && c <= '\u17DD';
  const out: Folded = { text: '', from: [], to: [] };
  const kept: string[] = [];
  for (let i = 0; i < folded.text.length; i++) {
    const c = folded.text[i]!;
    if ((c === ' ' || c === '\u00A0') && isKhmer(folded.text[i - 1]) && isKhmer(folded.text[i + 1])) continue;
    kept.push(c);
    out.from.push(folded.from[i]!);
    out.to.push(folded.to[i]!);
  }
  out.text = kept.join('');
  return out;
}

/** The window of about `size` characters holding the most marked text, cut at spaces where it can be. */
export function cutSnippet(text: string, highlight: Highlight, size = 160): Snippet {
  const marks = findMarks(text, highlight);
  let start = 0;
  let best = -1;
  for (const [from] of marks) {
    const s = Math.max(0, from - Math.floor(size / 4));
    const covered = marks.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, s + size) - Math.max(a, s)), 0);
    if (covered > best) { best = covered; start = s; }
  }
  start = toBoundary(text, start, -1);
  let end = Math.min(text.length, start + size);
  end = toBoundary(text, end, 1);
  return { start, end, marks: marks.filter(([a, b]) => a >= start && b <= end) };
}

/** A nearby space (within 24 characters) or at least the edge of a Khmer syllable. */
function toBoundary(text: string, at: number, direction: -1 | 1): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(text.length, at));
  for (let k = 0; k <= 24; k++) {
    const i = at + direction * k;
    if (i <= 0 || i >= text.length) break;
    if (/\s/.test(text[i - 1]!) !== /\s/.test(text[i]!)) return i;
  }
  let i = at;
  while (i > 0 && i < text.length && (isKhmerSign(text[i]!) || text[i - 1] === '\u17D2' || /[\u200B-\u200D]/.test(text[i]!))) i += direction;
  return i;
}
