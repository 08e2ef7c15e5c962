/**
 * Answers a query from the index files (buildIndex.ts), fetching only the files
 * the query needs. Pure logic: the caller says how a file is fetched.
 *
 * 1. Every piece of the query (a Khmer piece between spaces, an English word;
 *    function words such as "my", "the", "នៅ" aside) must be on the page.
 *    Pages holding the query exactly as typed (Khmer pieces typed side by side
 *    are one run; English words in the same order) come first; then BM25 with a
 *    mild length normalisation over the pieces, where a piece in the title or a
 *    heading counts more than one in the body. Never alphabetical.
 * 2. When no page has every piece: "pages with similar words", the pages holding
 *    most of the query's Khmer syllables, syllable pairs and words and English
 *    words, where a syllable or word that is in no page is replaced by the
 *    index's syllables and words one letter away (or, for English, that it starts).
 */
import { decodeNumbers, hashString } from './encoding';
import { withinOneEdit } from './english';
import { COUNT_OF_LEVEL, IN_HEADING, IN_TITLE, type DocFile, type Lexicon, type SearchHead, type TermFile } from './buildIndex';
import { KHMER_STOP_WORDS, parseQuery, type Piece } from './tokenize';
import { fold, syllables } from './fold';

export interface IndexSource {
  head(): Promise<SearchHead>;
  /** A file named in the head, parsed. */
  part(name: string): Promise<unknown>;
}

export interface SearchHit {
  doc: number;
  score: number;
  /** Holds the query exactly as typed (after folding). */
  exact: boolean;
}

export interface SearchResult {
  /** `all`: pages with every piece; `similar`: the closest pages; `none`. */
  kind: 'all' | 'similar' | 'none';
  hits: SearchHit[];
  /** For snippets: Khmer runs to find (as folded syllables) and English index terms. */
  highlight: { khmer: string[][]; words: string[] };
}

/** Splits Khmer text into words, when the browser can (Intl.Segmenter): used only for "similar" pages. */
export type WordSegmenter = (text: string) => string[];

/** Documents holding something, in increasing order, with how often and where. */
interface Matches { docs: number[]; counts: number[]; flags: number[] }
const EMPTY: Matches = { docs: [], counts: [], flags: [] };

const K1 = 1.2;
const B = 0.5; // mild length normalisation
const TITLE_WEIGHT = 2;
const HEADING_WEIGHT = 1;
/** A page is "similar" when it holds at least this share of the query (weighted by rarity). */
const SIMILAR_MIN = 0.5;
/** A page that lists others scores this much of what it would: the pages it lists come first. */
const LISTING_WEIGHT = 0.7;
const ALTERNATIVES = 3;

export class SearchEngine {
  private headPromise?: Promise<SearchHead>;
  private lengths?: number[];
  private headingLengths?: number[];
  private listings = new Set<number>();
  private files = new Map<string, Promise<unknown>>();
  /** Files fetched so far, so lookups after `load()` need no await. */
  private ready = new Map<string, unknown>();
  private matchCache = new Map<string, Matches>();
  private lexicon?: { khmer: string[]; words: string[]; known: Set<string> };

  constructor(private readonly source: IndexSource, private readonly segment?: WordSegmenter) {}

  head(): Promise<SearchHead> {
    return (this.headPromise ??= this.source.head().then((head) => {
      if (head.version !== 2) throw new Error(`search index version ${head.version}: expected 2`);
      this.lengths = decodeNumbers(head.lengths);
      this.headingLengths = decodeNumbers(head.headingLengths);
      this.listings = new Set(head.listings);
      return head;
    }));
  }

  private part<T>(name: string): Promise<T> {
    let file = this.files.get(name);
    if (!file) {
      file = this.source.part(name).then((value) => {
        this.ready.set(name, value);
        return value;
      });
      file.catch(() => this.files.delete(name)); // a failed fetch is tried again next time
      this.files.set(name, file);
    }
    return file as Promise<T>;
  }

  /** The address and title of pages, by number (fetches their page files). */
  async describe(docs: number[]): Promise<{ url: string; title: string }[]> {
    const head = await this.head();
    return Promise.all(docs.map(async (doc) => {
      const file = await this.part<DocFile>(head.docFiles[Math.floor(doc / head.docsPerFile)]!);
      const [url, title] = file.docs[doc % head.docsPerFile]!;
      return { url, title };
    }));
  }

