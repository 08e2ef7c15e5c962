/**
 * Presenter mode on the screens a village volunteer has: her phone held
 * upright (360×740) and sideways (740×360), a borrowed projector (1280×720,
 * 1920×1080) and a second window for herself. Every slide of every deck in
 * both languages fits without scrolling or clipping; after 3 s idle the
 * projector shows nothing but the slide; notes never push the title away; the
 * presenter view fits; a slow finger drag moves a slide; Q goes to the QR
 * slide and back. Screenshots for people to look at go to docs/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DECKS = ['safe-migration', 'trafficking-signs', 'child-labour', 'getting-help'];
const LOCALES = ['km', 'en'];
const SHOTS = 'docs/screenshots';
const NEUTRAL = 'https://www.google.com/';
/** The controls' idle delay. */
const IDLE_MS = 3_000;

const PORTRAIT = { ...PHONE, viewport: { width: 360, height: 740 } };
const LANDSCAPE = { ...PHONE, viewport: { width: 740, height: 360 } };
const PROJECTOR = { viewport: { width: 1280, height: 720 } };
const BIG_PROJECTOR = { viewport: { width: 1920, height: 1080 } };

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

/**
 * A fresh browser on one screen. No service worker (offline use is present.test.ts's), so no
 * page saves the site in the background while it is measured. `clock`: timers under the
 * test's control, and no animation, so "after 3 s idle" is tested exactly and at once.
 */
async function open(options: Record<string, unknown>, locale = 'en', { clock = false } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, locale: locale === 'km' ? 'km-KH' : 'en-GB', serviceWorkers: 'block', ...(clock ? { reducedMotion: 'reduce' } : {}) });
  await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Neutral</title>' }));
  const page = await context.newPage();
  if (clock) {
    // Time stands still from the start: only runFor moves it.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
  }
  return { context, page };
}

async function goToDeck(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.evaluate(() => document.fonts.ready);
  await page.locator('.final [data-qr] svg').waitFor({ state: 'attached' });
}

const shown = (page: Page) => page.evaluate(() => Number(document.querySelector<HTMLElement>('.slide:not([hidden])')?.dataset.index));

/**
 * Walks every slide of the open deck through the hash (no reload) and lists
 * what does not fit: a slide that scrolls, a title outside the slide or cut
 * sideways, a slide under the controls or off the screen, text smaller than
 * `minFont`. With `notes`, also the notes panel covering the title or the page scrolling.
 */
function slideProblems(page: Page, minFont: number) {
  return page.evaluate(async (min) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // The deck shows a slide on hashchange, synchronously; reading the layout then is enough.
    const goTo = (n: number) => {
      if (location.hash === `#${n}`) return frame();
      const changed = new Promise((resolve) => addEventListener('hashchange', resolve, { once: true }));
      location.hash = String(n);
      return changed;
    };
    const problems: string[] = [];
    const sizes: number[] = [];
    const count = document.querySelectorAll('.slide').length;
    const bar = document.querySelector('.present-bar')!.getBoundingClientRect();
    const panel = document.querySelector<HTMLElement>('[data-notes-panel]')!;
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (let i = 1; i <= count; i++) {
      await goTo(i);
      const slide = document.querySelector<HTMLElement>('.slide:not([hidden])')!;
      if (Number(slide.dataset.index) !== i) { problems.push(`${i}: not shown`); continue; }
      const box = slide.getBoundingClientRect();
      const title = slide.querySelector<HTMLElement>('.slide-title')!;
      const t = title.getBoundingClientRect();
      if (slide.scrollHeight > slide.clientHeight) problems.push(`${i}: scrolls ${slide.scrollHeight - slide.clientHeight}px`);
      if (slide.scrollWidth > slide.clientWidth) problems.push(`${i}: scrolls sideways ${slide.scrollWidth - slide.clientWidth}px`);
      if (t.top < box.top || t.bottom > box.bottom || t.left < box.left || t.right > box.right) problems.push(`${i}: title outside the slide`);
      if (title.scrollWidth > title.clientWidth) problems.push(`${i}: title cut sideways`);
      if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth || overlaps(box, bar)) problems.push(`${i}: slide off screen or under the controls`);
      if (!panel.hidden && overlaps(t, panel.getBoundingClientRect())) problems.push(`${i}: notes cover the title`);
      if (document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth) problems.push(`${i}: the page scrolls`);
      const size = Math.min(...[...slide.querySelectorAll('.slide-title, .points li, .slide-body p')].map((e) => parseFloat(getComputedStyle(e).fontSize)));
      sizes.push(size);
      if (size < min) problems.push(`${i}: text ${size}px < ${min}px`);
    }
    return { problems, sizes };
  }, minFont);
}

