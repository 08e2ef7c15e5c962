/**
 * "Listen" and the recording in Chromium. Headless Chromium has no voices, so
 * an init script puts a recorder in place of speechSynthesis (its voices are
 * the test's to choose, and arrive late, as on Android): the control reads the
 * first sentences in order with the sentence highlighted; Pause/Continue, Back,
 * speed; quick exit silences it at once; without a voice for the page's
 * language the control is hidden and the note on adding one shows until closed.
 * An article with the sample recording shows the player and its size, and
 * saves it only when asked. The slide reader in presenter mode, and Share.
 * The article's JavaScript before `load` stays in the site's 6 KB budget.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NEUTRAL = 'https://www.google.com/';
const ARTICLE = '/child-labour/childrens-rights-at-work/';

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

interface Spoken { text?: string; rate?: number; lang?: string; voice?: string; cancel?: boolean }
interface FakeVoice { lang: string; name: string; localService: boolean; default: boolean }

/**
 * In place of speechSynthesis: records every speak() and cancel() (also to the
 * test, through __recordSpeech: quick exit clears storage and leaves). An
 * utterance ends when the test says so (`__endUtterance()`), or after `ms` when
 * `ms` > 0; the one cancelled gets `error: interrupted`, as in Chrome. The
 * voices arrive after `voiceschanged`, as on Android.
 */
function fakeSpeech({ voices, ms }: { voices: FakeVoice[]; ms: number }) {
  const log: Spoken[] = [];
  (window as unknown as { __spoken: Spoken[] }).__spoken = log;
  const keep = () => { void (window as unknown as { __recordSpeech?: (s: Spoken) => void }).__recordSpeech?.(log.at(-1)!); };
  let ready = false;
  class Utterance extends EventTarget {
    text: string; lang = ''; rate = 1; voice: FakeVoice | null = null;
    onend: ((e: Event) => void) | null = null; onerror: ((e: Event) => void) | null = null;
    constructor(text: string) { super(); this.text = text; }
  }
  let current: Utterance | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (u: Utterance, type: 'end' | 'error', extra: object = {}) => {
    const event = Object.assign(new Event(type), extra);
    (type === 'end' ? u.onend : u.onerror)?.(event);
  };
  const engine = new (class extends EventTarget {
    getVoices() { return ready ? voices : []; }
    get speaking() { return current !== null; }
    speak(u: Utterance) {
      log.push({ text: u.text, rate: u.rate, lang: u.lang, voice: u.voice?.name });
      keep();
      current = u;
      if (ms > 0) timer = setTimeout(() => { if (current === u) { current = null; fire(u, 'end'); } }, ms);
    }
    cancel() {
      log.push({ cancel: true });
      keep();
      const u = current;
      current = null;
      clearTimeout(timer);
      if (u) setTimeout(() => fire(u, 'error', { error: 'interrupted' }), 0);
    }
    pause() {}
    resume() {}
  })();
  (window as unknown as { __endUtterance: () => void }).__endUtterance = () => {
    const u = current;
    current = null;
    if (u) fire(u, 'end');
  };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  setTimeout(() => { ready = true; engine.dispatchEvent(new Event('voiceschanged')); }, 200);
}

const VOICES = {
  km: { lang: 'km-KH', name: 'Khmer (Cambodia)', localService: true, default: false },
  en: { lang: 'en-US', name: 'English (US)', localService: true, default: true },
};

async function phone(locale: 'km' | 'en', voices: FakeVoice[], ms = 0): Promise<{ context: BrowserContext; page: Page; heard: Spoken[] }> {
  // No service worker: these tests are about the page, not the saving of the whole language.
  const context = await browser.newContext({ ...PHONE, locale, serviceWorkers: 'block' });
  await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Neutral</title><p>Weather</p>' }));
  await context.addInitScript(fakeSpeech, { voices, ms });
  // What the recorder heard, kept here in the test: it outlives the page.
  const heard: Spoken[] = [];
  await context.exposeFunction('__recordSpeech', (s: Spoken) => { heard.push(s); });
  return { context, page: await context.newPage(), heard };
}