  async search(query: string): Promise<SearchResult> {
    const head = await this.head();
    const parsed = parseQuery(query);
    // Khmer is typed without spaces: each piece counts by its words (where the browser can split
    // Khmer; else the piece as typed), function words aside unless nothing else is left.
    const words = parsed.pieces.flatMap((piece): Piece[] => (piece.kind === 'khmer' && piece.syllables.length > 1
      ? this.wordsOf(piece.syllables).map((w) => ({ kind: 'khmer', syllables: piece.syllables.slice(w.start, w.end), stop: w.stop }))
      : [piece]));
    const content = uniquePieces(words.filter((p) => !p.stop));
    const required = content.length ? content : uniquePieces(words);
    if (!required.length) return { kind: 'none', hits: [], highlight: { khmer: [], words: [] } };
    // For snippets: the query as typed (its longest pieces a page holds), and each of its words.
    const highlight = {
      khmer: [...parsed.khmerPhrases, ...required.flatMap((p) => (p.kind === 'khmer' ? [p.syllables] : []))],
      words: required.flatMap((p) => (p.kind === 'word' ? [p.term] : [])),
    };

    await this.load(head, [...required.map(firstPart), ...parsed.khmerPhrases.flat(), ...parsed.wordPairs.map(([a]) => a)]);
    const pieceMatches = required.map((p) => this.pieceMatches(head, p));
    const candidates = pieceMatches.reduce<number[] | undefined>((acc, m) => (acc ? intersect(acc, m.docs) : m.docs), undefined) ?? [];
    if (candidates.length) {
      const exactSets = [
        ...parsed.khmerPhrases.filter((run) => run.length > 1).map((run) => this.runMatches(head, run).docs),
        ...parsed.wordPairs.map(([a, b]) => this.termMatches(head, a, b).docs),
      ].map((docs) => new Set(docs));
      const hits = candidates.map((doc) => ({
        doc,
        exact: exactSets.every((set) => set.has(doc)),
        score: pieceMatches.reduce((sum, m) => sum + this.pieceScore(head, m, doc), 0),
      }));
      return { kind: 'all', hits: hits.sort(byRank), highlight };
    }
    return this.similar(head, required, highlight);
  }

  /** Term files holding these first parts, fetched at once. */
  private async load(head: SearchHead, firsts: string[]): Promise<void> {
    const names = new Set(firsts.map((first) => head.terms[hashString(first) % head.terms.length]!));
    await Promise.all([...names].map((name) => this.part(name)));
  }

  private termFile(head: SearchHead, first: string): TermFile | undefined {
    return this.ready.get(head.terms[hashString(first) % head.terms.length]!) as TermFile | undefined;
  }

  /** Pages with one term: a syllable followed by `next`, a word (`next` = ''), or a word pair. */
  private termMatches(head: SearchHead, first: string, next: string): Matches {
    const key = `${first}\u0000${next}`;
    let matches = this.matchCache.get(key);
    if (!matches) {
      const postings = this.termFile(head, first)?.[first]?.[next];
      matches = postings === undefined ? EMPTY : decodePostings(postings);
      this.matchCache.set(key, matches);
    }
    return matches;
  }

  /** Pages with a syllable anywhere (any pair starting with it). */
  private syllableMatches(head: SearchHead, syllable: string): Matches {
    const key = `${syllable}\u0000*`;
    let matches = this.matchCache.get(key);
    if (!matches) {
      const children = this.termFile(head, syllable)?.[syllable] ?? {};
      matches = unionAll(Object.keys(children).map((next) => this.termMatches(head, syllable, next)));
      this.matchCache.set(key, matches);
    }
    return matches;
  }

