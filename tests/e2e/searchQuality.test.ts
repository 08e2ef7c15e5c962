/**
 * Search quality on the built site's index (TEST_DIST_DIR, else dist/): recall@5 and mean reciprocal
 * rank over bench/search-queries.json, a floor under what bench:search measures, so a change that
 * ranks worse (alphabetical ties, a lost spelling fold, the similar pages gone) fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/domain/search/search';
import type { SearchHead } from '../../src/domain/search/buildIndex';

const root = join(import.meta.dirname, '../..');
const client = join(process.env.TEST_DIST_DIR || join(root, 'dist'), 'client');
const queries = JSON.parse(readFileSync(join(root, 'bench/search-queries.json'), 'utf8')) as Record<string, { q: string; kind: string; relevant: string[] }[]>;
const segment = (text: string) => [...new Intl.Segmenter('km', { granularity: 'word' }).segment(text)].map((s) => s.segment);

async function measure(locale: string) {
  const engine = new SearchEngine({
    head: async () => JSON.parse(readFileSync(join(client, locale, 'search-index.json'), 'utf8')) as SearchHead,
    part: async (name) => JSON.parse(readFileSync(join(client, locale, 'search-index', `${name}.json`), 'utf8')),
  }, segment);
  let recall = 0;
  let rr = 0;
  const byKind = new Map<string, number[]>();
  for (const { q, kind, relevant } of queries[locale]!) {
    const result = await engine.search(q);
    const urls = (await engine.describe(result.hits.slice(0, 10).map((h) => h.doc))).map((d) => d.url);
    const r = relevant.filter((u) => urls.slice(0, 5).includes(u)).length / relevant.length;
    const first = urls.findIndex((u) => relevant.includes(u));
    recall += r;
    rr += first < 0 ? 0 : 1 / (first + 1);
    byKind.set(kind, [...(byKind.get(kind) ?? []), r]);
  }
  const n = queries[locale]!.length;
  return { recall: recall / n, mrr: rr / n, slips: byKind.get('slip')!.reduce((a, b) => a + b, 0) / byKind.get('slip')!.length };
}

describe('search quality on the query set', () => {
  it.each(['km', 'en'])('%s: recall@5 ≥ 0.9 and MRR ≥ 0.85; slips in spelling found', async (locale) => {
    const { recall, mrr, slips } = await measure(locale);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
    expect(slips).toBeGreaterThanOrEqual(0.85);
  });
});
