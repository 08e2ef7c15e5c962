/**
 * Folding for search: the same text typed in different ways becomes one string,
 * in the index (at build), in the query and in the page a snippet is cut from.
 *
 * Khmer: each orthographic syllable (a base letter and the signs stacked on it)
 * is put in one order, so that what renders the same matches the same. After
 * Unicode's Khmer notes, SIL's khnormal and Wikimedia's Khmer reordering for
 * search:
 * - zero-width spaces, joiners, soft hyphens and the invisible inherent vowels go;
 * - subscript ដ is subscript ត (្ដ → ្ត: the same sound, written either way);
 * - ឲ is ឱ (ឲ្យ → ឱ្យ), the deprecated ឣ ឤ are អ អា, ៓ is ំ;
 * - ឫ ឬ ឭ ឮ are រឹ រឺ លឹ លឺ (the same sounds, often typed that way: ឮ / លឺ);
 * - a syllable's signs are sorted: robat, subscripts (subscript រ last),
 *   register shifters, vowels, then the other signs, so ុំ and ំុ are one;
 *   a sign typed twice counts once; េ + ី is ើ, េ + ា is ោ.
 * Digits: Khmer digits are Latin ones. Latin: lower case, accents dropped.
 *
 * `foldWithMap` also says, for each folded character, which characters of the
 * original text it came from (a whole syllable for Khmer), so a snippet can mark
 * the original text.
 */

const KHMER_DIGIT_0 = 0x17e0;

/** A letter that starts a syllable: consonant or independent vowel (after folding, also ៗ and ៜ stand alone). */
export const isKhmerBase = (c: string) => (c >= '\u1780' && c <= '\u17B3') || c === '\u17D7' || c === '\u17DC';
/** A sign that sits on a base letter (including the subscript mark ្). */
export const isKhmerSign = (c: string) => (c >= '\u17B6' && c <= '\u17D3') || c === '\u17DD';
/** Khmer letters and signs (not punctuation, digits or currency). */
export const isKhmerLetter = (c: string) => isKhmerBase(c) || isKhmerSign(c) || c === '\u17B4' || c === '\u17B5';

/** Whole-character replacements, before syllables are sorted. */
const REPLACE: Record<string, string> = {
  '\u17A3': '\u17A2', // ឣ → អ (deprecated)
  '\u17A4': '\u17A2\u17B6', // ឤ → អា (deprecated)
  '\u17A8': '\u17A7\u1780', // ឨ → ឧក (obsolete ligature)
  '\u17B2': '\u17B1', // ឲ → ឱ
  '\u17AB': '\u179A\u17B9', // ឫ → រឹ
  '\u17AC': '\u179A\u17BA', // ឬ → រឺ
  '\u17AD': '\u179B\u17B9', // ឭ → លឹ
  '\u17AE': '\u179B\u17BA', // ឮ → លឺ
  '\u17D3': '\u17C6', // ៓ → ំ (deprecated)
  '\u17DD': '\u17D1', // ៝ → ៑
};

/** Sort order of the parts of a syllable (after the base). */
function rank(part: string): number {
  const c = part[0]!;
  if (c === '\u17CC') return 1; // robat
  if (c === '\u17D2') return 2; // subscript consonant (ordered among themselves below)
  if (c === '\u17C9' || c === '\u17CA') return 3; // register shifters
  if (c >= '\u17BE' && c <= '\u17C5') return 4; // vowels written before or around the base
  if (c >= '\u17BB' && c <= '\u17BD') return 5; // vowels below
  if (c >= '\u17B7' && c <= '\u17BA') return 6; // vowels above
  if (c === '\u17B6') return 7; // ា
  if (c === '\u17C7' || c === '\u17C8') return 9; // spacing signs ះ ៈ
  return 8; // ំ ់ ៍ ៎ ៏ ័ ៑ and the rest
}

/** One syllable in its search form: `base` followed by `signs` as typed. */
function foldSyllable(base: string, signs: string[]): string {
  // Parts: a subscript (្ + letter) is one part; any other sign is one part.
  const parts: string[] = [];
  for (let i = 0; i < signs.length; i++) {
    const c = signs[i]!;
    if (c === '\u17D2') {
      while (signs[i + 1] === '\u17D2') i++; // ្្ → ្
      const next = signs[i + 1];
      if (next !== undefined && isKhmerBase(next)) {
        parts.push(c + (next === '\u178A' ? '\u178F' : next)); // ្ដ → ្ត
        i++;
      } // a stray subscript mark, on nothing, is dropped
    } else parts.push(c);
  }
  // Most syllables are typed in order: nothing to sort.
  let ordered = true;
  for (let i = 1; i < parts.length && ordered; i++) {
    const a = parts[i - 1]!;
    const b = parts[i]!;
    const d = rank(a) - rank(b);
    ordered = d < 0 || (d === 0 && a !== b && subscriptOrder(a, b) <= 0 && a[0] === '\u17D2');
  }
  const sorted = ordered ? parts : parts
    .map((part, index) => ({ part, index, order: rank(part) }))
    .sort((a, b) => a.order - b.order || subscriptOrder(a.part, b.part) || a.index - b.index)
    .map((p) => p.part)
    .filter((part, i, all) => part !== all[i - 1]); // a sign typed twice counts once
  const folded = base + sorted.join('');
  if (!folded.includes('\u17C1')) return folded;
  return folded
    .replace(/\u17C1([\u17BB-\u17BD]?)\u17B8/g, '\u17BE$1') // េ + ី → ើ
    .replace(/\u17C1([\u17BB-\u17BD]?)\u17B6/g, '\u17C4$1'); // េ + ា → ោ
}

