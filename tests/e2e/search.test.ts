/**
 * Search in Chromium, offline after one visit: Khmer words from the middle of sentences, English,
 * phone numbers; a slip in spelling still finds its page ("Pages with similar words"); snippets mark
 * the query's longest pieces (whole words in English) and are cut only for the results on screen;
 * ten results at a time; the empty state.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { savedOfflinePhone } from '../support/savedPhone';

let server: Awaited<ReturnType<typeof startServer>>;
let phone: Awaited<ReturnType<typeof savedOfflinePhone>>;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  phone = await savedOfflinePhone(server.url);
  page = phone.page;
});
afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

async function search(locale: string, q: string) {
  await page.goto(`${server.url}/${locale}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search-results li, #search-empty:not([hidden])');
  return page.$$eval('#search-results li a', (as) => as.map((a) => a.getAttribute('href')));
}

/** The snippets of the results on screen, once cut, with their marked pieces. */
async function snippets() {
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results li')].filter((li) => li.getBoundingClientRect().top < innerHeight).every((li) => li.querySelector('.snippet')!.textContent!.trim() !== ''));
  return page.$$eval('#search-results li', (items) => items.filter((li) => li.getBoundingClientRect().top < innerHeight).map((li) => ({
    href: li.querySelector('a')!.getAttribute('href'),
    text: li.querySelector('.snippet')!.textContent,
    marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
  })));
}

describe('search, offline', () => {
  it.each([
    ['km', 'ឆ្លងដែន', '/km/safe-migration/documents-for-work-abroad/'], // inside លិខិតឆ្លងដែន (passport)
    ['km', 'មេខ្យល់', '/km/safe-migration/agencies-and-brokers/'],
    ['km', 'បំណុល', '/km/trafficking-signs/forced-labour-and-debt/'],
    ['km', '១២៨០', '/km/getting-help/when-you-call-a-hotline/'],
    ['en', 'passport', '/en/safe-migration/documents-for-work-abroad/'],
    ['en', 'brokers', '/en/safe-migration/agencies-and-brokers/'],
    ['en', 'Thailand', '/en/getting-help/help-abroad/'],
    ['en', '023 997 919', '/en/hotlines/'],
  ])('/%s/search/?q=%s finds %s', async (locale, q, expected) => {
    expect((await search(locale, q)).slice(0, 5)).toContain(expected);
    expect(await page.textContent('#search-summary')).toMatch(locale === 'km' ? /រកឃើញ/ : /found/);
    expect(await page.isVisible('#search-similar')).toBe(false);
  });

  it.each([
    ['km', 'ប្រាក់ឈ្នូល', '/km/safe-migration/working-and-living-abroad/', 'ប្រាក់ឈ្នួល'], // ួ typed ូ
    ['km', 'មេខ្យល', '/km/safe-migration/agencies-and-brokers/', 'មេខ្យល់'], // ់ left out
    ['en', 'pasport', '/en/safe-migration/documents-for-work-abroad/', 'passport'],
  ])('a slip in spelling, /%s/search/?q=%s, still finds %s under "Pages with similar words", the right spelling marked', async (locale, q, expected, spelled) => {
    expect((await search(locale, q)).slice(0, 5)).toContain(expected);
    expect(await page.isVisible('#search-similar')).toBe(true);
    expect(await page.textContent('#search-similar')).toBe(locale === 'km' ? 'ទំព័រដែលមានពាក្យស្រដៀងគ្នា' : 'Pages with similar words');
    const item = page.locator(`#search-results li:has(a[href="${expected}"])`);
    await item.scrollIntoViewIfNeeded();
    await item.locator('mark').first().waitFor();
    expect((await item.locator('mark').allTextContents()).map((m) => m.toLowerCase())).toContain(spelled);
  });

  it('marks the longest pieces of a Khmer query in every snippet on screen, inside longer words too', async () => {
    for (const q of ['ឆ្លងដែន', 'ការងារនៅថៃ', 'ទាសភាពបំណុល', 'កំុប្រគល់លិខិតឆ្លងដែន']) {
      await search('km', q);
      const shown = await snippets();
      expect(shown.length, q).toBeGreaterThan(0);
      for (const s of shown) expect(s.marks.length, `${q}: ${s.href} ${s.text}`).toBeGreaterThan(0);
    }
    await search('km', 'ឆ្លងដែន');
    expect((await snippets())[0]!.marks).toContain('ឆ្លងដែន');
  });

  it('marks whole English words ("rules" for "rule", never "[rul]es")', async () => {
    await search('en', 'rule');
    const shown = await snippets();
    const marks = shown.flatMap((s) => s.marks);
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark).toMatch(/^rules?$/i);
  });

  it('cuts snippets only from the pages of the results on screen, ten results at a time', async () => {
    const fetched: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (/^\/en\/.+\/$/.test(path) && !path.startsWith('/en/search/')) fetched.push(path);
    };
    page.on('request', onRequest);
    const results = await search('en', 'work');
    await snippets();
    await page.waitForTimeout(500);
    page.off('request', onRequest);
    expect(results.length).toBe(10);
    // On screen, and the next one a little below it (fetched as it comes near).
    const onScreen = await page.$$eval('#search-results li', (items) => items.filter((li) => li.getBoundingClientRect().top < innerHeight).length);
    expect(onScreen).toBeGreaterThan(0);
    expect(new Set(fetched).size).toBeLessThanOrEqual(onScreen + 1);
    expect(new Set(fetched).size).toBeLessThan(10);
    // The next ten.
    expect(await page.textContent('#search-summary')).toMatch(/^\d{2,} pages found/);
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 10);
  });

  it('shows the hotlines when nothing is found', async () => {
    expect(await search('en', 'xylophonequartz')).toEqual([]);
    expect(await page.isVisible('#search-empty .help-now')).toBe(true);
    expect(await page.isVisible('#search-similar')).toBe(false);
  });
});
