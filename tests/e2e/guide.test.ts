/**
 * The guide to pass on (/km/guide.html, /en/guide.html), as a person who got
 * it by Telegram or Bluetooth opens it: from the phone's files (file://) with
 * the network off. Every article title and every hotline is in it, the
 * hotlines are tel: links, in-file links land on their target, no request
 * leaves the page, it weighs at most 400 KB, and axe finds nothing. Served by
 * the site it passes the CSP, is in the language's offline pack, and the
 * footer and the presenter's menu link to it; on a phone that saved the site,
 * "Download the guide to share" works with no network.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchPersistent, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { formatDate } from '../../src/i18n/format';

const root = new URL('../../', import.meta.url).pathname;
const dist = process.env.TEST_DIST_DIR || join(root, 'dist');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const frontmatter = (file: string) => yaml.load(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]!) as { title: string };
const titles = (locale: string) => readdirSync(join(root, 'content/topics', locale)).filter((f) => f.endsWith('.md')).map((f) => frontmatter(join(root, 'content/topics', locale, f)).title);
const hotlines = readdirSync(join(root, 'content/hotlines')).filter((f) => f.endsWith('.yaml'))
  .map((f) => yaml.load(readFileSync(join(root, 'content/hotlines', f), 'utf8')) as { number: string; dial: string; name: Record<string, string> });

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the guide as a file on the phone, offline', () => {
  for (const locale of ['km', 'en'] as const) {
    it(`${locale}: every article and hotline, tel: links, working in-file links, no request out, ≤ 400 KB, axe clean`, async () => {
      const file = join(dist, 'client', locale, 'guide.html');
      expect(statSync(file).size).toBeLessThanOrEqual(400 * 1024);
      const context = await browser.newContext({ ...PHONE, offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.locator('script').count()).toBe(0);

      // Every article, by its title.
      const headings = await page.locator('article h3').allTextContents();
      expect(headings.sort()).toEqual(titles(locale).sort());
      // Every hotline: its name, and its number as a tel: link that shows the number.
      const inFile = await page.evaluate(() => ({
        names: [...document.querySelectorAll('.hotline h4')].map((h) => h.textContent),
        calls: Object.fromEntries([...document.querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')].map((a) => [a.getAttribute('href'), a.textContent])),
      }));
      for (const h of hotlines) {
        expect(inFile.names, h.name[locale]).toContain(h.name[locale]);
        expect(inFile.calls[`tel:${h.dial}`], h.number).toContain(h.number);
      }
      // The date it was made, and both checklists.
      expect(await page.textContent('.made')).toContain(formatDate(new Date(statSync(file).mtime), locale));
      expect(await page.locator('#checklist-before-you-go').count()).toBe(1);
      expect(await page.locator('#checklist-job-offer').count()).toBe(1);

      // Every in-file link has its target; following one lands there, and back to the contents.
      const missing = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(id)));
      expect(missing).toEqual([]);
      const target = page.locator('nav.toc a[href="#hotlines"]');
      await target.click();
      expect(page.url()).toBe(`${url}#hotlines`);
      expect(Math.abs(await page.evaluate(() => document.getElementById('hotlines')!.getBoundingClientRect().top))).toBeLessThan(5);
      await page.locator('section[aria-labelledby="hotlines"] > .top-link a').click();
      expect(page.url()).toBe(`${url}#contents`);
      // An article's own link to another article stays in the file.
      const inArticle = page.locator('article a[href^="#a-"]').first();
      const to = await inArticle.getAttribute('href');
      await inArticle.click();
      expect(Math.abs(await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, to!.slice(1)))).toBeLessThan(5);

      await page.evaluate(axeSource);
      expect(await page.evaluate(async () => ((await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations as any[]).map((v) => `${v.id}: ${v.nodes[0]?.target}`))).toEqual([]);
      // Nothing but the file itself was asked for.
      expect(requests.filter((r) => !r.startsWith(url))).toEqual([]);
      await context.close();
    });
  }
});

describe('the guide on the site', () => {
  it('is served under the CSP, saved with the language\'s pages, and linked from the footer and the presenter\'s menu', async () => {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    const response = await page.goto(`${server.url}/km/guide.html`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).backgroundColor)).toBe('rgb(10, 90, 99)');
    expect(violations).toEqual([]);
    for (const locale of ['km', 'en']) {
      const pack = JSON.parse(readFileSync(join(dist, 'client/offline-packs', `${locale}.json`), 'utf8')) as { pages: { url: string }[] };
      expect(pack.pages.map((p) => p.url)).toContain(`/${locale}/guide.html`);
    }
    await page.goto(`${server.url}/en/hotlines/`);
    const footer = page.locator('footer a[href="/en/guide.html"]');
    expect(await footer.textContent()).toBe('Download the guide to share');
    expect(await footer.getAttribute('download')).toBe('safe-journey-guide-en.html');
    await page.goto(`${server.url}/km/present/getting-help/`);
    expect(await page.locator('.deck-menu a[href="/km/guide.html"][download]').count()).toBe(1);
    await context.close();
  });
});

describe('the guide on a phone that saved the site', () => {
  it('downloads from the footer with the network off', async () => {
    // One visit saves the language (the service worker), then no network at all: the site's own
    // server is stopped too (Chromium's offline mode does not cover downloads).
    const own = await startServer();
    const profile = mkdtempSync(join(tmpdir(), 'sj-guide-'));
    const context = await launchPersistent(profile, PHONE);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${own.url}/km/`);
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
      await own.stop();
      await context.setOffline(true);
      await page.goto(`${own.url}/km/hotlines/`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('footer a[href="/km/guide.html"]')]);
      expect(await download.failure()).toBeNull();
      expect(download.suggestedFilename()).toBe('safe-journey-guide-km.html');
      expect(statSync((await download.path())!).size).toBe(statSync(join(dist, 'client/km/guide.html')).size);
    } finally {
      await context.close();
      await own.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
