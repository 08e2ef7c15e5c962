/**
 * The search index of one language: the documents (address, title, headings)
 * and, for the body, which documents hold each Khmer bigram and each Latin
 * word, as bitsets (base-36 strings; a language has under 53 pages, within
 * JavaScript's exact integers). Snippets are cut at query time from the saved
 * pages, so the index holds no body text.
 */
import { khmerGrams, normalizeText, segmentWords, tokenize } from './tokenize';

export interface SearchDoc {
  url: string;
  title: string;
  headings: string[];
  /** Plain text of the page body (only at build time). */
  body?: string;
}

export interface SearchIndex {
  locale: string;
  docs: { url: string; title: string; headings: string[] }[];
  grams: Record<string, string>;
  words: Record<string, string>;
}

const MAX_DOCS = 52;

export function buildSearchIndex(locale: string, docs: SearchDoc[]): SearchIndex {
  if (docs.length > MAX_DOCS) throw new Error(`search index: ${docs.length} documents; bitsets hold ${MAX_DOCS}: split the index`);
  const grams = new Map<string, number>();
  const words = new Map<string, number>();
  docs.forEach((doc, i) => {
    const bit = 2 ** i;
    const { khmer, words: latin } = tokenize(`${doc.title}\n${doc.headings.join('\n')}\n${doc.body ?? ''}`);
    for (const gram of new Set(khmer.flatMap(khmerGrams))) grams.set(gram, (grams.get(gram) ?? 0) + bit);
    for (const word of new Set(latin)) words.set(word, (words.get(word) ?? 0) + bit);
  });
  const encode = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toString(36)]));
  return { locale, docs: docs.map(({ url, title, headings }) => ({ url, title, headings })), grams: encode(grams), words: encode(words) };
}

export interface SearchHit {
  url: string;
  title: string;
  score: number;
  /** The query's pieces as they appear in text, for highlighting. */
  terms: string[];
}

const bits = (value: string | undefined) => (value ? parseInt(value, 36) : 0);
const has = (set: number, i: number) => Math.floor(set / 2 ** i) % 2 === 1;

/** Ranked matches: every piece of the query must be in the page; title above headings above body. */
export function searchIndex(index: SearchIndex, query: string): SearchHit[] {
  const { khmer, words } = tokenize(query);
  if (!khmer.length && !words.length) return [];
  const all = 2 ** index.docs.length - 1;
  let candidates = all;
  const andBits = (a: number, b: number) => {
    // Bitwise AND on numbers up to 2^52, two 26-bit halves at a time.
    const low = (a % 2 ** 26) & (b % 2 ** 26);
    const high = Math.floor(a / 2 ** 26) & Math.floor(b / 2 ** 26);
    return high * 2 ** 26 + low;
  };
  for (const run of khmer) {
    const grams = khmerGrams(run);
    // One character alone: any page with a bigram holding it. Otherwise: every bigram of the run.
    const runBits = [...run].length === 1 ? orAll(index.grams, run) : grams.reduce((acc, g) => andBits(acc, bits(index.grams[g])), all);
    candidates = andBits(candidates, runBits);
  }
  for (const word of words) candidates = andBits(candidates, bits(index.words[word]) || prefixBits(index.words, word));

  const hits: SearchHit[] = [];
  index.docs.forEach((doc, i) => {
    if (!has(candidates, i)) return;
    const title = normalizeText(doc.title);
    const headings = doc.headings.map(normalizeText);
    const titleWords = new Set(segmentWords(doc.title, index.locale).concat(tokenize(doc.title).words));
    let score = 1;
    for (const piece of [...khmer, ...words]) {
      if (title.includes(piece)) score += titleWords.has(piece) ? 14 : 10; // a whole word in the title ranks highest
      if (headings.some((h) => h.includes(piece))) score += 5;
    }
    hits.push({ url: doc.url, title: doc.title, score, terms: [...khmer, ...words] });
  });
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}

function orAll(map: Record<string, string>, start: string): number {
  let acc = 0;
  for (const [gram, value] of Object.entries(map)) if (gram.startsWith(start) || gram.endsWith(start)) acc = orBits(acc, bits(value));
  return acc;
}

function prefixBits(map: Record<string, string>, prefix: string): number {
  if (prefix.length < 3) return 0;
  let acc = 0;
  for (const [word, value] of Object.entries(map)) if (word.startsWith(prefix)) acc = orBits(acc, bits(value));
  return acc;
}

function orBits(a: number, b: number): number {
  const low = (a % 2 ** 26) | (b % 2 ** 26);
  const high = Math.floor(a / 2 ** 26) | Math.floor(b / 2 ** 26);
  return high * 2 ** 26 + low;
}