/** The engine finishes the sentence it is saying; resolves once the reader has gone on to the next. */
async function finishSentence(page: Page): Promise<void> {
  const n = await page.evaluate(() => (window as any).__spoken.length);
  await page.evaluate(() => (window as any).__endUtterance());
  await page.waitForFunction((count) => (window as any).__spoken.length > count, n);
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
const said = async (page: Page) => (await spoken(page)).filter((s) => s.text).map((s) => s.text!);
/** The text of the sentence highlighted now (CSS Custom Highlight API). */
const highlighted = (page: Page) => page.evaluate(() => {
  const h = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights.get('sj-listen');
  return h ? [...h].map((r) => r.toString()).join('') : null;
});
/** The page's sentences, split here on the marks that end them (independently of the reader's own splitting). */
const firstSentences = (page: Page) => page.evaluate(() => {
  const blocks = [document.querySelector('article > h1'), document.querySelector('article > .lead'), ...document.querySelectorAll('article > .prose-body > *')];
  return blocks.flatMap((b) => (b?.textContent ?? '').split(/(?<=[។?!.])\s+/).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean)).slice(0, 20);
});

/** One phone with Khmer and English voices for most tests (fewer browser contexts: the suite stays quick). */
let voiced: { context: BrowserContext; page: Page; heard: Spoken[] };
beforeAll(async () => {
  voiced = await phone('km', [VOICES.en, VOICES.km]);
  await voiced.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});
afterAll(async () => { await voiced?.context.close(); });

