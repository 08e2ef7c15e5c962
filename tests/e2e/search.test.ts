/** Search in Chromium, offline after one visit: Khmer words from the middle of sentences, English, phone numbers; the empty state. */
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
    expect(await search(locale, q)).toContain(expected);
    expect(await page.textContent('#search-summary')).toMatch(locale === 'km' ? /រកឃើញ/ : /found/);
  });

  it('highlights the words in a snippet cut from the saved page', async () => {
    await search('km', 'ឆ្លងដែន');
    await page.waitForSelector('#search-results mark');
    expect(await page.textContent('#search-results mark')).toContain('ឆ្លងដែន');
  });

  it('shows the hotlines when nothing is found', async () => {
    expect(await search('en', 'xylophonequartz')).toEqual([]);
    expect(await page.isVisible('#search-empty .help-now')).toBe(true);
  });
});
