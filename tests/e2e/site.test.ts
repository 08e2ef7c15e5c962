/**
 * The built site in Debian's Chromium: both languages, the language switch,
 * quick exit (link and Shift×3) without a history entry, axe, no request to
 * another origin, Khmer drawn in a Khmer font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NEUTRAL = 'https://www.google.com/';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phonePage(locale = 'km'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, locale });
  // The neutral exit page is answered here: tests never reach the internet.
  await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Neutral</title><p>Weather</p>' }));
  return { context, page: await context.newPage() };
}

describe('two languages', () => {
  it.each([
    ['km', /[\u1780-\u17FF]/],
    ['en', /Safe Journey Cambodia/],
  ])('/%s/ renders in its language with alternates', async (locale, text) => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/${locale}/`);
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.textContent('h1')).toMatch(text);
    const alternates = await page.$$eval('link[rel=alternate][hreflang]', (ls) => ls.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`));
    expect(alternates).toEqual(expect.arrayContaining(['km /km/', 'en /en/', 'x-default /']));
    await context.close();
  });

  it('redirects / by Accept-Language, without JavaScript', async () => {
    const go = (headers: Record<string, string>) => fetch(`${server.url}/`, { redirect: 'manual', headers });
    const en = await go({ 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(302);
    expect(en.headers.get('location')).toBe('/en/');
    expect(en.headers.get('vary')).toContain('Accept-Language');
    expect((await go({ 'Accept-Language': 'th-TH' })).headers.get('location')).toBe('/km/');
    expect((await go({})).headers.get('location')).toBe('/km/');
  });

  it('switches to the same page in the other language, and / remembers the choice', async () => {
    const { context, page } = await phonePage('en-US');
    await page.goto(`${server.url}/km/child-labour/school-and-work/`);
    await page.click('a.lang-switch');
    await page.waitForURL(`${server.url}/en/child-labour/school-and-work/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('a.lang-switch');
    await page.waitForURL(`${server.url}/km/child-labour/school-and-work/`);
    // The browser prefers English, but the person chose Khmer.
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/km/`);
    await context.close();
  });

  it('answers an unknown page with a 404 in the URL\'s language', async () => {
    const { context, page } = await phonePage();
    const response = await page.goto(`${server.url}/en/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Page not found');
    await context.close();
  });
});

describe('quick exit', () => {
  it('by the link: leaves for the neutral page and Back does not return to the page left', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/km/`);
    await page.goto(`${server.url}/km/hotlines/`);
    await page.click('#quick-exit');
    await page.waitForURL(NEUTRAL);
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/km/`);
    await context.close();
  });

  it('works without JavaScript, as a plain link with rel=noreferrer', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: 'neutral' }));
    const page = await context.newPage();
    await page.goto(`${server.url}/en/about/`);
    expect(await page.getAttribute('#quick-exit', 'rel')).toBe('noreferrer');
    await page.click('#quick-exit');
    await page.waitForURL(NEUTRAL);
    await context.close();
  });

  it('by Shift pressed three times: covers the page, announces, replaces the history entry', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/km/`);
    await page.goto(`${server.url}/km/trafficking-signs/`);
    const left = page.waitForURL(NEUTRAL);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await left;
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/km/`);
    await context.close();
  });

  it('is not set off by typing with Shift (Khmer keyboards)', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/km/`);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift+KeyA');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift+KeyB');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${server.url}/km/`);
    await context.close();
  });

  it('covers the page and announces before leaving', async () => {
    const { context, page } = await phonePage('en');
    await page.goto(`${server.url}/en/`);
    // Record what the page shows at the moment it leaves (sessionStorage outlives the navigation).
    await page.evaluate(() => {
      const cover = document.getElementById('exit-cover')!;
      const status = document.getElementById('exit-status')!;
      new MutationObserver(() => {
        sessionStorage.setItem('seen', JSON.stringify({ covered: !cover.hidden && getComputedStyle(cover).display !== 'none', said: status.textContent }));
      }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    await page.click('#quick-exit');
    await page.waitForURL(NEUTRAL);
    await page.goto(`${server.url}/en/about/`);
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('seen'))) ?? '{}')).toEqual({ covered: true, said: 'Leaving this page' });
    await context.close();
  });
});

describe('accessibility (axe)', () => {
  const pages = ['/', '/trafficking-signs/warning-signs-in-a-job-offer/', '/hotlines/'];
  for (const locale of ['km', 'en']) {
    for (const path of pages) {
      it(`/${locale}${path} has no axe violations`, async () => {
        const { context, page } = await phonePage();
        await page.goto(`${server.url}/${locale}${path}`);
        await page.evaluate(axeSource); // evaluate is not subject to the page's CSP
        const violations = await page.evaluate(async () => {
          const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        });
        expect(violations).toEqual([]);
        await context.close();
      });
    }
  }
});

describe('privacy and fonts', () => {
  it('makes no request to any other origin', async () => {
    const { context, page } = await phonePage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const path of ['/km/', '/km/getting-help/how-to-report/', '/km/hotlines/', '/en/', '/en/about/', '/en/hotlines/']) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    }
    expect(requests.length).toBeGreaterThan(6);
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
    await context.close();
  });

  it('draws Khmer text with a Khmer font', async () => {
    const { context, page } = await phonePage();
    await page.goto(`${server.url}/km/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const khmerGlyphs = fonts.filter((f) => /khmer/i.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
    const total = fonts.reduce((n, f) => n + f.glyphCount, 0);
    expect(fonts.map((f) => f.familyName).join(', ')).toMatch(/khmer/i);
    expect(khmerGlyphs / total).toBeGreaterThan(0.8);
    await context.close();
  });

  it('English pages download no Khmer font', async () => {
    const { context, page } = await phonePage('en');
    const fonts: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'font') fonts.push(r.url()); });
    await page.goto(`${server.url}/en/`, { waitUntil: 'networkidle' });
    await page.goto(`${server.url}/en/hotlines/`, { waitUntil: 'networkidle' });
    expect(fonts).toEqual([]);
    await context.close();
  });

  it('sends security headers and precompressed files', async () => {
    const response = await fetch(`${server.url}/en/hotlines/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const html = await (await fetch(`${server.url}/en/`)).text();
    const asset = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    const css = await fetch(`${server.url}${asset}`);
    expect(css.headers.get('cache-control')).toContain('immutable');
  });
});