describe('Listen', () => {
  for (const locale of ['km', 'en'] as const) {
    it(`${locale}: reads the first sentences in order, highlighted, in the page's voice; pause, continue, back and speed`, async () => {
      const { page } = voiced;
      await page.goto(`${server.url}/${locale}${ARTICLE}`);
      // The speed chosen is kept on the phone: start from none chosen.
      if (await page.evaluate(() => localStorage.getItem('sj-listen') !== null)) {
        await page.evaluate(() => localStorage.removeItem('sj-listen'));
        await page.reload();
      }
      const listen = page.locator('[data-listen-start]');
      await listen.waitFor({ state: 'visible' });
      expect((await listen.textContent())?.trim()).toBe(locale === 'km' ? 'ស្តាប់' : 'Listen');
      const expected = await firstSentences(page);
      await listen.click();
      await page.waitForFunction(() => (window as any).__spoken.length >= 1);
      await finishSentence(page);
      await finishSentence(page);
      expect(await said(page)).toEqual(expected.slice(0, 3));
      const first = (await spoken(page)).find((s) => s.text)!;
      expect(first).toMatchObject({ lang: VOICES[locale].lang, voice: VOICES[locale].name, rate: 1 });
      // The sentence being read is highlighted.
      expect((await highlighted(page))?.replace(/\s+/g, ' ').trim()).toBe(expected[2]);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('article > h1')!, '::highlight(sj-listen)').backgroundColor)).toBe('rgb(255, 224, 138)');

      // Pause: silence at once and nothing more said, even when the engine reports the end;
      // Continue says the same sentence again.
      const pause = page.locator('[data-listen-pause]');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-listen-pause'))).toBe(true);
      await pause.click();
      expect((await spoken(page)).at(-1)).toEqual({ cancel: true });
      const atPause = (await spoken(page)).length;
      await page.evaluate(() => (window as any).__endUtterance());
      await page.waitForTimeout(300);
      expect((await spoken(page)).length).toBe(atPause);
      expect((await pause.textContent())?.trim()).toBe(locale === 'km' ? 'បន្ត' : 'Continue');
      expect((await highlighted(page))?.replace(/\s+/g, ' ').trim()).toBe(expected[2]);
      await pause.click();
      await page.waitForFunction((n) => (window as any).__spoken.length > n, atPause);
      expect((await said(page)).at(-1)).toBe(expected[2]);
      await finishSentence(page);
      expect((await said(page)).at(-1)).toBe(expected[3]);

      // Back one sentence, then faster (the sentence being read starts again at the new speed).
      const count = (await said(page)).length;
      await page.locator('[data-listen-back]').click();
      await page.waitForFunction((n) => (window as any).__spoken.filter((s: Spoken) => s.text).length > n, count);
      expect((await said(page)).at(-1)).toBe(expected[2]);
      await page.locator('[data-rate="1.25"]').click();
      await page.waitForFunction(() => (window as any).__spoken.at(-1)?.rate === 1.25);
      expect((await said(page)).at(-1)).toBe(expected[2]);
      expect(await page.getAttribute('[data-rate="1.25"]', 'aria-pressed')).toBe('true');
      await finishSentence(page);
      expect((await spoken(page)).at(-1)).toMatchObject({ text: expected[3], rate: 1.25 });

      // Stop: the controls go, the highlight goes, Listen is back.
      await page.locator('[data-listen-stop]').click();
      await listen.waitFor({ state: 'visible' });
      expect(await highlighted(page)).toBeNull();
    });
  }

  it('quick exit silences it at once, before the page has gone, and nothing is said after', async () => {
    const { page, heard } = voiced;
    // The neutral site answers slowly: the page being left stays on screen meanwhile (as on a slow network).
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => { answer = resolve; });
    await page.route(`${NEUTRAL}**`, async (route) => { await answered; await route.fulfill({ contentType: 'text/html', body: '<title>Neutral</title><p>Weather</p>' }); });
    await page.goto(`${server.url}/km${ARTICLE}`);
    await page.locator('[data-listen-start]').click();
    await page.waitForFunction(() => (window as any).__spoken.length >= 1);
    // Everything the recorder heard from here on (its calls reach the test in order).
    await page.evaluate(() => (window as any).__recordSpeech({ marker: true }));
    await page.click('#quick-exit', { noWaitAfter: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const after = heard.slice(heard.findIndex((s) => (s as { marker?: boolean }).marker) + 1);
    // Cancelled while the neutral page is still loading, not when this page is unloaded.
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((s) => !s.cancel)).toEqual([]);
    answer();
    await page.waitForURL(NEUTRAL);
    await page.unroute(`${NEUTRAL}**`);
    await page.waitForTimeout(300);
    // Nothing said after (the engine reports the sentence interrupted; the reader does not go on).
    expect(heard.slice(heard.findIndex((s) => (s as { marker?: boolean }).marker) + 1).filter((s) => !s.cancel)).toEqual([]);
  });

  it('reads a self-check from its title', async () => {
    const { page } = voiced;
    await page.goto(`${server.url}/en/checks/job-offer/`);
    await page.locator('[data-listen-start]').click();
    await page.waitForFunction(() => (window as any).__spoken.length >= 1);
    // The title, the introduction, then the first question.
    while (!(await said(page)).some((t) => t.includes('Has anyone asked you'))) await finishSentence(page);
    const texts = await said(page);
    expect(texts[0]).toBe(await page.locator('main > h1').textContent());
    expect(texts.at(-1)).toBe('1. Has anyone asked you to pay a fee before you leave?');
    await page.locator('[data-listen-stop]').click();
  });

  it('is hidden when the phone has no voice for the language; the note on adding one shows until closed', async () => {
    const { context, page } = await phone('km', [VOICES.en]);
    await page.goto(`${server.url}/km${ARTICLE}`);
    const note = page.locator('[data-listen-note]');
    await note.waitFor({ state: 'visible' });
    expect(await page.locator('div[data-listen]').isVisible()).toBe(false);
    expect(await note.textContent()).toContain('text-to-speech');
    await page.evaluate(axeSource);
    expect(await page.evaluate(async () => ((await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations as any[]).map((v) => `${v.id}: ${v.nodes[0]?.target}`))).toEqual([]);
    await note.locator('[data-listen-note-close]').click();
    expect(await note.isVisible()).toBe(false);
    await page.goto(`${server.url}/km/checks/before-you-go/`);
    await page.waitForFunction(() => document.documentElement.dataset.listenVoice === 'no');
    expect(await page.locator('[data-listen-note]').isVisible()).toBe(false);
    expect(await page.locator('div[data-listen]').isVisible()).toBe(false);
    // Presenter mode does not offer "read this slide aloud" either.
    await page.goto(`${server.url}/km/present/safe-migration/`);
    await page.locator('.deck-menu summary').click();
    await page.waitForFunction(() => document.documentElement.dataset.listenVoice === 'no');
    expect(await page.locator('[data-read-slide]').isVisible()).toBe(false);
    // The English pages have their voice.
    await page.goto(`${server.url}/en${ARTICLE}`);
    await page.locator('[data-listen-start]').waitFor({ state: 'visible' });
    await context.close();
  });
});

