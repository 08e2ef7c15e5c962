/** Folding for search: what renders the same, or is the same word typed another way, is one string. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldWithMap, syllables } from '../../src/domain/search/fold';
import { americanSpelling, englishTerm, stem, withinOneEdit } from '../../src/domain/search/english';

const root = join(import.meta.dirname, '../..');
const khmerText = readdirSync(join(root, 'content/topics/km')).map((f) => readFileSync(join(root, 'content/topics/km', f), 'utf8')).join('\n');

describe('Khmer spelling variants', () => {
  it('subscript ដ is subscript ត (the content has both: សេចក្ដី and សេចក្តី)', () => {
    expect(khmerText).toContain('្ត');
    expect(fold('សេចក្ដីថ្លៃថ្នូរ')).toBe(fold('សេចក្តីថ្លៃថ្នូរ'));
    expect(fold('ម្ដាយ')).toBe('ម្តាយ');
    // A letter ដ that is not a subscript stays ដ.
    expect(fold('ដំណើរ')).toBe('ដំណើរ');
  });

  it('ឲ្យ is ឱ្យ (the content writes ឱ្យ; people type both)', () => {
    expect(khmerText).toContain('ឱ្យ');
    expect(fold('បង្ខំឲ្យធ្វើការ')).toBe(fold('បង្ខំឱ្យធ្វើការ'));
  });

  it('zero-width spaces, joiners and soft hyphens are not there', () => {
    for (const mark of ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF']) {
      expect(fold(`ការជួញដូរ${mark}មនុស្ស`), `U+${mark.charCodeAt(0).toString(16)}`).toBe(fold('ការជួញដូរមនុស្ស'));
    }
  });

  it('puts the signs of a syllable in one order: ុំ and ំុ, ាំ and ំា, shifters, subscript រ last', () => {
    expect(fold('\u1780\u17C6\u17BB')).toBe('\u1780\u17BB\u17C6'); // កំុ → កុំ
    expect(fold('កំុប្រគល់')).toBe('កុំប្រគល់');
    expect(fold('\u1785\u17C6\u17B6')).toBe('\u1785\u17B6\u17C6'); // ចំា → ចាំ
    expect(fold('\u1794\u17BB\u17C9')).toBe('\u1794\u17C9\u17BB'); // បុ៉ → ប៉ុ
    expect(fold('\u179F\u17D2\u179A\u17D2\u178F\u17B8')).toBe('\u179F\u17D2\u178F\u17D2\u179A\u17B8'); // ស្រ្តី → ស្ត្រី
  });

  it('joins a vowel typed in two parts, and counts a sign typed twice once', () => {
    expect(fold('\u1780\u17C1\u17B6')).toBe('\u1780\u17C4'); // ក + េ + ា → កោ
    expect(fold('\u1780\u17C1\u17B8')).toBe('\u1780\u17BE'); // ក + េ + ី → កើ
    expect(fold('\u1780\u17BB\u17BB\u17C6')).toBe('\u1780\u17BB\u17C6'); // កុុំ → កុំ
    expect(fold('\u1780\u17D2\u17D2\u179A')).toBe('\u1780\u17D2\u179A'); // two subscript marks
    expect(fold('\u179F\u17D2\u178F\u17D2\u178F\u17B8')).toBe('\u179F\u17D2\u178F\u17B8'); // ស្ត្តី → ស្តី
  });

  it('reads ឮ as លឺ and ឬ as រឺ (the same sounds, often typed so), and drops the deprecated letters', () => {
    expect(fold('ឮ')).toBe(fold('លឺ'));
    expect(fold('ឬ')).toBe(fold('រឺ'));
    expect(fold('\u17A3')).toBe('អ');
    expect(fold('\u17A4')).toBe('អា');
  });

  it('is the text itself for the content as written (already in order), and folding twice changes nothing', () => {
    const sample = khmerText.slice(0, 20_000);
    const once = fold(sample);
    expect(fold(once)).toBe(once);
    // Only the variants change: the content's own text keeps its letters.
    expect(once.length).toBeGreaterThan(sample.length * 0.98);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0x1780, max: 0x17DD }), { maxLength: 24 }), (codes) => {
      const text = String.fromCharCode(...codes);
      return fold(fold(text)) === fold(text);
    }), { numRuns: 3000 });
  });

  it('turns Khmer digits into Latin ones and lower-cases Latin letters, dropping accents', () => {
    expect(fold('លេខ ១២៨០ Call Café')).toBe('លេខ 1280 call cafe');
  });

  it('maps each folded character back to the syllable it came from', () => {
    const text = 'កំុ\u200Bប្រគល់ ABC';
    const folded = foldWithMap(text);
    expect(folded.text).toBe('កុំប្រគល់ abc');
    const at = folded.text.indexOf('ប្រ');
    expect(text.slice(folded.from[at], folded.to[at + 2])).toBe('ប្រ');
    expect(text.slice(folded.from[0], folded.to[2])).toBe('កំុ');
    expect(text.slice(folded.from[folded.text.length - 3], folded.to[folded.text.length - 1])).toBe('ABC');
  });

  it('cuts Khmer into syllables: a base letter with its signs and subscripts', () => {
    expect(syllables('ការងារ')).toEqual(['កា', 'រ', 'ងា', 'រ']);
    expect(syllables('ប្រាក់ឈ្នួល')).toEqual(['ប្រា', 'ក់', 'ឈ្នួ', 'ល']);
    expect(syllables('ស្ត្រី')).toEqual(['ស្ត្រី']);
  });
});

describe('English words', () => {
  it('folds British and American spellings, only for the words that have both', () => {
    expect(['labour', 'labourers', 'centre', 'organised', 'organisation', 'travelled', 'licence', 'programme', 'neighbours', 'favourite'].map(americanSpelling))
      .toEqual(['labor', 'laborers', 'center', 'organized', 'organization', 'traveled', 'license', 'program', 'neighbors', 'favorite']);
    expect(['four', 'hour', 'your', 'tour', 'promise', 'exercise', 'advise', 'fire', 'are'].map(americanSpelling))
      .toEqual(['four', 'hour', 'your', 'tour', 'promise', 'exercise', 'advise', 'fire', 'are']);
    expect(englishTerm('Labour'.toLowerCase())).toBe(englishTerm('labor'));
    expect(englishTerm('centres')).toBe(englishTerm('centers'));
  });

  it('stems lightly', () => {
    expect(['passports', 'trafficking', 'trafficked', 'brokers', 'countries', 'class', 'status', 'rules', 'fees'].map(stem)).toEqual(['passport', 'traffick', 'traffick', 'broker', 'country', 'class', 'status', 'rule', 'fee']);
    expect(stem('rules')).toBe(stem('rule'));
  });

  it('knows words one letter off', () => {
    expect(withinOneEdit('pasport', 'passport')).toBe(true); // one left out
    expect(withinOneEdit('passpport', 'passport')).toBe(true); // one too many
    expect(withinOneEdit('brokre', 'broker')).toBe(true); // two swapped
    expect(withinOneEdit('minimun', 'minimum')).toBe(true); // one changed
    expect(withinOneEdit('pasprt', 'passport')).toBe(false);
    expect(withinOneEdit('broker', 'brokers')).toBe(true);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
  });
});
