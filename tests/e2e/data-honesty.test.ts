/**
 * Honest about data (issue 15), in Chromium at phone size, bytes counted by
 * CDP (Network.loadingFinished encodedDataLength) on the page and on the
 * service worker: under Save-Data nothing beyond the page until she answers,
 * and "Not now" is remembered; the size shown after saving is what the
 * service worker transferred; English never fetches the Khmer font; Stop
 * stops; the offline bar's first word on a saved page is right, it covers no
 * call link, takes at most two lines, and says when the connection is back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { launchCounted } from '../support/wireBytes.mjs';

const root = join(import.meta.dirname, '../..');
const distDir = process.env.TEST_DIST_DIR || join(root, 'dist');
const shots = join(root, 'docs/screenshots');
mkdirSync(shots, { recursive: true });
const ui = (lang: 'km' | 'en') => JSON.parse(readFileSync(join(root, `content/ui/${lang}.json`), 'utf8')).offline as Record<string, string>;
const KB = 1024;
/** React's client runtime, as the form's page asks for it. */
const reactRuntime = /renderer-url="([^"]+)"/.exec(readFileSync(join(distDir, 'client/en/help/index.html'), 'utf8'))![1]!;

let server: Awaited<ReturnType<typeof startServer>>;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });
afterEach(async () => { for (const close of closers.splice(0)) await close(); });

async function phone(lang: 'km' | 'en', more: Parameters<typeof launchCounted>[1] = {}, options: Record<string, unknown> = {}) {
  const counted = await launchCounted({ ...PHONE, locale: lang === 'en' ? 'en-GB' : 'km-KH', ...options }, more);
  closers.push(() => counted.close());
  // Every text the bar ever showed on each page, in order.
  await counted.page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { barTexts: string[] }).barTexts = []);
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLElement>('[data-offline-bar]');
      const text = document.querySelector('[data-offline-text]')?.textContent ?? '';
      if (bar && !bar.hidden && text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
  });
  return counted;
}
const barTexts = (page: Page) => page.evaluate(() => (window as unknown as { barTexts: string[] }).barTexts);
/** "563 KB" / "៥៦៣ KB" → bytes. */
const shownBytes = (text: string) => {
  const match = /([\d០-៩.,]+)\s*(KB|MB)/.exec(text);
  if (!match) throw new Error(`no size in "${text}"`);
  const digits = match[1]!.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0)).replace(',', '.');
  return Number(digits) * (match[2] === 'MB' ? KB * KB : KB);
};
/** The browser's data saver: navigator.connection.saveData (the test's context also sends the header). */
const saveData = async (counted: Awaited<ReturnType<typeof phone>>) => {
  const cdp = (await counted.context.newCDPSession(counted.page)) as unknown as { send(method: string, params: object): Promise<unknown> };
  await cdp.send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
};
/** The offline module has run on this page (it shows the footer's offline tools). */
const offlineReady = (page: Page) => page.waitForFunction(() => !document.querySelector('[data-offline-tools]')?.hasAttribute('hidden'));

/** Rows the bar's text and buttons take (a button beside the text is on its row). */
const barRows = (page: Page) => page.evaluate(() => {
  const line = document.querySelector('.offline-line')!;
  const range = document.createRange();
  range.selectNodeContents(line.querySelector('[data-offline-text]')!);
  const rects = [...range.getClientRects(), ...[...line.querySelectorAll('button:not([hidden])')].map((b) => b.getBoundingClientRect())];
  const middles = rects.filter((r) => r.height > 0).map((r) => (r.top + r.bottom) / 2).sort((a, b) => a - b);
  return middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 12).length;
});

/** Call links the visible bar covers, at the current scroll position. */
const coveredCallLinks = (page: Page) => page.evaluate(() => {
  const bar = document.querySelector<HTMLElement>('[data-offline-bar]')!;
  if (bar.hidden || getComputedStyle(bar).visibility === 'hidden') return [];
  const b = bar.getBoundingClientRect();
  return [...document.querySelectorAll<HTMLAnchorElement>('a[href^="tel:"], a[href^="sms:"]')]
    .filter((a) => { const r = a.getBoundingClientRect(); return r.height > 0 && r.bottom > b.top && r.top < b.bottom; })
    .map((a) => a.getAttribute('href'));
});

