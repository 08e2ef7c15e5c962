/**
 * Proposals written into the content files, and the unified diff of the
 * result (what `git apply` and `patch -p1` read). Each proposal replaces
 * exactly its paragraph's text; it is kept only when reading the changed file
 * again gives that paragraph with the proposed text (so a proposal can never
 * split a paragraph, break a file's syntax or touch another paragraph).
 */
import { loadUnit, type Reader } from './units';
import type { Paragraph } from './paragraph';

export interface Proposal {
  unit: string;
  paragraphId: string;
  /** The Khmer text's hash when the proposal was made: it must still be the file's. */
  kmHash: string;
  /** The new Khmer text, normalised (normaliseProposal). */
  text: string;
}

export type Refusal = 'gone' | 'changed' | 'not_located' | 'breaks_structure';

export interface Applied<P extends Proposal> {
  /** Changed files: relative path → [before, after]. */
  files: Map<string, [string, string]>;
  applied: P[];
  refused: { proposal: P; reason: Refusal }[];
}

function encode(paragraph: Paragraph, text: string): string {
  if (paragraph.locator?.encode === 'quoted') return JSON.stringify(text); // a JSON string is a YAML double-quoted scalar too
  return text;
}

/** Writes the proposals, one at a time, each checked by reading the file again. */
export function applyProposals<P extends Proposal>(read: Reader, proposals: P[]): Applied<P> {
  const changed = new Map<string, string>();
  const original = new Map<string, string>();
  const current: Reader = (file) => changed.get(file) ?? read(file);
  const result: Applied<P> = { files: new Map(), applied: [], refused: [] };
  for (const proposal of proposals) {
    const unitBefore = loadUnit(proposal.unit, current);
    const paragraph = unitBefore?.paragraphs.find((p) => p.id === proposal.paragraphId);
    if (!unitBefore || !paragraph) { result.refused.push({ proposal, reason: 'gone' }); continue; }
    if (paragraph.kmHash !== proposal.kmHash) { result.refused.push({ proposal, reason: 'changed' }); continue; }
    const locator = paragraph.locator;
    const before = locator && current(locator.file);
    if (!locator || before === undefined) { result.refused.push({ proposal, reason: 'not_located' }); continue; }
    changed.set(locator.file, before.slice(0, locator.start) + encode(paragraph, proposal.text) + before.slice(locator.end));
    // Read again: the same paragraphs, in the same order, only this one's text changed, to exactly the proposal.
    const unitAfter = loadUnit(proposal.unit, current);
    const same = unitAfter?.paragraphs.length === unitBefore.paragraphs.length && unitAfter.paragraphs.every((p, i) => {
      const was = unitBefore.paragraphs[i]!;
      return p.id === was.id && (p.id === proposal.paragraphId ? p.km === proposal.text : p.kmHash === was.kmHash);
    });
    if (!same) {
      changed.set(locator.file, before);
      result.refused.push({ proposal, reason: 'breaks_structure' });
      continue;
    }
    if (!original.has(locator.file)) original.set(locator.file, before);
    result.applied.push(proposal);
  }
  for (const [file, before] of original) {
    const after = changed.get(file)!;
    if (after !== before) result.files.set(file, [before, after]);
  }
  return result;
}

interface Lines { lines: string[]; newlineAtEnd: boolean }
const splitLines = (text: string): Lines => {
  const lines = text.split('\n');
  const newlineAtEnd = lines[lines.length - 1] === '';
  if (newlineAtEnd) lines.pop();
  return { lines, newlineAtEnd };
};

type Op = { op: ' ' | '-' | '+'; line: string; a: number; b: number };

/** The line edit script from `a` to `b`: common ends trimmed, then a longest common subsequence. */
function editScript(a: Lines, b: Lines): Op[] {
  // The last line without a newline differs from the same line with one.
  const key = (l: Lines, i: number) => (i === l.lines.length - 1 && !l.newlineAtEnd ? `${l.lines[i]}\u0000` : l.lines[i]!);
  let head = 0;
  while (head < a.lines.length && head < b.lines.length && key(a, head) === key(b, head)) head += 1;
  let tail = 0;
  while (tail < a.lines.length - head && tail < b.lines.length - head && key(a, a.lines.length - 1 - tail) === key(b, b.lines.length - 1 - tail)) tail += 1;
  const n = a.lines.length - head - tail;
  const m = b.lines.length - head - tail;
  const ops: Op[] = [];
  for (let i = 0; i < head; i += 1) ops.push({ op: ' ', line: a.lines[i]!, a: i, b: i });
  if (n * m <= 4_000_000) {
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        table[i]![j] = key(a, head + i) === key(b, head + j) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && key(a, head + i) === key(b, head + j)) { ops.push({ op: ' ', line: a.lines[head + i]!, a: head + i, b: head + j }); i += 1; j += 1; }
      else if (i < n && (j >= m || table[i + 1]![j]! >= table[i]![j + 1]!)) { ops.push({ op: '-', line: a.lines[head + i]!, a: head + i, b: head + j }); i += 1; }
      else { ops.push({ op: '+', line: b.lines[head + j]!, a: head + i, b: head + j }); j += 1; }
    }
  } else {
    for (let i = 0; i < n; i += 1) ops.push({ op: '-', line: a.lines[head + i]!, a: head + i, b: head + m });
    for (let j = 0; j < m; j += 1) ops.push({ op: '+', line: b.lines[head + j]!, a: head + n, b: head + j });
  }
  for (let t = 0; t < tail; t += 1) ops.push({ op: ' ', line: a.lines[head + n + t]!, a: head + n + t, b: head + m + t });
  return ops;
}

/** A unified diff of one file (`path` relative to the folder the patch is applied in), with 3 lines of context. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const changes = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (!changes.length) return '';
  // Hunks: runs of changes whose context overlaps.
  const hunks: [number, number][] = [];
  for (const i of changes) {
    const from = Math.max(0, i - context);
    const to = Math.min(ops.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  let out = `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n`;
  for (const [from, to] of hunks) {
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((o) => o.op !== '+').length;
    const newCount = slice.filter((o) => o.op !== '-').length;
    const oldStart = oldCount ? slice.find((o) => o.op !== '+')!.a + 1 : slice[0]!.a;
    const newStart = newCount ? slice.find((o) => o.op !== '-')!.b + 1 : slice[0]!.b;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const o of slice) {
      out += `${o.op}${o.line}\n`;
      const endsOld = o.op !== '+' && o.a === a.lines.length - 1 && !a.newlineAtEnd;
      const endsNew = o.op !== '-' && o.b === b.lines.length - 1 && !b.newlineAtEnd;
      if (endsOld || endsNew) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