/** Subscript រ goes after the other subscripts (ស្ត្រី, not ស្រ្តី). */
function subscriptOrder(a: string, b: string): number {
  if (a[0] !== '\u17D2' || b[0] !== '\u17D2') return 0;
  return (a === '\u17D2\u179A' ? 1 : 0) - (b === '\u17D2\u179A' ? 1 : 0);
}

function foldOther(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= KHMER_DIGIT_0 && code <= KHMER_DIGIT_0 + 9) return String(code - KHMER_DIGIT_0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  if (code < 0x1780) return c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return c;
}

const isInvisible = (code: number) =>
  code === 0x00ad || (code >= 0x200b && code <= 0x200f) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff || code === 0x17b4 || code === 0x17b5;

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: where its syllable or character starts in the original. */
  from: number[];
  /** …and where it ends (exclusive). */
  to: number[];
}

/** Folds a text and keeps, for each folded unit, the span of the original it came from. */
export function foldWithMap(input: string): Folded {
  const from: number[] = [];
  const to: number[] = [];
  const text = foldCore(input, (piece, start, end) => {
    for (let k = 0; k < piece.length; k++) { from.push(start); to.push(end); }
  });
  return { text, from, to };
}

/** The folded text alone. */
export function fold(input: string): string {
  return foldCore(input);
}

function foldCore(input: string, track?: (piece: string, start: number, end: number) => void): string {
  const out: string[] = [];
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      // ASCII: the common case of English pages.
      const piece = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : input[i]!;
      out.push(piece);
      track?.(piece, i, i + 1);
      i++;
      continue;
    }
    if (isInvisible(code)) { i++; continue; }
    // A Khmer syllable typed in the usual order (most of them) is its own search form.
    const end = canonicalSyllableEnd(input, i);
    if (end > 0) {
      const piece = input.slice(i, end);
      out.push(piece);
      track?.(piece, i, end);
      i = end;
      continue;
    }
    const c = input[i]!;
    const replaced = REPLACE[c];
    const first = replaced ? replaced[0]! : c;
    if (isKhmerBase(first) || isKhmerSign(first)) {
      // A syllable: a base letter (or a stray sign) and every sign after it, invisible characters skipped.
      const start = i;
      let end = i + 1;
      let base = first;
      const signs: string[] = replaced ? [...replaced.slice(1)] : [];
      if (!isKhmerBase(first)) { base = ''; signs.unshift(first); }
      i++;
      while (i < input.length) {
        if (isInvisible(input.charCodeAt(i))) { i++; continue; }
        const d = input[i]!;
        const r = REPLACE[d] ?? d;
        // A sign, or a letter after ្ (a subscript), belongs to this syllable.
        if (isKhmerSign(r[0]!) || (signs.length && signs[signs.length - 1] === '\u17D2' && isKhmerBase(r[0]!))) {
          for (const x of r) signs.push(x);
          i++;
          end = i;
          continue;
        }
        break;
      }
      let piece = signs.length ? foldSyllable(base, signs) : base;
      // Joining a vowel typed in two parts may leave a sign twice, or stray signs out of order: once more, to a fixed point.
      for (let k = 0; k < 3; k++) {
        const head = piece && isKhmerBase(piece[0]!) ? piece[0]! : '';
        const again = foldSyllable(head, [...piece.slice(head.length)]);
        if (again === piece) break;
        piece = again;
      }
      out.push(piece);
      track?.(piece, start, end);
      continue;
    }
    // Surrogate pairs stay whole.
    const ch = String.fromCodePoint(input.codePointAt(i)!);
    const piece = foldOther(ch);
    out.push(piece);
    track?.(piece, i, i + ch.length);
    i += ch.length;
  }
  return out.join('');
}

/** Where a syllable starting at `at` ends, when it needs no folding (else 0). */
function canonicalSyllableEnd(input: string, at: number): number {
  const base = input.charCodeAt(at);
  if (base < 0x1780 || base > 0x17b3 || REPLACE[input[at]!] !== undefined) return 0;
  let i = at + 1;
  let last = 0; // rank of the previous part
  let lastPart = -1;
  let hasE = false;
  while (i < input.length) {
    const c = input.charCodeAt(i);
    if (c === 0x17d2) {
      const sub = input.charCodeAt(i + 1);
      // A subscript: not ដ (folded to ត), not after a subscript រ, and only after other subscripts or nothing.
      if (!(sub >= 0x1780 && sub <= 0x17b3) || sub === 0x178a || REPLACE[input[i + 1]!] !== undefined || last > 2 || lastPart === 0x179a || lastPart === sub) return 0;
      last = 2;
      lastPart = sub;
      i += 2;
      continue;
    }
    if (!((c >= 0x17b6 && c <= 0x17d1) || c === 0x17d3 || c === 0x17dd)) break;
    if (c === 0x17d3 || c === 0x17dd || (c >= 0x17b4 && c <= 0x17b5)) return 0;
    const r = rank(String.fromCharCode(c));
    if (r <= last || (hasE && (c === 0x17b8 || c === 0x17b6))) return 0; // out of order, twice, or a vowel in two parts
    if (c === 0x17c1) hasE = true;
    last = r;
    lastPart = c;
    i += 1;
  }
  if (isInvisible(input.charCodeAt(i))) return 0; // the syllable may go on after it
  return i;
}

/** The syllables of a run of folded Khmer letters: ["ការ", "ងារ"] is ["កា", "រ", "ងា", "រ"]. */
export function syllables(run: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const sign = (c >= 0x17b6 && c <= 0x17d3) || c === 0x17dd;
    const subscript = run.charCodeAt(i - 1) === 0x17d2 && c >= 0x1780 && c <= 0x17b3;
    if (!sign && !subscript) {
      out.push(run.slice(start, i));
      start = i;
    }
  }
  if (run.length) out.push(run.slice(start));
  return out;
}