describe('what the site downloads, and what it says it cost', () => {
  it('under Save-Data: the first visit to /km/ stays under 60 KB until she answers; "Not now" is not asked again on three other pages', async () => {
    const counted = await phone('km', {}, { extraHTTPHeaders: { 'Save-Data': 'on' } });
    const { page } = counted;
    await saveData(counted);
    await page.goto(`${server.url}/km/`);
    await expect.poll(() => page.textContent('[data-offline-text]')).toMatch(/ខ្មែរ.*[០-៩]+ KB/);
    expect(await page.isVisible('[data-offline-action]')).toBe(true);
    await page.waitForTimeout(3500); // past the moment saving would start without Save-Data
    const before = counted.network();
    expect(before.reduce((n, r) => n + r.bytes, 0)).toBeLessThanOrEqual(60 * KB);
    expect(before.filter((r) => r.target === 'service_worker')).toEqual([]);
    expect(before.map((r) => new URL(r.url).pathname)).not.toContain(reactRuntime);
    expect(await page.evaluate(async () => ({ workers: (await navigator.serviceWorker.getRegistrations()).length, caches: await caches.keys() }))).toEqual({ workers: 0, caches: [] });
    await page.screenshot({ path: join(shots, 'save-data-question-km.png') });

    await page.click('[data-offline-secondary]'); // "Not now"
    expect(await page.isHidden('[data-offline-bar]')).toBe(true);
    for (const path of ['/km/hotlines/', '/km/staying-safe/', '/km/trafficking-signs/warning-signs-in-a-job-offer/']) {
      await page.goto(`${server.url}${path}`);
      await offlineReady(page);
      await page.waitForTimeout(1000);
      expect(await barTexts(page), path).toEqual([]);
      // The footer still offers saving, with its size.
      expect(await page.textContent('[data-offline-save]'), path).toMatch(/ខ្មែរ.*[០-៩]+ KB/);
    }
    expect(counted.network().filter((r) => r.target === 'service_worker')).toEqual([]);
  });

  it('without Save-Data: the size shown after saving is within 10% of what the service worker transferred; English fetches no Khmer font', async () => {
    const counted = await phone('en');
    const { page } = counted;
    const en = ui('en');
    await page.goto(`${server.url}/en/`);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    await page.waitForTimeout(300); // the last answers' byte counts reach the test
    const shown = (await page.textContent('[data-offline-text]'))!;
    expect(shown).toMatch(/^Saved \d+ English pages for offline use \(\d+ KB\)\.$/);
    const transferred = counted.workerBytes();
    expect(transferred).toBeGreaterThan(100 * KB);
    expect(Math.abs(shownBytes(shown) - transferred) / transferred).toBeLessThanOrEqual(0.1);
    // The footer says the same on every page.
    expect(await page.textContent('[data-offline-summary]')).toContain(`(${/\((\d+ KB)\)/.exec(shown)![1]} downloaded)`);
    expect(await barRows(page)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(shots, 'saved-notice-en.png') });

    for (const path of ['/en/trafficking-signs/warning-signs-in-a-job-offer/', '/en/child-labour/dangerous-work/']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    }
    expect(counted.requests.filter((r) => /\.woff2$/.test(r.url))).toEqual([]);
    expect(await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const request of await (await caches.open(key)).keys()) urls.push(request.url);
      return urls.filter((u) => /\.woff2/.test(u));
    })).toEqual([]);
    expect(en.savedBytes).toBeTruthy();
  });

  it('Stop stops: no more is fetched, the bar says what it cost, and no page starts saving again by itself', async () => {
    // Slow enough to press Stop while the pages are being saved.
    const counted = await phone('en', { throttle: { latency: 150, downloadThroughput: 100 * KB, uploadThroughput: 100 * KB } });
    const { page } = counted;
    await page.goto(`${server.url}/en/about/`);
    const bar = page.locator('[data-offline-text]');
    await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toMatch(/^Saving English pages for offline use: \d+ KB of about \d+ KB$/);
    // Past the shell, into the pages.
    await expect.poll(async () => shownBytes((await bar.textContent())!), { timeout: 20_000, interval: 100 }).toBeGreaterThan(260 * KB);
    expect(await barRows(page)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(shots, 'saving-notice-en.png') });
    await page.click('[data-offline-secondary]'); // Stop
    await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toMatch(/^Saving stopped after \d+ KB\./);
    const stoppedAt = counted.workerBytes();
    await page.waitForTimeout(2000);
    expect(counted.workerBytes() - stoppedAt).toBeLessThan(40 * KB); // at most what was already on its way
    await page.goto(`${server.url}/en/hotlines/`);
    await offlineReady(page);
    await page.waitForTimeout(3500);
    expect(await barTexts(page)).toEqual([]);
    expect(counted.workerBytes() - stoppedAt).toBeLessThan(40 * KB);
    expect(await page.textContent('[data-offline-summary]')).toMatch(/^English: saving was stopped after \d+ KB\./);
    expect(await page.textContent('[data-offline-save]')).toMatch(/^Save English pages for offline use — \d+ KB$/);
  });
});

describe.each(['km', 'en'] as const)('the offline bar tells the truth (%s)', (lang) => {
  it('on a saved page offline its first words are right, it covers no call link, and "back online" appears', async () => {
    const text = ui(lang);
    const counted = await phone(lang);
    const { page } = counted;
    await page.goto(`${server.url}/${lang}/`);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    if (lang === 'km') await page.screenshot({ path: join(shots, 'saved-notice-km.png') });

    await counted.setOffline(true);
    await page.goto(`${server.url}/${lang}/staying-safe/`);
    await page.locator('[data-offline-bar]').waitFor({ state: 'visible' });
    await page.waitForTimeout(2500); // past the moment the service worker answers
    expect(await barTexts(page)).toEqual([text.offlineNow]);
    expect(await barRows(page)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(shots, `offline-bar-saved-${lang}.png`) });

    // Pages full of call links: the bar is never over one, wherever she scrolls.
    for (const path of [`/${lang}/hotlines/`, `/${lang}/no-such-page/`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('[data-offline-bar]').waitFor({ state: 'attached' });
      await expect.poll(() => barTexts(page)).not.toEqual([]);
      const links = await page.locator('a[href^="tel:"]').count();
      expect(links, path).toBeGreaterThan(1);
      for (let y = 0; y < 4000; y += 150) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(40);
        expect(await coveredCallLinks(page), `${path} at ${y}px`).toEqual([]);
      }
      expect(await barRows(page)).toBeLessThanOrEqual(2);
    }
    // The last call link can be scrolled clear of the bar, which then shows.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    expect(await coveredCallLinks(page)).toEqual([]);
    expect(await page.isVisible('[data-offline-text]')).toBe(true);

    await counted.setOffline(false);
    await expect.poll(() => page.textContent('[data-offline-text]'), { timeout: 5_000 }).toBe(text.backOnline);
    expect(await page.isVisible('[data-offline-close]')).toBe(true);
  });
});
