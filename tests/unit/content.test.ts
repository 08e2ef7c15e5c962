/**
 * The published hotlines against the checked reference: every number must be
 * in a country table of ../shared/reference/hotlines.md, and no number from its
 * "do not publish" section may appear anywhere in content/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';

const root = join(import.meta.dirname, '../..');
const referenceFile = join(root, '../shared/reference/hotlines.md');
const hasReference = existsSync(referenceFile);
const hotlineDir = join(root, 'content/hotlines');
interface HotlineFile { file: string; number: string; dial: string; country: string; sources?: { url: string }[]; checked: string }
const hotlines: HotlineFile[] = readdirSync(hotlineDir).map((f) => ({ file: f, ...(yaml.load(readFileSync(join(hotlineDir, f), 'utf8')) as Omit<HotlineFile, 'file'>) }));

function allContentText(dir = join(root, 'content')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? allContentText(join(dir, e.name)) : readFileSync(join(dir, e.name), 'utf8')))
    .join('\n');
}
const digits = (s: string) => s.replace(/\D/g, '');

describe('hotlines', () => {
  it('has at least 10 distinct numbers in at least 4 countries', () => {
    expect(new Set(hotlines.map((h) => h.dial)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(hotlines.map((h) => h.country)).size).toBeGreaterThanOrEqual(4);
  });

  it('gives each a source and a checked date', () => {
    for (const h of hotlines) {
      expect(h.sources?.length, h.file).toBeGreaterThan(0);
      expect(new Date(h.checked).getTime(), h.file).not.toBeNaN();
    }
  });

  it.skipIf(!hasReference)('publishes only numbers from the country tables of the reference', () => {
    const reference = readFileSync(referenceFile, 'utf8');
    const [tables = ''] = reference.split(/^## Not confirmed/m);
    const tableRows = tables.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| number'));
    const published = new Set(tableRows.map((row) => digits((row.split('|')[1] ?? '').replace(/\(.*\)/, ''))));
    for (const h of hotlines) expect(published, `${h.file}: ${h.number}`).toContain(digits(h.number));
  });

  it.skipIf(!hasReference)('never mentions a number the reference says not to publish', () => {
    const reference = readFileSync(referenceFile, 'utf8');
    const rejected = reference.split(/^## Not confirmed/m)[1] ?? '';
    // Long numbers (7+ digits) of the rejected section, and 1288 by name.
    const numbers = [...rejected.matchAll(/\+?\d[\d ()-]{5,}\d/g)].map((m) => digits(m[0])).filter((d) => d.length >= 7 && !/^20\d\d/.test(d));
    const text = digits(allContentText().replace(/\d{4}-\d{2}-\d{2}/g, ' '));
    const spaced = allContentText();
    expect(numbers.length).toBeGreaterThan(5);
    for (const n of numbers) expect(text.includes(n) && spaced.replace(/\D+/g, ' ').split(' ').includes(n), n).toBe(false);
    expect(spaced).not.toMatch(/\b1288\b/);
  });
});
