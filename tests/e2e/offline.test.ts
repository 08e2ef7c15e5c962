/**
 * Offline use after one visit, in Chromium with a real (persistent) profile:
 * every page of the visitor's language opens with no network, unknown pages
 * get the offline page with hotlines, the other language is saved on request,
 * "clear everything" leaves nothing, Save-Data asks first, and a new version
 * is announced without reloading by itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistent, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const root = join(import.meta.dirname, '../..');
/** The build under test: the same one the server runs (tests/support/server.mjs). */
const distDir = process.env.TEST_DIST_DIR || join(root, 'dist');
let server: Awaited<ReturnType<typeof startServer>>;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshPhone(options: Record<string, unknown> = {}): Promise<{ context: BrowserContext; page: Page }> {
  const profile = mkdtempSync(join(tmpdir(), 'sj-profile-'));
  const context = await launchPersistent(profile, { ...PHONE, ...options });
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }), () => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** First visit online: wait until the service worker controls the page and has saved the language. */
async function visitAndSave(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
}

async function openOffline(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  return { status: response?.status(), h1: (await page.textContent('h1'))?.trim(), lang: await page.getAttribute('html', 'lang') };
}

describe('offline after one visit', () => {
  it('opens every Khmer page never visited, and the offline page for an unknown one; English on request', async () => {
    const { context, page } = await freshPhone();
    await visitAndSave(page, `${server.url}/km/`);
    expect(await page.textContent('[data-offline-summary]')).toMatch(/ខ្មែរ/);

    await context.setOffline(true);
    const pack = JSON.parse(readFileSync(join(distDir, 'client/offline-packs/km.json'), 'utf8')) as { pages: { url: string }[] };
    expect(pack.pages.length).toBeGreaterThanOrEqual(22);
    for (const { url } of pack.pages.filter((p) => p.url.endsWith('/'))) {
      const result = await openOffline(page, url);
      expect(result.lang, url).toBe('km');
      expect(result.h1, url).not.toBe('អ្នកកំពុងនៅក្រៅបណ្តាញ');
    }
    const article = await openOffline(page, '/km/trafficking-signs/online-scam-compounds/');
    expect(article.h1).toMatch(/[\u1780-\u17FF]/);

    const unknown = await openOffline(page, '/km/no-such-page/');
    expect(unknown.h1).toBe('អ្នកកំពុងនៅក្រៅបណ្តាញ');
    expect(await page.$$eval('a[href^="tel:"]', (as) => as.map((a) => a.getAttribute('href')))).toEqual(expect.arrayContaining(['tel:1280', 'tel:117']));
    expect(await page.isVisible('[data-offline-text]')).toBe(true);

    // English was not saved: its pages get the English offline page.
    expect((await openOffline(page, '/en/hotlines/')).h1).toBe('You are offline');

    // Back online, the person asks for English too.
    await context.setOffline(false);
    await page.goto(`${server.url}/km/`);
    const save = page.locator('[data-offline-save]');
    await save.waitFor({ state: 'visible' });
    expect(await save.textContent()).toMatch(/អង់គ្លេស.*KB/);
    await save.click();
    await page.waitForFunction(() => document.querySelector('[data-offline-summary]')?.textContent?.includes('អង់គ្លេស'), null, { timeout: 30_000 });

    await context.setOffline(true);
    expect(await openOffline(page, '/en/hotlines/')).toMatchObject({ h1: 'Hotlines', lang: 'en' });
    expect(await openOffline(page, '/en/child-labour/dangerous-work/')).toMatchObject({ lang: 'en' });
    expect((await openOffline(page, '/en/child-labour/dangerous-work/')).h1).not.toBe('You are offline');
  });

  it('saves English after a first visit to /en/, and / goes to it offline', async () => {
    const { context, page } = await freshPhone({ locale: 'en-GB' });
    await visitAndSave(page, `${server.url}/en/`);
    await context.setOffline(true);
    expect(await openOffline(page, '/en/about/')).toMatchObject({ h1: 'About Safe Journey Cambodia', lang: 'en' });
    expect(await openOffline(page, '/en/getting-help/help-abroad/')).toMatchObject({ lang: 'en' });
    expect((await openOffline(page, '/en/nothing-here/')).h1).toBe('You are offline');
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/en/`);
  });

  it('never caches /api/ or /partner/', async () => {
    const { page } = await freshPhone();
    await visitAndSave(page, `${server.url}/km/`);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(30);
    expect(cached.filter((u) => /^\/(api|partner)(\/|$)/.test(u))).toEqual([]);
  });

  it('asks before saving when the browser signals Save-Data, with nothing installed until she says yes', async () => {
    const { page } = await freshPhone();
    await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true }));
    await page.goto(`${server.url}/en/`);
    const action = page.locator('[data-offline-action]');
    await action.waitFor({ state: 'visible' });
    expect(await page.textContent('[data-offline-text]')).toMatch(/about \d+ KB/);
    expect(await page.evaluate(async () => ({ caches: await caches.keys(), workers: (await navigator.serviceWorker.getRegistrations()).length }))).toEqual({ caches: [], workers: 0 });
    await action.click();
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('"Clear everything on this phone" leaves no cache, storage or service worker', async () => {
    const { page } = await freshPhone();
    await visitAndSave(page, `${server.url}/km/staying-safe/`);
    await page.evaluate(() => new Promise<void>((resolve) => {
      localStorage.setItem('x', '1');
      const open = indexedDB.open('sj-queue');
      open.onsuccess = () => { open.result.close(); resolve(); };
    }));
    const root = page.locator('main [data-clear-root]');
    await root.locator('[data-clear-start]').click();
    await root.locator('[data-clear-yes]').click();
    await root.locator('[data-clear-done]').waitFor({ state: 'visible' });
    const left = await page.evaluate(async () => ({
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      databases: (await indexedDB.databases()).map((d) => d.name),
      local: localStorage.length,
      cookie: document.cookie,
    }));
    expect(left).toEqual({ caches: [], workers: 0, databases: [], local: 0, cookie: '' });
  });

  it('warns before clearing when a request for help is still waiting to be sent', async () => {
    const { context, page } = await freshPhone({ locale: 'en-GB' });
    // One request sent, one that cannot get through (the connection drops): only the second would be lost.
    let posts = 0;
    await context.route('**/api/intake', (route) => (++posts === 1 ? route.continue() : route.abort('internetdisconnected')));
    for (const panel of ['.panel-success', '.panel-queued']) {
      await page.goto(`${server.url}/en/help/`);
      await page.waitForSelector('astro-island:not([ssr])');
      await page.check('#topic-migration');
      await page.selectOption('#intake-province', 'KH-14');
      await page.check('#under18-no');
      await page.fill('#intake-phone', '097 123 4567');
      await page.check('#intake-consent');
      await page.click('.intake-form button[type=submit]');
      await page.locator(panel).waitFor();
    }
    await page.goto(`${server.url}/en/staying-safe/`);
    const root = page.locator('main [data-clear-root]');
    await root.locator('[data-clear-start]').click();
    await root.locator('[data-clear-pending]').waitFor({ state: 'visible' });
    expect(await root.locator('[data-clear-pending]').textContent()).toBe('1 request for help has not been sent yet. If you clear now, it will be lost.');
    await root.locator('[data-clear-no]').click();
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('sj-queue');
  });
});

describe('a new version', () => {
  it('is announced, and the page does not reload until the person asks', async () => {
    // Build a second version of the site with one changed article, into a temporary folder.
    // Inside the project: the built server resolves its packages from node_modules.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const work = mkdtempSync(join(root, '.tmp', 'update-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    cpSync(join(root, 'content'), join(work, 'content'), { recursive: true });
    const article = join(work, 'content/topics/en/school-and-work.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: "School and work (updated)"'));
    await promisify(execFile)('npm', ['run', 'build'], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: join(work, 'content'), ASTRO_OUT_DIR: join(work, 'dist'), ASTRO_CACHE_DIR: join(work, 'cache') },
      maxBuffer: 50 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`second build failed:\n${error.stdout}\n${error.stderr}`);
    });

    const { page } = await freshPhone({ locale: 'en-GB' });
    const port = server.port;
    await visitAndSave(page, `${server.url}/en/child-labour/`);
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

    // The new version goes live on the same address.
    await server.stop();
    server = await startServer({ port, outDir: join(work, 'dist') });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const bar = page.locator('[data-offline-text]');
    await expect.poll(() => bar.textContent(), { timeout: 30_000 }).toBe('A new version is ready.');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // not reloaded

    await Promise.all([page.waitForEvent('load'), page.click('[data-offline-action]')]);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    // The saved pages are brought up to date once the page has settled, and the bar says what it cost.
    await expect.poll(() => bar.textContent(), { timeout: 30_000 }).toMatch(/^The saved English pages are up to date \(\d+ KB\)\.$/);
    await expect.poll(async () => {
      await page.goto(`${server.url}/en/child-labour/school-and-work/`);
      return page.textContent('h1');
    }, { timeout: 30_000 }).toBe('School and work (updated)');

    // Put the normal build back for the other tests.
    await server.stop();
    server = await startServer({ port });
  }, 180_000);
});