describe('presenter mode: read this slide aloud', () => {
  it('reads the slide on screen, and stops when the slide changes', async () => {
    const { page } = voiced;
    await page.goto(`${server.url}/km/present/safe-migration/#2`);
    await page.locator('.deck-menu summary').click();
    const read = page.locator('[data-read-slide]');
    await read.waitFor({ state: 'visible' });
    await read.click();
    await page.waitForFunction(() => (window as any).__spoken.length >= 1);
    expect((await said(page))[0]).toBe((await page.locator('.slide:not([hidden]) .slide-title').textContent())?.trim());
    // Highlighted on the slide, where the room can follow it.
    expect((await highlighted(page))?.trim()).toBe((await said(page))[0]);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.slide:not([hidden]) .slide-title')!, '::highlight(sj-listen)').backgroundColor)).toBe('rgb(255, 224, 138)');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (window as any).__spoken.at(-1)?.cancel === true);
    const n = (await spoken(page)).length;
    await page.waitForTimeout(300);
    expect((await spoken(page)).length).toBe(n);
  });
});

describe('recording', () => {
  it('an article with the sample recording shows the player, its size, that it is a sample, and saves it only when asked', async () => {
    const { page } = voiced;
    const audioRequests: string[] = [];
    const onRequest = (r: { url(): string }) => { if (r.url().includes('/audio/')) audioRequests.push(r.url()); };
    page.on('request', onRequest);
    await page.goto(`${server.url}/km${ARTICLE}`);
    const box = page.locator('[data-recording]');
    expect(await box.locator('audio[controls][preload="none"] source').getAttribute('src')).toBe('/audio/km/sample-tone.opus');
    expect(await box.locator('[data-recording-size]').textContent()).toBe('ទំហំ៖ ៥ KB');
    expect(await box.locator('[data-recording-sample]').isVisible()).toBe(true);
    // Nothing downloaded until asked.
    const save = box.locator('[data-recording-save]');
    await save.waitFor({ state: 'visible' });
    expect(audioRequests).toEqual([]);
    expect(await save.textContent()).toContain('៥ KB');
    expect(await page.evaluate(() => caches.has('sj-recordings'))).toBe(false);
    await save.click();
    await box.locator('[data-recording-remove]').waitFor({ state: 'visible' });
    expect(await box.locator('[data-recording-status]').textContent()).toBe('បានរក្សាទុកនៅលើទូរស័ព្ទនេះហើយ។');
    const cached = await page.evaluate(async () => (await (await caches.match('/audio/km/sample-tone.opus', { cacheName: 'sj-recordings' }))?.arrayBuffer())?.byteLength);
    expect(cached).toBe(readFileSync(new URL('../../content/audio/km/sample-tone.opus', import.meta.url)).length);
    // The file as the server sends it plays in this browser to its end (about 2.35 s of tones; muted and fast here).
    const played = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const audio = document.querySelector('audio')!;
      audio.muted = true;
      audio.addEventListener('ended', () => resolve(audio.currentTime), { once: true });
      audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
      void audio.play().then(() => { audio.playbackRate = 4; }, reject);
    }));
    expect(played).toBeGreaterThan(2);
    expect(played).toBeLessThan(3);
    await box.locator('[data-recording-remove]').click();
    await save.waitFor({ state: 'visible' });
    expect(await page.evaluate(async () => !!(await caches.match('/audio/km/sample-tone.opus', { cacheName: 'sj-recordings' })))).toBe(false);
    page.off('request', onRequest);
  });

  it('a deck with a recording offers it in the menu; once saved, it plays with the network off (from the service worker)', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/en/present/child-labour/`);
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      await page.reload(); // now controlled by the worker
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      await page.click('.deck-menu summary');
      const box = page.locator('.deck-menu [data-recording]');
      await box.waitFor();
      expect(await box.locator('audio source').getAttribute('src')).toBe('/audio/en/sample-tone.opus');
      expect(await box.locator('[data-recording-sample]').isVisible()).toBe(true);
      await box.locator('[data-recording-save]').click();
      await box.locator('[data-recording-remove]').waitFor({ state: 'visible' });
      await context.setOffline(true);
      const played = await page.evaluate(() => new Promise<number>((resolve, reject) => {
        const audio = document.querySelector<HTMLAudioElement>('.deck-menu audio')!;
        audio.muted = true;
        audio.addEventListener('ended', () => resolve(audio.currentTime), { once: true });
        audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)), { once: true });
        void audio.play().then(() => { audio.playbackRate = 4; }, reject);
      }));
      expect(played).toBeGreaterThan(2);
      await page.evaluate(axeSource);
      expect(await page.evaluate(async () => ((await (window as any).axe.run()).violations as any[]).map((v) => v.id))).toEqual([]);
      await page.screenshot({ path: 'docs/screenshots/deck-recording-en.png' });
      // Quick exit forgets it: a saved recording names a subject she chose.
      await context.setOffline(false);
      await context.route(`${NEUTRAL}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Neutral</title><p>Weather</p>' }));
      await page.keyboard.press('Escape');
      await page.click('[data-quick-exit]');
      await page.waitForURL(NEUTRAL);
      await page.goto(`${server.url}/en/`);
      await expect.poll(() => page.evaluate(() => caches.has('sj-recordings')), { timeout: 10_000 }).toBe(false);
    } finally {
      await context.close();
    }
  });
});

