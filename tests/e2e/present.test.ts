/**
 * Presenter mode in Chromium, offline after one visit: every deck moves with
 * the keyboard, slide text is ≥ 32 px at 1280×720, notes stay hidden from the
 * audience until asked for, the offline bar and the controls leave the
 * projector when idle, the QR code decodes to the site's address, and
 * printing gives the handout. A session record is queued offline.
 * (Fit on every screen, the presenter view and paper: present-screens and
 * present-paper.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPersistent } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const DECKS = ['safe-migration', 'trafficking-signs', 'child-labour', 'getting-help'];
let server: Awaited<ReturnType<typeof startServer>>;
let profile: string;
let context: BrowserContext;
let page: Page;

/**
 * A laptop that opened the site once, saved both languages for offline use,
 * then lost the signal. It waits until the offline tools say both languages
 * are saved (a line for each: while saving, the line names only the language
 * being saved, so "English" alone is not enough) and every English deck is in
 * the cache.
 */
beforeAll(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'sj-present-'));
  context = await launchPersistent(profile, { viewport: { width: 1280, height: 720 } });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/km/`);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  await page.locator('[data-offline-save]').click();
  await page.waitForFunction(() => {
    const summary = document.querySelector('[data-offline-summary]')?.textContent ?? '';
    return summary.includes('ខ្មែរ') && summary.includes('អង់គ្លេស');
  }, null, { timeout: 30_000, polling: 250 });
  const english = [...DECKS.map((d) => `/en/present/${d}/`), '/en/present/record/'];
  const englishSaved = () => page.evaluate(async (paths) => {
    for (const path of paths) if (!(await caches.match(path, { ignoreSearch: true }))) return false;
    return true;
  }, english);
  for (const started = Date.now(); !(await englishSaved()); await page.waitForTimeout(250)) {
    if (Date.now() - started > 30_000) throw new Error('English was not saved for offline use in 30 s');
  }
  await context.setOffline(true);
});
afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await server?.stop();
});

const visible = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('.slide:not([hidden])')?.dataset.index));

describe('presenter mode, offline', () => {
  for (const locale of ['km', 'en']) {
    it.each(DECKS)(`%s (${locale}) moves with the keyboard and reads from the back of the room`, async (deck) => {
      await page.goto(`${server.url}/${locale}/present/${deck}/`);
      const total = await page.evaluate(() => document.querySelectorAll('.slide').length);
      expect(total).toBeGreaterThanOrEqual(9);
      expect(total).toBeLessThanOrEqual(16);
      expect(await visible()).toBe(1);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      await page.keyboard.press('PageDown');
      expect(await visible()).toBe(4);
      expect(page.url()).toMatch(/#4$/);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('PageUp');
      expect(await visible()).toBe(2);
      // Text on the slide: at least 32 px.
      const sizes = await page.evaluate(() => [...document.querySelectorAll('.slide:not([hidden]) .points li, .slide:not([hidden]) .slide-title')].map((e) => parseFloat(getComputedStyle(e).fontSize)));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(32);
      // Notes: hidden from the audience until the presenter asks, then in their own panel.
      expect(await page.locator('[data-notes-panel]').isVisible()).toBe(false);
      expect(await page.locator('.slide:not([hidden]) .notes').isVisible()).toBe(false);
      await page.keyboard.press('n');
      expect(await page.locator('[data-notes-panel]').isVisible()).toBe(true);
      expect(await page.locator('[data-notes-panel]').textContent()).toBe(await page.locator('.slide:not([hidden]) .notes').textContent());
      await page.keyboard.press('n');
      await page.keyboard.press('End');
      expect(await visible()).toBe(total);
      await page.reload();
      expect(await visible()).toBe(total); // the hash keeps the place
      await page.keyboard.press('Home');
      expect(await visible()).toBe(1);
    });
  }

  it('offline, on the projector: the offline bar and the controls show on input and leave after 3 s idle', async () => {
    await page.goto(`${server.url}/km/present/child-labour/#2`);
    await page.mouse.move(300, 300);
    await page.mouse.move(310, 320);
    const offlineBar = page.locator('.offline-bar');
    await offlineBar.waitFor({ state: 'visible' }); // "You are offline": the volunteer may want to know, the room does not
    const [bar, offline] = [(await page.locator('.present-bar').boundingBox())!, (await offlineBar.boundingBox())!];
    expect(offline.y + offline.height).toBeLessThanOrEqual(bar.y + 1); // above the control row, not over it
    await page.waitForTimeout(3_900);
    expect(await offlineBar.isVisible()).toBe(false);
    expect(await page.locator('.present-bar').isVisible()).toBe(false);
    expect(await page.locator('[data-quick-exit]').isVisible()).toBe(false);
    await page.mouse.move(400, 400);
    expect(await offlineBar.isVisible()).toBe(true);
    expect(await page.locator('[data-quick-exit]').isVisible()).toBe(true);
  });

  it('shows a QR code on the last slide that decodes to the site in the deck\'s language', async () => {
    await page.goto(`${server.url}/en/present/getting-help/`);
    await page.keyboard.press('q');
    const qr = page.locator('.slide:not([hidden]) [data-qr]');
    await qr.locator('svg').waitFor();
    expect(await qr.getAttribute('aria-label')).toContain(`${server.url}/en/`);
    const png = await qr.screenshot();
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(`${server.url}/en/`);
    await page.screenshot({ path: 'docs/screenshots/present-qr-en.png' });
  });

  it('prints the handout: key points, hotlines and the QR code, without the slides', async () => {
    await page.goto(`${server.url}/km/present/safe-migration/#2`);
    await page.screenshot({ path: 'docs/screenshots/present-slide-km.png' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.handout').isVisible()).toBe(true);
    expect(await page.locator('.deck').isVisible()).toBe(false);
    expect(await page.locator('.handout li').count()).toBeGreaterThan(8);
    expect(await page.locator('.handout [data-qr] svg').count()).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('keeps a presenter window in step (BroadcastChannel), with notes and the next slide', async () => {
    await page.goto(`${server.url}/en/present/safe-migration/#1`);
    const presenter = await context.newPage();
    await presenter.goto(`${server.url}/en/present/safe-migration/?view=presenter#1`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => presenter.evaluate(() => Number(document.querySelector<HTMLElement>('.slide:not([hidden])')?.dataset.index))).toBe(2);
    expect(await presenter.locator('[data-current-notes]').textContent()).not.toBe('');
    expect(await presenter.locator('[data-next-title]').textContent()).toBeTruthy();
    // And back: the presenter's own keys move the audience's slide.
    await presenter.keyboard.press('ArrowRight');
    await expect.poll(() => visible()).toBe(3);
    await presenter.close();
  });

  it('queues a session record offline', async () => {
    await page.goto(`${server.url}/en/present/record/?deck=child-labour`);
    await page.selectOption('#session-province', 'KH-15');
    await page.fill('#session-people', '24');
    await page.fill('#session-under18', '10');
    await page.click('#session-form button[type=submit]');
    await page.locator('#session-outcome').waitFor();
    expect(await page.textContent('#session-outcome')).toContain('Saved on this phone');
  });
});
