/**
 * One tokeniser for the search index (at build) and the query (in the
 * browser). Khmer is written without spaces, and Node's and Chrome's word
 * segmenters disagree ("លិខិតឆ្លងដែន" is one word in Node 20), so Khmer is
 * matched on character bigrams: any piece of a word is found, wherever it sits.
 * Latin text is lower-cased and lightly stemmed; Khmer digits are Latin digits;
 * invisible characters are removed.
 */
const KHMER_DIGIT = /[\u17E0-\u17E9]/g;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u200E\u200F]/g;
const KHMER_RUN = /[\u1780-\u17DD\u19E0-\u19FF\u200C\u200D]+/g;
const LATIN_WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;
/** Digit groups written with spaces or dashes, as phone numbers are: "023 997 919". */
const DIGIT_GROUPS = /\d+(?:[ \-.]\d+)+/g;

const STOP = new Set('a an and are as at be by for from has have he her his i if in is it its of on or our she so than that the their them then there these they this to was we were what when where which who will with you your can not do does did'.split(' '));

export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(KHMER_DIGIT, (d) => String(d.charCodeAt(0) - 0x17e0))
    .toLowerCase();
}

/** A light English stemmer: enough that "passports", "trafficked" and "trafficking" meet "passport" and "traffick". */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  for (const [suffix, min] of [['ies', 4], ['ing', 5], ['ed', 4], ['es', 4], ['ly', 4], ['s', 3]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min - 1) {
      w = suffix === 'ies' ? `${w.slice(0, -3)}y` : w.slice(0, -suffix.length);
      if (suffix === 's' && w.endsWith('s')) w += 's'; // "class" stays "class"
      break;
    }
  }
  return w;
}

/** The Khmer bigrams of a run of Khmer characters (a single character is its own gram). */
export function khmerGrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}

export interface Tokens {
  /** Khmer runs, normalised (each is matched by its bigrams). */
  khmer: string[];
  /** Latin words, stemmed, without stop words; digit groups also joined ("023997919"). */
  words: string[];
}

export function tokenize(text: string): Tokens {
  const normal = normalizeText(text);
  const khmer = normal.match(KHMER_RUN) ?? [];
  const latin = normal.replace(KHMER_RUN, ' ');
  const words = (latin.match(LATIN_WORD) ?? []).filter((w) => !STOP.has(w)).map(stem);
  for (const group of latin.match(DIGIT_GROUPS) ?? []) words.push(group.replace(/\D/g, ''));
  return { khmer, words };
}

/** Words as Intl.Segmenter sees them (for ranking whole-word matches higher; not for matching). */
export function segmentWords(text: string, locale: string): string[] {
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return [];
  return [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(normalizeText(text))].filter((s) => s.isWordLike).map((s) => s.segment);
}
