import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { khmerGrams, normalizeText, stem, tokenize } from '../../src/domain/search/tokenize';
import { buildSearchIndex, searchIndex, type SearchDoc } from '../../src/domain/search/searchIndex';
import { markdownHeadings, markdownText } from '../../src/domain/search/markdownText';

const root = join(import.meta.dirname, '../..');
/** The real articles, as the index sees them. */
function articles(locale: 'km' | 'en'): SearchDoc[] {
  const dir = join(root, 'content/topics', locale);
  return readdirSync(dir).sort().map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const title = /^title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1] ?? file;
    const body = text.replace(/^---[\s\S]*?---/, '');
    return { url: `/${locale}/x/${file.replace(/\.md$/, '')}/`, title, headings: markdownHeadings(body), body: markdownText(body) };
  });
}

describe('the tokeniser', () => {
  it('normalises Khmer digits, case and invisible characters', () => {
    expect(normalizeText('លេខ ១២៨០\u200B Call')).toBe('លេខ 1280 call');
  });

  it('cuts Khmer into bigrams, so a word inside a longer word is found', () => {
    const passport = khmerGrams('លិខិតឆ្លងដែន');
    const crossing = khmerGrams('ឆ្លងដែន');
    expect(crossing.every((g) => passport.includes(g))).toBe(true);
    expect(khmerGrams('ថ')).toEqual(['ថ']);
  });

  it('splits mixed Khmer and English, joins phone numbers written in groups', () => {
    const { khmer, words } = tokenize('សូមហៅលេខ 023 997 919 ឬ IOM ផង');
    expect(khmer).toEqual(['សូមហៅលេខ', 'ឬ', 'ផង']);
    expect(words).toEqual(expect.arrayContaining(['023', '997', '919', 'iom', '023997919']));
  });

  it('stems English lightly', () => {
    expect(['passports', 'trafficking', 'trafficked', 'brokers', 'countries', 'class'].map(stem)).toEqual(['passport', 'traffick', 'traffick', 'broker', 'country', 'class']);
    expect(tokenize('The passports of the workers').words).toEqual(['passport', 'worker']);
  });
});

describe('search over the real articles', () => {
  const km = buildSearchIndex('km', articles('km'));
  const en = buildSearchIndex('en', articles('en'));

  it('finds any Khmer word taken from the middle of a sentence of an article', () => {
    const docs = articles('km');
    let checked = 0;
    for (const [i, doc] of docs.entries()) {
      // Words of the article as Intl.Segmenter cuts them, taken from the middle of its sentences.
      const words = [...new Intl.Segmenter('km', { granularity: 'word' }).segment(doc.body!)].filter((s) => s.isWordLike && /^[\u1780-\u17FF]{3,}$/.test(s.segment));
      for (const word of [words[Math.floor(words.length / 3)], words[Math.floor(words.length / 2)], words[Math.floor((2 * words.length) / 3)]]) {
        if (!word) continue;
        expect(searchIndex(km, word.segment).map((h) => h.url), `${word.segment} in ${doc.url}`).toContain(docs[i]!.url);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('finds "ឆ្លងដែន" inside "លិខិតឆ្លងដែន" (passport), and "ថៃ" (Thailand)', () => {
    expect(searchIndex(km, 'ឆ្លងដែន').length).toBeGreaterThan(3);
    expect(searchIndex(km, 'ថៃ').length).toBeGreaterThan(2);
  });

  it('ranks pages with the word in their title first', () => {
    const hits = searchIndex(en, 'scam');
    expect(hits[0]!.title).toMatch(/scam/i);
    const broker = searchIndex(en, 'brokers');
    expect(broker[0]!.title).toMatch(/broker/i);
  });

  it('matches English word forms and Khmer digits against Latin ones', () => {
    expect(searchIndex(en, 'passports').length).toBeGreaterThan(3);
    expect(searchIndex(km, '១២៨០').length).toBeGreaterThan(2);
    expect(searchIndex(km, '1280').map((h) => h.url)).toEqual(searchIndex(km, '១២៨០').map((h) => h.url));
  });

  it('finds nothing for nonsense and for an empty query', () => {
    expect(searchIndex(en, 'xylophonequartz')).toEqual([]);
    expect(searchIndex(en, '   ')).toEqual([]);
  });
});