describe('every slide fits', () => {
  // One page per deck, resized: a phone turned upright and sideways, a laptop on two projectors.
  const devices = [
    { name: 'a phone upright (360×740) and sideways (740×360)', options: PORTRAIT, screens: [{ width: 360, height: 740, minFont: 18, shot: 'portrait' }, { width: 740, height: 360, minFont: 18, shot: 'landscape' }] },
    { name: 'a projector (1280×720, 1920×1080)', options: PROJECTOR, screens: [{ width: 1280, height: 720, minFont: 32, shot: '' }, { width: 1920, height: 1080, minFont: 48, shot: '' }] },
  ];
  // The phone and the projector in parallel: separate browser contexts, nothing timed.
  for (const device of devices) {
    it.concurrent(`on ${device.name}: no slide of any deck in either language scrolls or is clipped, text large enough`, async ({ expect }) => {
      const { context, page } = await open(device.options);
      const problems: string[] = [];
      const sizes: Record<string, number[]> = {};
      for (const locale of LOCALES) {
        for (const deck of DECKS) {
          await goToDeck(page, `/${locale}/present/${deck}/`);
          for (const screen of device.screens) {
            await page.setViewportSize(screen);
            const result = await slideProblems(page, screen.minFont);
            problems.push(...result.problems.map((p) => `${screen.width}×${screen.height} ${locale}/${deck} slide ${p}`));
            (sizes[`${screen.width}×${screen.height}`] ??= []).push(...result.sizes);
            // What the volunteer sees, with her controls (a touch brings them back).
            if (deck === 'safe-migration' && (screen.shot || (locale === 'en' && screen.width === 1280))) {
              await page.evaluate(() => { location.hash = '2'; });
              await page.mouse.move(5, 5);
              await page.mouse.move(9, 9);
              // Without a service worker here, the offline bar says saving failed: she would close it.
              await page.locator('.offline-close').click({ timeout: 5_000 }).catch(() => {});
              await page.screenshot({ path: `${SHOTS}/present-${screen.shot ? `phone-${screen.shot}` : 'projector-controls'}-${locale}.png` });
            }
          }
        }
      }
      expect(problems).toEqual([]);
      for (const [screen, list] of Object.entries(sizes)) console.log(`${screen}: slide text ${Math.min(...list)}–${Math.max(...list)} px`);
      await context.close();
    });
  }
});

