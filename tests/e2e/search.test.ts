/** Search in Chromium, offline after one visit: Khmer words from the middle of sentences, English, phone numbers; the empty state. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistent, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

let server: Awaited<ReturnType<typeof startServer>>;
let context: BrowserContext;
let page: Page;
const profile = mkdtempSync(join(tmpdir(), 'sj-search-'));

beforeAll(async () => {
  server = await startServer();
  context = await launchPersistent(profile, { ...PHONE });
  page = context.pages()[0] ?? (await context.newPage());
  for (const locale of ['km', 'en']) {
    await page.goto(`${server.url}/${locale}/`);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    if (locale === 'km') {
      await page.locator('[data-offline-save]').click();
      await page.waitForFunction(() => document.querySelector('[data-offline-summary]')?.textContent?.includes('អង់គ្លេស'), null, { timeout: 30_000 });
    }
  }
  await context.setOffline(true);
});
afterAll(async () => {
  await context?.close();
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
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
