/**
 * The Khmer house style (content/style/km.yaml) as `npm run check:content` applies it:
 * the real content passes, and each rule fails on a scratch copy with one fault added.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCounts, checkKhmerStyle, latinDigitsIn, loadStyle } from '../../scripts/khmer-style.mjs';

const root = join(import.meta.dirname, '../..');
const content = join(root, 'content');
const temps: string[] = [];
afterEach(() => { for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true }); });

/** A scratch copy of content/ with one change. */
function copyWith(change: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sj-style-')), 'content');
  temps.push(join(dir, '..'));
  cpSync(content, dir, { recursive: true });
  change(dir);
  return dir;
}
const edit = (file: string, from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

describe('the Khmer house style of content/', () => {
  it('holds for the real content', () => {
    expect(checkKhmerStyle(content)).toEqual([]);
  });

  it('fails on a retired spelling anywhere in content/, naming the file, the line and the replacement', () => {
    const dir = copyWith((d) => edit(join(d, 'topics/km/what-is-trafficking.md'), 'ការល្បួង (ទាក់ទាញ', 'ការលួងលោម (ទាក់ទាញ'));
    const problems = checkKhmerStyle(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/topics\/km\/what-is-trafficking\.md:\d+: retired spelling «ការលួងលោម»: write «ការល្បួង»/);
    const dir2 = copyWith((d) => edit(join(d, 'selfchecks/before-you-go.yaml'), 'មុនពេលសម្រេចចិត្ត', 'មុនពេលសម្រេចចិត្ត ដើម្បីឲ្យ'));
    expect(checkKhmerStyle(dir2).join('\n')).toContain('content/selfchecks/before-you-go.yaml');
  });

  it('fails on a count without its classifier in ui/km.json', () => {
    const dir = copyWith((d) => edit(join(d, 'ui/km.json'), 'អ្នកមិនទាន់បានឆ្លើយសំណួរចំនួន {{count}}', 'អ្នកមិនទាន់បានឆ្លើយសំណួរ {{count}}'));
    const problems = checkKhmerStyle(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p: string) => p.includes('checks.unanswered_'))).toBe(true);
  });

  it('fails on Latin digits in Khmer prose, and on straight quotes', () => {
    const dir = copyWith((d) => edit(join(d, 'topics/km/school-and-work.md'), 'នៅឆ្នាំ២០១២ វិទ្យាស្ថានជាតិស្ថិតិ', 'នៅឆ្នាំ 2012 "វិទ្យាស្ថានជាតិស្ថិតិ"'));
    const problems = checkKhmerStyle(dir).join('\n');
    expect(problems).toMatch(/school-and-work\.md:\d+: Latin digits «2012» in Khmer text: write Khmer digits \(២០១២\)/);
    expect(problems).toMatch(/school-and-work\.md:\d+: straight quotes in Khmer text/);
  });

  it('reports a missing style file instead of passing silently', () => {
    const dir = copyWith((d) => rmSync(join(d, 'style/km.yaml')));
    expect(checkKhmerStyle(dir)).toEqual(['content/style/km.yaml not found: the Khmer house style cannot be checked']);
  });
});

describe('the rules one by one', () => {
  const style = loadStyle(content);
  const numbers = new Set(['1280', '117', '023997919', '85523997919', '1800010181']);

  it('counts: «ចំនួន» before the number, or a measure word after it', () => {
    expect(checkCounts({ a: 'សំណួរចំនួន {{count}}', b: '{{count}} នាទី', c: 'ស្លាយ {{n}}' }, style)).toEqual([]);
    expect(checkCounts({ a: { b: 'សំណួរ {{count}}' } }, style)).toHaveLength(1);
    expect(checkCounts({ a: 'សំណួរ {{count}}' }, style)[0]).toContain('a: «សំណួរ {{count}}»');
  });

  it('digits: Latin only for a number people dial, a code, a link or a list marker', () => {
    expect(latinDigitsIn('ហៅលេខ 1280 ឬ 117។ លេខ 023 997 919 ឬ 1-800-010-181។', numbers)).toEqual([]);
    expect(latinDigitsIn('អនុសញ្ញា C138 (NS/RKM/0208/005) [អាន](/km/a-1/) https://x.org/2017', numbers)).toEqual([]);
    expect(latinDigitsIn('1. ការបោកបញ្ឆោត', numbers)).toEqual([]);
    expect(latinDigitsIn('ឆ្នាំ 2017 ម៉ោង 09:00–18:00 លេខ 012 345 678', numbers)).toEqual(['2017', '09:00–18:00', '012 345 678']);
    expect(latinDigitsIn('ទម្រង់ 0XX XXX XXX', numbers, style.digits?.allowLatin)).toEqual([]);
  });
});