describe('the phone is the main screen', () => {
  it('moves with an ordinary, slow finger drag of about 50 px, not a short or an upright one', async () => {
    const { context, page } = await open(PORTRAIT);
    await goToDeck(page, '/km/present/safe-migration/#3');
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    /** A drag from (x, y) by (dx, dy) in 20 small moves, 40 ms apart: nearly a second, nothing like a fling. */
    const drag = async (x: number, y: number, dx: number, dy: number, steps = 20) => {
      await touch('touchStart', x, y);
      for (let i = 1; i <= steps; i++) {
        await touch('touchMove', x + (dx * i) / steps, y + (dy * i) / steps);
        await page.waitForTimeout(40);
      }
      await touch('touchEnd');
    };
    await drag(250, 300, -70, 8);
    await expect.poll(() => shown(page)).toBe(4);
    await drag(100, 300, 70, -5);
    await expect.poll(() => shown(page)).toBe(3);
    await drag(250, 300, -30, 0, 5); // too short
    await drag(200, 200, -60, 200, 5); // mostly upright
    expect(await shown(page)).toBe(3);
    await context.close();
  });

  it('keeps the controls to one slim row that fades after 3 s; the tap that brings them back presses nothing', async () => {
    const { context, page } = await open(PORTRAIT, 'km', { clock: true });
    await goToDeck(page, '/km/present/safe-migration/#2');
    const bar = page.locator('.present-bar');
    const row = (await bar.boundingBox())!;
    expect(row.height).toBeLessThanOrEqual(60); // one row: ←, 2 / 13, →, the menu, the quick exit
    const controls = await page.$$eval('.present-bar :is(button, summary, a):not(.deck-menu-panel *)', (els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(controls).toHaveLength(4); // ←, →, the menu, the quick exit
    for (const c of controls) expect(c.top >= row.y && c.bottom <= row.y + row.height && c.left >= 0 && c.right <= 360).toBe(true);
    await page.touchscreen.tap(180, 300); // on the slide
    await page.clock.runFor(IDLE_MS - 200);
    expect(await bar.isVisible()).toBe(true);
    await page.clock.runFor(400);
    expect(await bar.isVisible()).toBe(false);
    // A tap where "next" was: the controls come back; the slide stays.
    const next = (await page.locator('[data-next]').boundingBox())!;
    await page.touchscreen.tap(next.x + next.width / 2, next.y + next.height / 2);
    expect(await bar.isVisible()).toBe(true);
    await page.waitForTimeout(300); // the click of a tap comes after its touchend
    expect(await shown(page)).toBe(2);
    await page.touchscreen.tap(next.x + next.width / 2, next.y + next.height / 2);
    await expect.poll(() => shown(page)).toBe(3);
    // The same for the quick exit: the waking tap does not leave the page.
    await page.clock.runFor(IDLE_MS + 100);
    const exit = (await page.locator('[data-quick-exit]').boundingBox())!;
    await page.touchscreen.tap(exit.x + exit.width / 2, exit.y + exit.height / 2);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/km/present/safe-migration/');
    await context.close();
  });

  it('opens a menu with the rest, and every control has a name (axe)', async () => {
    const { context, page } = await open(PORTRAIT, 'km');
    await goToDeck(page, '/km/present/getting-help/#2');
    await page.click('.deck-menu summary');
    const menu = page.locator('.deck-menu-panel');
    expect(await menu.isVisible()).toBe(true);
    const r = (await menu.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(360);
    expect(r.y).toBeGreaterThanOrEqual(0);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => ((await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations as any[]).map((v) => `${v.id}: ${v.nodes[0]?.target}`));
    expect(violations).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await menu.isVisible()).toBe(false);
    await context.close();
  });
});

describe('the audience sees only the slide', () => {
  /** Whatever is painted outside the current slide: rendered (not hidden, transparent or in a closed menu), at least 2 px, on screen. */
  const paintedOutsideSlide = (page: Page) => page.evaluate(() => {
    const slide = document.querySelector('.slide:not([hidden])')!;
    const seen: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (slide.contains(el) || el.contains(slide)) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) continue;
      seen.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return seen;
  });

  it('on a projector (1280×720, 1920×1080): after 3 s without input no controls, exit, offline bar or pointer; any input brings them back', async () => {
    const { context, page } = await open(PROJECTOR, 'km', { clock: true });
    await goToDeck(page, '/km/present/trafficking-signs/#3');
    await context.setOffline(true); // no signal in the village: the offline bar says so
    for (const screen of [PROJECTOR.viewport, BIG_PROJECTOR.viewport]) {
      await page.setViewportSize(screen);
      await page.mouse.move(400, 300);
      await page.mouse.move(420, 310);
      expect(await page.locator('.present-bar').isVisible()).toBe(true);
      expect(await page.locator('[data-quick-exit]').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.offline-bar').isVisible()).toBe(true);
      await page.clock.runFor(IDLE_MS - 300);
      expect(await page.locator('.present-bar').isVisible()).toBe(true); // not before 3 s
      await page.clock.runFor(400);
      expect(await paintedOutsideSlide(page)).toEqual([]);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.slide:not([hidden])')!).cursor)).toBe('none');
      if (screen.width === 1280) await page.screenshot({ path: `${SHOTS}/present-projector-idle-km.png` });
      // A mouse move brings everything back; so does a key.
      await page.mouse.move(500, 400);
      expect(await page.locator('.present-bar').isVisible()).toBe(true);
      expect(await page.locator('[data-quick-exit]').isVisible()).toBe(true);
      expect(await page.locator('.offline-bar').isVisible()).toBe(true);
      await page.clock.runFor(IDLE_MS + 100);
      expect(await page.locator('.present-bar').isVisible()).toBe(false);
      await page.keyboard.press('ArrowRight');
      expect(await page.locator('.present-bar').isVisible()).toBe(true);
      await page.keyboard.press('ArrowLeft');
      expect(await shown(page)).toBe(3);
    }
    await context.close();
  });
});

describe('notes', () => {
  it('N shows the notes in their own scrolling panel, and no slide\'s title moves off screen (360×740, 740×360, 1280×720)', async () => {
    const { context, page } = await open(PORTRAIT, 'km');
    const problems: string[] = [];
    for (const path of ['/km/present/safe-migration/', '/en/present/getting-help/']) {
      await goToDeck(page, path);
      await page.keyboard.press('n');
      expect(await page.locator('[data-notes-panel]').isVisible()).toBe(true);
      for (const screen of [PORTRAIT.viewport, LANDSCAPE.viewport, PROJECTOR.viewport]) {
        await page.setViewportSize(screen);
        const name = `${screen.width}×${screen.height}`;
        problems.push(...(await slideProblems(page, 12)).problems.map((p) => `${name} ${path} ${p}`));
        // The longest notes scroll inside their panel; the page itself never scrolls.
        await page.evaluate(() => { location.hash = '4'; });
        await expect.poll(() => shown(page)).toBe(4);
        const panel = await page.$eval('[data-notes-panel]', (el) => ({ scrolls: el.scrollHeight > el.clientHeight, overflow: getComputedStyle(el).overflowY, bottom: el.getBoundingClientRect().bottom }));
        if (path.startsWith('/km/') && screen.width === 360) expect(panel.scrolls).toBe(true);
        expect(panel.overflow).toBe('auto');
        expect(panel.bottom).toBeLessThanOrEqual(screen.height);
        if (path.startsWith('/km/') && screen.width === 360) {
          // Without a service worker here, the offline bar says saving failed: she would close it.
          await page.locator('.offline-close').click({ timeout: 5_000 }).catch(() => {});
          await page.screenshot({ path: `${SHOTS}/present-notes-km.png` });
        }
      }
      await page.keyboard.press('n');
      expect(await page.locator('[data-notes-panel]').isVisible()).toBe(false);
      await page.setViewportSize(PORTRAIT.viewport);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('while a presenter view is open, shows the notes only there', async () => {
    const { context, page } = await open(PROJECTOR, 'en');
    await goToDeck(page, '/en/present/safe-migration/#2');
    await page.keyboard.press('n');
    expect(await page.locator('[data-notes-panel]').isVisible()).toBe(true);
    const presenter = await context.newPage();
    await presenter.goto(`${server.url}/en/present/safe-migration/?view=presenter#2`);
    await expect.poll(() => page.locator('[data-notes-panel]').isVisible()).toBe(false);
    const notesOfSlide2 = (await page.locator('#slide-2 .notes-text').textContent())!.trim();
    expect(await page.evaluate((text) => document.body.innerText.includes(text), notesOfSlide2)).toBe(false);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => presenter.evaluate(() => Number(document.querySelector<HTMLElement>('.slide:not([hidden])')?.dataset.index))).toBe(4);
    expect(await page.locator('[data-notes-panel]').isVisible()).toBe(false);
    expect(await presenter.locator('[data-current-notes]').textContent()).toContain('Cambodia has official, legal ways');
    await presenter.close({ runBeforeUnload: true });
    await expect.poll(() => page.locator('[data-notes-panel]').isVisible()).toBe(true);
    await context.close();
  });
});

describe('the presenter view', () => {
  it('fits 1280×720 without scrolling on every slide: the slide scaled, next title, timer, the notes once, the questions', async () => {
    const { context, page } = await open(PROJECTOR, 'en');
    const problems: string[] = [];
    for (const path of ['/km/present/safe-migration/', '/en/present/getting-help/']) {
      await context.setOffline(false);
      await goToDeck(page, `${path}?view=presenter#1`);
      await context.setOffline(true); // in the village: the offline bar is up, and must not cover anything
      await page.locator('.offline-bar').waitFor({ state: 'visible' });
      problems.push(...(await page.evaluate(async () => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const found: string[] = [];
        const count = document.querySelectorAll('.slide').length;
        for (let i = 1; i <= count; i++) {
          location.hash = String(i);
          await frame();
          const slide = document.querySelector<HTMLElement>('.slide:not([hidden])')!;
          if (document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth) found.push(`${i}: the page scrolls`);
          if (slide.scrollHeight > slide.clientHeight || slide.scrollWidth > slide.clientWidth) found.push(`${i}: the slide scrolls`);
          const regions: [string, Element | null][] = [['slide', document.querySelector('.deck')], ['next', document.querySelector('[data-next-title]')], ['timer', document.querySelector('[data-timer]')]];
          const notes = slide.querySelector('.notes-text')?.textContent?.trim();
          if (notes) {
            regions.push(['notes', document.querySelector('.pv-notes')]);
            // Rendered text only: the notes appear once, in the notes region.
            const times = document.body.innerText.split(notes).length - 1;
            if (times !== 1) found.push(`${i}: notes shown ${times} times`);
          }
          if (slide.querySelector('.notes-questions li')) regions.push(['questions', document.querySelector('.pv-questions')]);
          const boxes = regions.map(([name, el]) => [name, el?.getBoundingClientRect()] as const);
          for (const [name, r] of boxes) {
            if (!r || r.width < 2 || r.height < 2) found.push(`${i}: ${name} missing`);
            else if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) found.push(`${i}: ${name} off screen`);
          }
          const bar = document.querySelector('.present-bar')!.getBoundingClientRect();
          for (const [name, r] of boxes) if (r && r.bottom > bar.top + 0.5) found.push(`${i}: ${name} under the controls`);
          const offline = document.querySelector<HTMLElement>('.offline-bar');
          if (offline?.checkVisibility({ visibilityProperty: true })) {
            const o = offline.getBoundingClientRect();
            for (const [name, r] of boxes) if (r && r.bottom > o.top + 0.5 && r.top < o.bottom) found.push(`${i}: ${name} under the offline bar`);
          }
          // Nothing spills out of its region unseen: the notes may scroll inside theirs; the
          // next title, the timer and the questions for the room are seen whole.
          for (const region of document.querySelectorAll<HTMLElement>('main, .pv-next, .pv-notes, .pv-questions')) {
            const scrolls = region.matches('.pv-notes') && getComputedStyle(region).overflowY === 'auto';
            if (region.scrollHeight > region.clientHeight + 1 && !scrolls) found.push(`${i}: ${region.className || region.tagName} does not show all it holds`);
          }
        }
        return found;
      })).map((p) => `${path} ${p}`));
      if (path.startsWith('/en/')) {
        await page.evaluate(() => { location.hash = '4'; });
        await page.waitForTimeout(100);
        await page.screenshot({ path: `${SHOTS}/present-presenter-view-en.png` });
      }
    }
    expect(problems).toEqual([]);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => ((await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations as any[]).map((v) => `${v.id}: ${v.nodes[0]?.target}`));
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('Q', () => {
  it('shows the QR slide, and Q again returns to the slide she was on', async () => {
    const { context, page } = await open(PROJECTOR, 'en');
    await goToDeck(page, '/en/present/child-labour/#5');
    await page.keyboard.press('q');
    expect(await shown(page)).toBe(await page.locator('.slide').count());
    expect(await page.locator('.slide:not([hidden]) [data-qr] svg').isVisible()).toBe(true);
    await page.keyboard.press('q');
    expect(await shown(page)).toBe(5);
    // Moving on from the QR slide forgets the way back: Q then goes to the QR slide again.
    await page.keyboard.press('q');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('q');
    expect(await shown(page)).toBe(await page.locator('.slide').count());
    await page.keyboard.press('q');
    expect(await shown(page)).toBe(await page.locator('.slide').count() - 1);
    await context.close();
  });
});
