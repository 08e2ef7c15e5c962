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

/**
 * The checked reference lives beside the repository (../shared), not in it. Without it the
 * numbers cannot be checked: in CI (CI=true) that is a failure, elsewhere a skip that says why.
 */
const referenceMissing = existsSync(referenceFile) ? undefined : `${referenceFile} not found: the published hotline numbers are not checked against the reference`;
const inCI = process.env.CI === 'true';
// Printed once by the default reporter too, which shows a skip's reason only in verbose mode.
if (referenceMissing && !inCI) console.warn(`content.test.ts: ${referenceMissing} (2 tests skipped)`);

function readReference(skip: (note: string) => never): string {
  if (referenceMissing) {
    if (inCI) throw new Error(`${referenceMissing}. CI must have it: check out the shared folder beside the repository.`);
    skip(referenceMissing);
  }
  return readFileSync(referenceFile, 'utf8');
}
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

  it('publishes only numbers from the country tables of the reference', ({ skip }) => {
    const reference = readReference(skip);
    const [tables = ''] = reference.split(/^## Not confirmed/m);
    const tableRows = tables.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| number'));
    const published = new Set(tableRows.map((row) => digits((row.split('|')[1] ?? '').replace(/\(.*\)/, ''))));
    for (const h of hotlines) expect(published, `${h.file}: ${h.number}`).toContain(digits(h.number));
  });

  it('never mentions a number the reference says not to publish', ({ skip }) => {
    const reference = readReference(skip);
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