  /** Pages with a run of Khmer syllables: every neighbouring pair (one syllable: the syllable). */
  private runMatches(head: SearchHead, run: string[]): Matches {
    if (run.length === 1) return this.syllableMatches(head, run[0]!);
    let acc: Matches | undefined;
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = this.termMatches(head, run[i]!, run[i + 1]!);
      acc = acc ? intersectMatches(acc, pair) : pair;
      if (!acc.docs.length) break;
    }
    return acc!;
  }

  private pieceMatches(head: SearchHead, piece: Piece): Matches {
    return piece.kind === 'khmer' ? this.runMatches(head, piece.syllables) : this.termMatches(head, piece.term, '');
  }

  /** BM25 of one piece in one page, with the title and headings counting more. */
  private pieceScore(head: SearchHead, matches: Matches, doc: number): number {
    const at = binarySearch(matches.docs, doc);
    return at < 0 ? 0 : this.scoreAt(head, matches, at, Math.log(1 + (head.count - matches.docs.length + 0.5) / (matches.docs.length + 0.5)));
  }

  /** The score of the `at`-th page of `matches`, given the piece's idf. */
  private scoreAt(head: SearchHead, matches: Matches, at: number, idf: number): number {
    const doc = matches.docs[at]!;
    const count = matches.counts[at] || 1;
    const length = this.lengths![doc] ?? head.averageLength;
    const saturation = (count * (K1 + 1)) / (count + K1 * (1 - B + (B * length) / Math.max(1, head.averageLength)));
    const flags = matches.flags[at]!;
    // A match in one of many headings (the hotlines page has one per number) counts less, as BM25F does.
    const headings = (this.headingLengths![doc] ?? 0) / Math.max(1, head.averageHeadingLength);
    const heading = flags & IN_HEADING ? HEADING_WEIGHT / (1 - B + B * Math.max(1, headings)) : 0;
    const score = idf * (saturation + (flags & IN_TITLE ? TITLE_WEIGHT : 0) + heading);
    return this.listings.has(doc) ? score * LISTING_WEIGHT : score;
  }

  private async loadLexicon(head: SearchHead) {
    if (!this.lexicon) {
      const file = await this.part<Lexicon>(head.lexicon);
      const khmer = file.khmer ? file.khmer.split(' ') : [];
      const words = file.words ? file.words.split(' ') : [];
      this.lexicon = { khmer, words, known: new Set([...khmer, ...words]) };
    }
    return this.lexicon;
  }

  /** Pages holding most of the query, with slips corrected against the lexicon. */
  private async similar(head: SearchHead, pieces: Piece[], highlight: SearchResult['highlight']): Promise<SearchResult> {
    const lexicon = await this.loadLexicon(head);
    const oneEditAway = (unit: string, list: string[], prefix: boolean, limit: number): string[] => {
      const found: string[] = [];
      for (const candidate of list) {
        if (candidate !== unit && (withinOneEdit(unit, candidate) || (prefix && candidate.startsWith(unit)))) found.push(candidate);
        if (found.length >= limit) break;
      }
      return found;
    };
    const khmer = pieces.flatMap((p) => (p.kind === 'khmer' ? [p.syllables] : []));
    const english = pieces.flatMap((p) => (p.kind === 'word' ? [p.term] : []));
    await this.load(head, [...khmer.flat(), ...english]);

    // A Khmer syllable that is in no page, or that makes no known pair with its neighbours, is
    // probably a slip: it may also be read as a syllable one letter away that does.
    const pairExists = (a: string, b: string) => this.termMatches(head, a, b).docs.length > 0;
    const fits = (word: string[], i: number, s: string) =>
      word.length === 1 ? lexicon.known.has(s) : (i > 0 && pairExists(word[i - 1]!, s)) || (i + 1 < word.length && pairExists(s, word[i + 1]!));
    // (A lone letter is not read as another lone letter: every consonant is one letter from every other.)
    const suspects = khmer.map((word) => word.map((s, i) => (fits(word, i, s) ? [] : oneEditAway(s, lexicon.khmer, false, 24).filter((c) => s.length > 1 || c.length > 1))));
    const wordOptions = english.map((term) => (lexicon.known.has(term) || term.length < 4 ? [term] : oneEditAway(term, lexicon.words, true, ALTERNATIVES)));
    await this.load(head, [...suspects.flat(2), ...wordOptions.flat()]);
    // Each syllable: the ways it may be read, and those to mark in snippets (not the slip itself).
    const readings = khmer.map((word, w) => word.map((s, i) => {
      const candidates = suspects[w]![i]!;
      if (!candidates.length) return { read: [s], mark: [s] };
      const fitting = candidates.filter((c) => fits(word, i, c)).slice(0, ALTERNATIVES);
      if (fitting.length) return { read: lexicon.known.has(s) ? [s, ...fitting] : fitting, mark: fitting };
      const read = lexicon.known.has(s) ? [s] : candidates.slice(0, ALTERNATIVES);
      return { read, mark: read };
    }));
    const khmerOptions = readings.map((word) => word.map((r) => r.read));

    // Each word of the query counts the same. A Khmer word is found in part when a page holds some of
    // its syllables and syllable pairs (rare ones weigh more: a syllable on every page says little),
    // in full when it holds all its pairs; an English word is found or not. A unit may be spelt any
    // of its ways.
    type Unit = { weight: number; matches: Matches };
    const groups: Unit[][] = [];
    for (const options of khmerOptions) {
      const units: Unit[] = options.map((option) => ({ weight: 1, matches: unionAll(option.map((s) => this.syllableMatches(head, s))) }));
      for (let i = 0; i + 1 < options.length; i++) {
        units.push({ weight: 1, matches: unionAll(options[i]!.flatMap((a) => options[i + 1]!.map((b) => this.termMatches(head, a, b)))) });
      }
      if (options.length >= 2) units.push({ weight: 2, matches: this.alternativeRunMatches(head, options) });
      groups.push(units);
    }
    for (const options of wordOptions) groups.push([{ weight: 1, matches: unionAll(options.map((a) => this.termMatches(head, a, ''))) }]);

    // Share of the query on each page, then, among pages holding as much, how often and where (as in step 1).
    const share = new Float64Array(head.count);
    const relevance = new Float64Array(head.count);
    for (const units of groups) {
      const idfs = units.map(({ matches }) => Math.log(1 + (head.count - Math.max(1, matches.docs.length) + 0.5) / (Math.max(1, matches.docs.length) + 0.5)));
      const total = units.reduce((sum, unit, u) => sum + unit.weight * idfs[u]!, 0) || 1;
      units.forEach(({ weight, matches }, u) => {
        const part = (weight * idfs[u]!) / total / groups.length;
        for (let at = 0; at < matches.docs.length; at++) {
          const doc = matches.docs[at]!;
          share[doc]! += part;
          relevance[doc]! += weight * this.scoreAt(head, matches, at, idfs[u]!);
        }
      });
    }
    const hits: SearchHit[] = [];
    share.forEach((part, doc) => {
      // Shares within a tenth of each other are alike: relevance decides between them.
      if (part >= SIMILAR_MIN - 1e-9) hits.push({ doc, exact: false, score: Math.floor(part * 10 + 1e-9) * 1000 + relevance[doc]! });
    });
    hits.sort(byRank);
    if (!hits.length) return { kind: 'none', hits: [], highlight };
    return {
      kind: 'similar',
      hits,
      // The words as the pages spell them (each way a slip may be read), not the slip.
      highlight: { khmer: readings.map((word) => word.map((r) => r.mark)).flatMap(spellings), words: [...new Set(wordOptions.flat())] },
    };
  }

  /** Pages holding a run where each syllable may be any of its alternatives. */
  private alternativeRunMatches(head: SearchHead, run: string[][]): Matches {
    if (run.length === 1) return unionAll(run[0]!.map((s) => this.syllableMatches(head, s)));
    let acc: Matches | undefined;
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = unionAll(run[i]!.flatMap((a) => run[i + 1]!.map((b) => this.termMatches(head, a, b))));
      acc = acc ? intersectMatches(acc, pair) : pair;
    }
    return acc!;
  }

  /** The words of a Khmer piece as syllable ranges, function words marked (the whole piece when the browser cannot split Khmer). */
  private wordsOf(syllables: string[]): { start: number; end: number; stop: boolean }[] {
    const whole = [{ start: 0, end: syllables.length, stop: false }];
    if (!this.segment || syllables.length < 2) return whole;
    const indexAt = new Map<number, number>(); // character offset → syllable number
    let offset = 0;
    syllables.forEach((s, i) => { indexAt.set(offset, i); offset += s.length; });
    indexAt.set(offset, syllables.length);
    const spans: { start: number; end: number; stop: boolean }[] = [];
    let at = 0;
    let start = 0;
    const push = (from: number, to: number) => {
      // Browsers' word splitters leave some function words stuck to a word ("នៅថៃ", "ប័ណ្ណឬ"): taken off.
      for (;;) {
        const lead = EDGE_FUNCTION_WORDS.find((w) => w.lead && to - from > w.syllables.length && w.syllables.every((x, k) => syllables[from + k] === x));
        if (!lead) break;
        spans.push({ start: from, end: from + lead.syllables.length, stop: true });
        from += lead.syllables.length;
      }
      const tail = EDGE_FUNCTION_WORDS.find((w) => to - from > w.syllables.length && w.syllables.every((x, k) => syllables[to - w.syllables.length + k] === x));
      const end = tail ? to - tail.syllables.length : to;
      spans.push({ start: from, end, stop: KHMER_STOP_WORDS.has(syllables.slice(from, end).join('')) });
      if (tail) spans.push({ start: end, end: to, stop: true });
    };
    for (const word of this.segment(syllables.join(''))) {
      at += word.length;
      const end = indexAt.get(at);
      if (end === undefined || end === start) continue; // inside a syllable: the word goes on
      push(start, end);
      start = end;
    }
    if (start < syllables.length) push(start, syllables.length);
    return spans.length ? spans : whole;
  }
}

