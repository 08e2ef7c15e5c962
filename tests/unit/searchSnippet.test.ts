/** Snippets: the longest pieces of the query the page holds are marked, in the page's own text; whole words in English. */
import { describe, expect, it } from 'vitest';
import { cutSnippet, findMarks } from '../../src/domain/search/snippet';
import { parseQuery } from '../../src/domain/search/tokenize';

/** The marked pieces of `text` for a query as the engine passes it (Khmer runs of syllables, English index terms). */
function marked(text: string, query: string, extra: string[][] = []) {
  const q = parseQuery(query);
  const highlight = { khmer: [...q.khmerPhrases, ...extra], words: q.pieces.flatMap((p) => (p.kind === 'word' && !p.stop ? [p.term] : [])) };
  return findMarks(text, highlight).map(([a, b]) => text.slice(a, b));
}

describe('snippet marks', () => {
  it('marks a Khmer word inside a longer one', () => {
    expect(marked('រក្សាលិខិតឆ្លងដែនរបស់អ្នក', 'ឆ្លងដែន')).toEqual(['ឆ្លងដែន']);
  });

  it('marks the longest pieces the page holds when it holds the query only in parts', () => {
    // "ការងារនៅថៃ": the page has ការងារ and ថៃ apart.
    const text = 'ការងារ នៅប្រទេសថៃ';
    expect(marked(text, 'ការងារនៅថៃ', [['ការ', 'ងារ'].flatMap((w) => w === 'ការ' ? ['កា', 'រ'] : ['ងា', 'រ'])])).toEqual(['ការងារ នៅ']);
  });

  it('marks the query across a space the page has between Khmer words', () => {
    expect(marked('ស្វែងរកការងារ នៅថៃ ឥឡូវ', 'ការងារនៅថៃ')).toEqual(['ការងារ នៅថៃ']);
  });

  it('marks the page\'s own spelling when it differs from the query only in a variant', () => {
    // The page writes subscript ដ and ឲ្យ; the query ត and ឱ្យ.
    expect(marked('សេចក្ដីថ្លៃថ្នូរ', 'សេចក្តីថ្លៃថ្នូរ')).toEqual(['សេចក្ដីថ្លៃថ្នូរ']);
    expect(marked('បង្ខំឲ្យធ្វើការ', 'បង្ខំឱ្យ')).toEqual(['បង្ខំឲ្យ']);
    expect(marked('ការជួញដូរ\u200Bមនុស្ស', 'ការជួញដូរមនុស្ស')).toEqual(['ការជួញដូរ\u200Bមនុស្ស']);
  });

  it('never marks half a syllable', () => {
    expect(marked('ការងារ', 'ក')).toEqual([]);
    expect(marked('ក ការ', 'ក')).toEqual(['ក']);
  });

  it('marks whole English words: "rules" for "rule", "passports" for "passport", not "[rul]es"', () => {
    expect(marked('The rules say no. Rule one.', 'rule')).toEqual(['rules', 'Rule']);
    expect(marked('Passports and a passport.', 'passports')).toEqual(['Passports', 'passport']);
    expect(marked('ruler overruled', 'rule')).toEqual([]);
    expect(marked('child labour', 'child labor')).toEqual(['child', 'labour']);
  });
});

describe('the snippet window', () => {
  it('is cut where the most marked text is, at spaces, inside the text', () => {
    const filler = 'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(8);
    const text = `${filler}broker ${filler}broker fee broker ${filler}`;
    const { start, end, marks } = cutSnippet(text, { khmer: [], words: ['broker', 'fee'] });
    expect(marks.length).toBe(3);
    expect(text.slice(start, end)).toContain('broker fee broker');
    expect(start === 0 || text[start - 1] === ' ').toBe(true);
    expect(end - start).toBeLessThanOrEqual(160 + 24);
  });
});