describe('share', () => {
  it('uses the phone\'s share sheet with the title and address, else copies the address', async () => {
    const { page } = voiced;
    await page.goto(`${server.url}/en${ARTICLE}#rights`);
    await page.evaluate(() => {
      (window as any).__shared = [];
      Object.defineProperty(navigator, 'share', { value: async (data: unknown) => { (window as any).__shared.push(data); }, configurable: true });
    });
    const share = page.locator('[data-share-button]');
    await share.click();
    expect(await page.evaluate(() => (window as any).__shared)).toEqual([{ title: await page.locator('h1').textContent(), url: `${server.url}/en${ARTICLE}` }]);
    // No Web Share (a desktop browser): the address is copied.
    await page.evaluate(() => { Object.defineProperty(navigator, 'share', { value: undefined, configurable: true }); });
    await share.click();
    await page.locator('[data-share-status]').filter({ hasText: 'copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/en${ARTICLE}`);
  });
});

describe('the article\'s JavaScript', () => {
  it('stays within 6 KB before load; the reader comes after', async () => {
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    const scripts: { url: string; bytes: number; start: number }[] = [];
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const sizes = await request.sizes();
      scripts.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, start: request.timing().startTime });
    });
    await page.goto(`${server.url}/km${ARTICLE}`, { waitUntil: 'load' });
    const loadAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0]!.toJSON().loadEventStart);
    await page.waitForTimeout(1500);
    const before = scripts.filter((s) => s.start <= loadAt);
    const after = scripts.filter((s) => s.start > loadAt);
    const total = before.reduce((n, s) => n + s.bytes, 0);
    expect(total, before.map((s) => `${s.url} ${s.bytes}`).join('\n')).toBeLessThanOrEqual(6 * 1024);
    expect(before.some((s) => /\/listen\.|readAloud/.test(s.url))).toBe(false);
    expect(after.some((s) => /\/listen\./.test(s.url))).toBe(true);
    await context.close();
  });
});
