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
/** Invisible characters removed everywhere (also U+17B4, U+17B5 inside Khmer). */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u17B4\u17B5]/;

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
      } else parts.push(c); // a stray subscript mark
    } else parts.push(c);
  }
  const sorted = parts
    .map((part, index) => ({ part, index, order: rank(part) }))
    .sort((a, b) => a.order - b.order || subscriptOrder(a.part, b.part) || a.index - b.index)
    .map((p) => p.part)
    .filter((part, i, all) => part !== all[i - 1]); // a sign typed twice counts once
  return (base + sorted.join(''))
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
  if (code < 0x80) return c.toLowerCase();
  if (code < 0x1780) return c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return c;
}

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: where its syllable or character starts in the original. */
  from: number[];
  /** …and where it ends (exclusive). */
  to: number[];
}

/** Folds a text and keeps, for each folded unit, the span of the original it came from. */
export function foldWithMap(input: string): Folded {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  const emit = (piece: string, start: number, end: number) => {
    text += piece;
    for (let k = 0; k < piece.length; k++) { from.push(start); to.push(end); }
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (INVISIBLE.test(c)) { i++; continue; }
    const replaced = REPLACE[c];
    const first = replaced ? replaced[0]! : c;
    if (isKhmerBase(first) || isKhmerSign(first)) {
      // A syllable: a base letter (or a stray sign) and every sign after it, invisible characters skipped.
      const start = i;
      let base = first;
      const signs: string[] = replaced ? [...replaced.slice(1)] : [];
      if (!isKhmerBase(first)) { base = ''; signs.unshift(first); }
      i++;
      while (i < input.length) {
        const d = input[i]!;
        if (INVISIBLE.test(d)) { i++; continue; }
        const r = REPLACE[d] ?? d;
        if (isKhmerSign(r[0]!)) { signs.push(...r); i++; continue; }
        // A letter after ្ belongs to this syllable (a subscript).
        if (signs.length && signs[signs.length - 1] === '\u17D2' && isKhmerBase(r[0]!)) { signs.push(...r); i++; continue; }
        break;
      }
      emit(foldSyllable(base, signs), start, i);
      continue;
    }
    // Surrogate pairs stay whole.
    const code = input.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    emit(foldOther(ch), i, i + ch.length);
    i += ch.length;
  }
  return { text, from, to };
}

/** The folded text alone. */
export function fold(input: string): string {
  return foldWithMap(input).text;
}

/** The syllables of a run of folded Khmer letters: ["ការ", "ងារ"] is ["កា", "រ", "ងា", "រ"]. */
export function syllables(run: string): string[] {
  const out: string[] = [];
  for (const c of run) {
    const last = out.length - 1;
    const prev = out[last];
    if (prev !== undefined && (isKhmerSign(c) || (prev.endsWith('\u17D2') && isKhmerBase(c))) && c !== '\u17D7' && c !== '\u17DC') out[last] = prev + c;
    else out.push(c);
  }
  return out;
}