/** Function words that are never part of another word's first or last syllables (ទេ: only at the end). */
const EDGE_FUNCTION_WORDS = ['នៅ', 'និង', 'ដែល', 'របស់', 'ខ្ញុំ', 'ក្នុង', 'ដើម្បី', 'តើ', 'ហើយ', 'ឬ', 'ទេ']
  .map((word) => ({ syllables: syllables(fold(word)), lead: word !== 'ទេ' }));

/** The ways a word may be spelt, one alternative a syllable (at most nine). */
function spellings(options: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const alternatives of options) out = out.flatMap((prefix) => alternatives.map((a) => [...prefix, a])).slice(0, 9);
  return out;
}

function uniquePieces(pieces: Piece[]): Piece[] {
  const seen = new Set<string>();
  return pieces.filter((p) => {
    const key = p.kind === 'khmer' ? p.syllables.join('') : p.term;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function firstPart(piece: Piece): string {
  return piece.kind === 'khmer' ? piece.syllables[0]! : piece.term;
}

const byRank = (a: SearchHit, b: SearchHit) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.doc - b.doc;

/** A term's pages; `counts` 0 where how often is not kept (a term on most pages). */
export function decodePostings(text: string): Matches {
  const cut = text.search(/[,;]/);
  const common = cut >= 0 && text[cut] === ';';
  const gaps = decodeNumbers(cut < 0 ? text : text.slice(0, cut));
  const values = cut < 0 ? [] : decodeNumbers(text.slice(cut + 1));
  const docs: number[] = [];
  const counts: number[] = [];
  const flags: number[] = [];
  let doc = -1;
  gaps.forEach((gap, i) => {
    doc += gap + 1;
    const value = values[i] ?? 0;
    docs.push(doc);
    counts.push(common ? 0 : COUNT_OF_LEVEL[value >> 2]!);
    flags.push(value & 3);
  });
  return { docs, counts, flags };
}

function binarySearch(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push(a[i]!); i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  return out;
}

/** Pages in both; the count is the smaller (a run is there at most as often as its rarest pair), the places where both are. */
function intersectMatches(a: Matches, b: Matches): Matches {
  const out: Matches = { docs: [], counts: [], flags: [] };
  let i = 0;
  let j = 0;
  while (i < a.docs.length && j < b.docs.length) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x === y) {
      out.docs.push(x);
      // How often a run is there: its rarest pair's count, among the pairs whose count is kept (0: not kept).
      const ca = a.counts[i]!;
      const cb = b.counts[j]!;
      out.counts.push(ca === 0 ? cb : cb === 0 ? ca : Math.min(ca, cb));
      out.flags.push(a.flags[i]! & b.flags[j]!);
      i++; j++;
    } else if (x < y) i++; else j++;
  }
  return out;
}

/** Pages in any; counts added, places joined (one pass over every list, no list built on the way). */
function unionAll(lists: Matches[]): Matches {
  const nonEmpty = lists.filter((m) => m.docs.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  let last = 0;
  for (const m of nonEmpty) last = Math.max(last, m.docs[m.docs.length - 1]!);
  const counts = new Int32Array(last + 1);
  const flags = new Uint8Array(last + 1);
  const seen = new Uint8Array(last + 1);
  for (const m of nonEmpty) {
    for (let i = 0; i < m.docs.length; i++) {
      const doc = m.docs[i]!;
      seen[doc] = 1;
      counts[doc]! += m.counts[i] || 1;
      flags[doc]! |= m.flags[i]!;
    }
  }
  const out: Matches = { docs: [], counts: [], flags: [] };
  for (let doc = 0; doc <= last; doc++) {
    if (!seen[doc]) continue;
    out.docs.push(doc);
    out.counts.push(counts[doc]!);
    out.flags.push(flags[doc]!);
  }
  return out;
}
