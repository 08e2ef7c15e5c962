/**
 * The search index of one language, built with the site, as files a phone
 * downloads only when a query needs them:
 *
 * - the head (`/km/search-index.json`): how many pages, their lengths, and the
 *   names of the other files;
 * - term files (`/km/search-index/t3.<hash>.json`): for each Khmer syllable or
 *   English word, the pages holding it or its pairs, with how often and whether
 *   in the title or a heading. A term's file is chosen by a hash of its first
 *   syllable or word, so a query fetches one file per piece, and the number of
 *   files grows with the text;
 * - page files (`d0.<hash>.json`): address and title of 32 pages each, fetched
 *   for the results on screen;
 * - the lexicon (`lex.<hash>.json`): every syllable and word, most frequent
 *   first, for spelling slips;
 * - the bundle (`all.<hash>.json`): all of these in one file, the copy saved
 *   with the language for offline use (one file compresses better than many).
 *
 * No limit on the number of pages: postings are lists of page numbers.
 */
import { encodeNumbers, hashString } from './encoding';
import { analyse, RUN_END } from './tokenize';

export interface SearchDoc {
  url: string;
  title: string;
  headings: string[];
  /** Plain text of the page body. */
  body: string;
  /** A page that lists others (home, subject pages): ranked a little below the pages it lists. */
  listing?: boolean;
}

export interface SearchHead {
  version: 2;
  locale: string;
  /** Number of pages. */
  count: number;
  /** Syllables and words of each page, encoded (encoding.ts). */
  lengths: string;
  averageLength: number;
  /** Syllables and words in each page's headings, encoded, and their average. */
  headingLengths: string;
  averageHeadingLength: number;
  /** Pages that list others (their numbers). */
  listings: number[];
  /** Term files by number (a term lives in file `hashString(first) % terms.length`). */
  terms: string[];
  docFiles: string[];
  docsPerFile: number;
  lexicon: string;
  /** All the other files in one (the copy a phone saves for offline use). */
  bundle: string;
}

/** First syllable or word → what follows it (a syllable, RUN_END, a word, or '' for the word alone) → postings. */
export type TermFile = Record<string, Record<string, string>>;
export interface DocFile { docs: [url: string, title: string][] }
export interface Bundle { parts: Record<string, string> }
export interface Lexicon {
  /** Khmer syllables, most pages first, separated by spaces. */
  khmer: string;
  /** English words (index terms), most pages first. */
  words: string;
}

export interface SearchIndexFiles {
  head: SearchHead;
  /** File name (without .json) → contents. */
  parts: Record<string, TermFile | DocFile | Lexicon | Bundle>;
}

/**
 * Postings: the gaps between page numbers, then, unless every value is 0, a comma and one value a
 * page: how often (0: once, 1: twice, 2: three or four times, 3: more) × 4 + heading × 2 + title.
 * A term on more than half the pages has a semicolon instead, and its values are where it is only.
 */
export const IN_TITLE = 1;
export const IN_HEADING = 2;
/** What each level of "how often" stands for. */
export const COUNT_OF_LEVEL = [1, 2, 3, 6];
const levelOf = (count: number) => (count <= 1 ? 0 : count === 2 ? 1 : count <= 4 ? 2 : 3);
/** About this many characters per term file before it is split (~12 KB gzip). */
const TERM_FILE_TARGET = 40_000;
export const DOCS_PER_FILE = 32;
/** From this many pages on, terms on most pages keep no counts. */
const COMMON_FROM = 200;

/** One term's pages, in order, with how often and where. */
interface Postings { docs: number[]; counts: number[]; flags: number[] }

