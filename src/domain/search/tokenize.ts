/**
 * What the index keeps of a text, and what a query asks for; one analysis for
 * both (at build, and in the browser), after folding (fold.ts).
 *
 * Khmer is written without spaces between words, and Node's and Chrome's word
 * segmenters disagree, so Khmer is cut into syllables (a base letter and the
 * signs on it) and indexed as pairs of neighbouring syllables: "ការងារ" is
 * កា·រ, រ·ងា, ងា·រ. A word is found wherever it sits, in the middle of a longer
 * one too, and a page holding every pair of a query almost always holds the
 * query itself. Spaces between Khmer letters do not count ("ការងារ នៅថៃ" is
 * "ការងារនៅថៃ"). English: words (American spelling, stemmed), stop words
 * dropped, and pairs of neighbouring words for phrases. Khmer digits are Latin
 * digits; phone numbers written in groups ("023 997 919") are also one number.
 */
import { fold, syllables } from './fold';
import { ENGLISH_STOP_WORDS, englishTerm } from './english';

/** Common Khmer function words (folded): dropped when typed as a separate piece of a query. */
export const KHMER_STOP_WORDS = new Set([
  'តើ', 'ទេ', 'ឬ', 'និង', 'នៅ', 'ជា', 'គឺ', 'ដែល', 'របស់', 'ខ្ញុំ', 'អ្នក', 'យើង', 'គេ', 'គាត់', 'ពួកគេ', 'ក្នុង', 'ទៅ', 'ពី',
  'នេះ', 'នោះ', 'ហើយ', 'ដើម្បី', 'បើ', 'ដោយ', 'នឹង', 'ក៏', 'ផង', 'ណា', 'បាន', 'ត្រូវ', 'អ្វី', 'ខ្លះ', 'មួយ', 'ឱ្យ', 'ឲ្យ',
].map(fold));

/** The end of a Khmer run, as the second element of its last pair. */
export const RUN_END = '$';

export type Gap = 'start' | 'space' | 'break';
export type Token =
  | { kind: 'khmer'; syllables: string[]; gap: Gap }
  | { kind: 'word'; term: string; stop: boolean; gap: Gap };

/** Spaces and hyphens between two words or two Khmer runs: they do not separate a phrase. */
const isJoiningSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d || (c >= 0x2000 && c <= 0x200a) || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 0x202f || c === 0x205f || c === 0x3000;
const isLatin = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isKhmer = (c: number) => (c >= 0x1780 && c <= 0x17d3) || c === 0x17d7 || c === 0x17dc || c === 0x17dd;

/** Khmer runs and English words of a folded text, each with what separates it from the previous one. */
export function scan(folded: string): Token[] {
  const tokens: Token[] = [];
  let gap: Gap = 'start';
  let i = 0;
  while (i < folded.length) {
    const c = folded.charCodeAt(i);
    if (isKhmer(c)) {
      let j = i + 1;
      while (j < folded.length && isKhmer(folded.charCodeAt(j))) j++;
      tokens.push({ kind: 'khmer', syllables: syllables(folded.slice(i, j)), gap });
      gap = 'space';
      i = j;
    } else if (isLatin(c)) {
      let j = i + 1;
      while (j < folded.length && isLatin(folded.charCodeAt(j))) j++;
      // An apostrophe and letters go with the word: "child's".
      const q = folded.charCodeAt(j);
      if ((q === 0x27 || q === 0x2019) && j + 1 < folded.length && folded.charCodeAt(j + 1) >= 0x61 && folded.charCodeAt(j + 1) <= 0x7a) {
        j += 2;
        while (j < folded.length && folded.charCodeAt(j) >= 0x61 && folded.charCodeAt(j) <= 0x7a) j++;
      }
      const raw = folded.slice(i, j);
      tokens.push({ kind: 'word', term: englishTerm(raw), stop: ENGLISH_STOP_WORDS.has(raw.replace(/['’]s$/, '')), gap });
      gap = 'space';
      i = j;
    } else {
      if (!isJoiningSpace(c) && gap !== 'start') gap = 'break';
      i++;
    }
  }
  return tokens;
}

export interface Analysed {
  /** Khmer runs (spaces between Khmer letters removed), as syllables. */
  khmer: string[][];
  /** English phrases: neighbouring content words (stop words skipped), as index terms. */
  phrases: string[][];
  /** Phone numbers written in groups, joined: "023997919". */
  numbers: string[];
}

/** What the index keeps of one field of a page. */
export function analyse(text: string): Analysed {
  const folded = fold(text);
  const khmer: string[][] = [];
  const phrases: string[][] = [];
  let prev: Token | undefined;
  for (const token of scan(folded)) {
    const joins = prev !== undefined && prev.kind === token.kind && token.gap === 'space';
    if (token.kind === 'khmer') {
      if (joins) khmer[khmer.length - 1]!.push(...token.syllables);
      else khmer.push([...token.syllables]);
      prev = token;
    } else {
      if (!joins) phrases.push([]);
      if (!token.stop) phrases[phrases.length - 1]!.push(token.term);
      prev = token;
    }
  }
  const numbers = (folded.match(/\d+(?:[ \-.]\d+)+/g) ?? []).map((group) => group.replace(/\D/g, ''));
  return { khmer, phrases: phrases.filter((p) => p.length), numbers };
}

/** One thing the person typed: a Khmer piece (between spaces) or an English word. */
export type Piece =
  | { kind: 'khmer'; syllables: string[]; stop: boolean }
  | { kind: 'word'; term: string; stop: boolean };

export interface ParsedQuery {
  pieces: Piece[];
  /** Khmer pieces typed next to each other, joined: the query "exactly as typed". */
  khmerPhrases: string[][];
  /** Neighbouring English content words. */
  wordPairs: [string, string][];
}

/** A query as typed: its pieces, and what "exactly as typed" means for it. */
export function parseQuery(query: string): ParsedQuery {
  const tokens = scan(fold(query));
  const pieces: Piece[] = [];
  const khmerPhrases: string[][] = [];
  const wordPairs: [string, string][] = [];
  let prev: Token | undefined;
  let lastContentWord: string | undefined;
  for (const token of tokens) {
    const joins = prev !== undefined && prev.kind === token.kind && token.gap === 'space';
    if (token.kind === 'khmer') {
      pieces.push({ kind: 'khmer', syllables: token.syllables, stop: KHMER_STOP_WORDS.has(token.syllables.join('')) });
      if (joins) khmerPhrases[khmerPhrases.length - 1]!.push(...token.syllables);
      else khmerPhrases.push([...token.syllables]);
      lastContentWord = undefined;
    } else {
      pieces.push({ kind: 'word', term: token.term, stop: token.stop });
      if (!joins) lastContentWord = undefined;
      if (!token.stop) {
        if (lastContentWord !== undefined && lastContentWord !== token.term) wordPairs.push([lastContentWord, token.term]);
        lastContentWord = token.term;
      }
    }
    prev = token;
  }
  // Only function words typed ("what is"): search for them after all.
  if (pieces.length && pieces.every((p) => p.stop)) for (const p of pieces) p.stop = false;
  return { pieces: dedupe(pieces), khmerPhrases, wordPairs };
}

function dedupe(pieces: Piece[]): Piece[] {
  const seen = new Set<string>();
  return pieces.filter((p) => {
    const key = p.kind === 'khmer' ? p.syllables.join('') : p.term;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