export function buildSearchIndex(locale: string, docs: SearchDoc[]): SearchIndexFiles {
  const terms = new Map<string, Map<string, Postings>>();
  const lengths: number[] = [];
  const headingLengths: number[] = [];
  const add = (first: string, next: string, doc: number, flags: number) => {
    let children = terms.get(first);
    if (!children) terms.set(first, (children = new Map()));
    let list = children.get(next);
    if (!list) children.set(next, (list = { docs: [], counts: [], flags: [] }));
    const last = list.docs.length - 1;
    if (list.docs[last] === doc) {
      list.counts[last]! += 1;
      list.flags[last]! |= flags;
    } else {
      list.docs.push(doc);
      list.counts.push(1);
      list.flags.push(flags);
    }
  };

  docs.forEach((doc, id) => {
    let length = 0;
    let headingLength = 0;
    const fields: [string, number][] = [[doc.title, IN_TITLE], ...doc.headings.map((h) => [h, IN_HEADING] as [string, number]), [doc.body, 0]];
    for (const [text, flags] of fields) {
      const { khmer, phrases, numbers } = analyse(text);
      if (flags === IN_HEADING) headingLength += khmer.reduce((n, run) => n + run.length, 0) + phrases.reduce((n, p) => n + p.length, 0);
      for (const run of khmer) {
        length += run.length;
        run.forEach((syllable, i) => add(syllable, run[i + 1] ?? RUN_END, id, flags));
      }
      for (const phrase of phrases) {
        length += phrase.length;
        phrase.forEach((word, i) => {
          add(word, '', id, flags);
          if (i + 1 < phrase.length) add(word, phrase[i + 1]!, id, flags);
        });
      }
      for (const number of numbers) add(number, '', id, flags);
    }
    lengths.push(length);
    headingLengths.push(headingLength);
  });

  // Encode each term's postings, then share the terms out among files by the hash of their first part.
  const seen = new Int32Array(docs.length);
  let mark = 0;
  const encoded = [...terms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([first, children]) => {
    const entry: Record<string, string> = {};
    let size = first.length + 8;
    for (const [next, list] of [...children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      entry[next] = encodePostings(list, docs.length);
      size += next.length + entry[next]!.length + 6;
    }
    let pages = 0;
    mark += 1;
    for (const list of children.values()) for (const d of list.docs) if (seen[d] !== mark) { seen[d] = mark; pages += 1; }
    return { first, entry, size, pages };
  });
  const total = encoded.reduce((n, e) => n + e.size, 0);
  const fileCount = Math.max(1, Math.ceil(total / TERM_FILE_TARGET));
  const termFiles: TermFile[] = Array.from({ length: fileCount }, () => ({}));
  for (const { first, entry } of encoded) termFiles[hashString(first) % fileCount]![first] = entry;

  const parts: SearchIndexFiles['parts'] = {};
  const texts: Record<string, string> = {};
  const named = (prefix: string, content: TermFile | DocFile | Lexicon | Bundle) => {
    const text = JSON.stringify(content);
    const name = `${prefix}.${hashString(text).toString(36)}`;
    parts[name] = content;
    texts[name] = text;
    return name;
  };
  const termNames = termFiles.map((file, i) => named(`t${i}`, file));
  const docNames: string[] = [];
  for (let start = 0; start < docs.length; start += DOCS_PER_FILE) {
    docNames.push(named(`d${start / DOCS_PER_FILE}`, { docs: docs.slice(start, start + DOCS_PER_FILE).map((d): [string, string] => [d.url, d.title]) }));
  }
  const byPages = (a: { pages: number; first: string }, b: { pages: number; first: string }) => b.pages - a.pages || (a.first < b.first ? -1 : 1);
  const khmerFirst = encoded.filter((e) => /^[\u1780-\u17FF]/.test(e.first)).sort(byPages);
  const wordFirst = encoded.filter((e) => !/^[\u1780-\u17FF]/.test(e.first) && e.entry[''] !== undefined).sort(byPages);
  const lexicon = named('lex', { khmer: khmerFirst.map((e) => e.first).join(' '), words: wordFirst.map((e) => e.first).join(' ') });
  // Every file in one, for a phone that saves the language: one file compresses better than many.
  const bundle = named('all', { parts: { ...texts } });

  const head: SearchHead = {
    version: 2,
    locale,
    count: docs.length,
    lengths: encodeNumbers(lengths),
    averageLength: average(lengths),
    headingLengths: encodeNumbers(headingLengths),
    averageHeadingLength: average(headingLengths),
    listings: docs.flatMap((d, i) => (d.listing ? [i] : [])),
    terms: termNames,
    docFiles: docNames,
    docsPerFile: DOCS_PER_FILE,
    lexicon,
    bundle,
  };
  return { head, parts };
}

function average(numbers: number[]): number {
  return numbers.length ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 10) / 10 : 0;
}

function encodePostings(list: Postings, pageCount: number): string {
  // In a big index (the offline budget bites), a term on more than half the pages keeps only where
  // it is, not how often (BM25 weighs such a term next to nothing): a tenth less at 1,000 pages.
  const common = pageCount >= COMMON_FROM && list.docs.length > pageCount / 2;
  const gaps: number[] = [];
  const values: number[] = [];
  let previous = -1;
  list.docs.forEach((doc, i) => {
    gaps.push(doc - previous - 1);
    values.push((common ? 0 : levelOf(list.counts[i]!) * 4) + list.flags[i]!);
    previous = doc;
  });
  if (common) return `${encodeNumbers(gaps)};${values.some((v) => v !== 0) ? encodeNumbers(values) : ''}`;
  return values.some((v) => v !== 0) ? `${encodeNumbers(gaps)},${encodeNumbers(values)}` : encodeNumbers(gaps);
}
