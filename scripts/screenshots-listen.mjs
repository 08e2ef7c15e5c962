#!/usr/bin/env node
// Screenshots for issue 19 on a phone (360×740), for people to look at: docs/screenshots/.
//   listen-reading-<lang>.png   an article being read aloud: the sentence highlighted, the controls at the bottom
//   listen-no-voice-km.png      the note on adding a Khmer voice (a phone without one)
//   recording-<lang>.png        the article with the sample recording
//   present-read-slide-km.png   presenter mode reading a slide aloud
//   guide-<lang>.png, guide-<lang>-hotlines.png   the guide file opened from the phone's files (file://, offline)
// Headless Chromium has no voices: a stand-in speechSynthesis "speaks" until told the sentence is over.
// Uses the build in TEST_DIST_DIR (else dist/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, PHONE } from '../tests/support/chromium.mjs';
import { startServer } from '../tests/support/server.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.TEST_DIST_DIR || join(root, 'dist');
const out = join(root, 'docs/screenshots/');
mkdirSync(out, { recursive: true });

function fakeSpeech(voices) {
  let current = null;
  const engine = new (class extends EventTarget {
    getVoices() { return voices; }
    speak(u) { current = u; }
    cancel() { current = null; }
    pause() {}
    resume() {}
  })();
  window.__endUtterance = () => { const u = current; current = null; u?.onend?.(new Event('end')); };
  Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: class extends EventTarget { constructor(text) { super(); this.text = text; } }, configurable: true });
}
const VOICES = [{ lang: 'km-KH', name: 'Khmer', localService: true, default: false }, { lang: 'en-US', name: 'English', localService: true, default: true }];

const server = await startServer({ outDir: dist });
const browser = await launchChromium();
const shot = async (page, name) => {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${out}${name}.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log(`${name}: ${overflow > 0 ? `OVERFLOWS by ${overflow}px` : 'no horizontal overflow'}`);
};
try {
  for (const locale of ['km', 'en']) {
    const context = await browser.newContext({ ...PHONE, locale: locale === 'km' ? 'km-KH' : 'en-GB' });
    await context.addInitScript(fakeSpeech, VOICES);
    const page = await context.newPage();
    // A phone that has saved the site already, as most will have: no offline bar over the page.
    await page.goto(`${server.url}/${locale}/`);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60_000 });
    await page.goto(`${server.url}/${locale}/child-labour/childrens-rights-at-work/`, { waitUntil: 'networkidle' });
    await page.locator('[data-listen-start]').waitFor({ state: 'visible' });
    await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-recording]').getBoundingClientRect().top + window.scrollY - 90));
    await shot(page, `recording-${locale}`);
    await page.locator('[data-listen-start]').click();
    for (let i = 0; i < 3; i++) { await page.evaluate(() => window.__endUtterance()); await page.waitForTimeout(400); }
    await page.waitForTimeout(700); // the reader scrolls the sentence into view
    await shot(page, `listen-reading-${locale}`);
    await context.close();

    const file = await browser.newContext({ ...PHONE, offline: true });
    const guide = await file.newPage();
    await guide.goto(pathToFileURL(join(dist, 'client', locale, 'guide.html')).href);
    await shot(guide, `guide-${locale}`);
    await guide.locator('nav.toc a[href="#hotlines"]').click();
    await shot(guide, `guide-${locale}-hotlines`);
    await file.close();
  }

  const noVoice = await browser.newContext({ ...PHONE, locale: 'km-KH', serviceWorkers: 'block' });
  await noVoice.addInitScript(fakeSpeech, [VOICES[1]]);
  const page = await noVoice.newPage();
  await page.goto(`${server.url}/km/safe-migration/before-you-go/`, { waitUntil: 'networkidle' });
  await page.locator('[data-listen-note]').waitFor({ state: 'visible' });
  await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-listen-note]').getBoundingClientRect().top + window.scrollY - 200));
  await shot(page, 'listen-no-voice-km');
  await noVoice.close();

  const present = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await present.addInitScript(fakeSpeech, VOICES);
  const deck = await present.newPage();
  await deck.goto(`${server.url}/km/present/safe-migration/#3`, { waitUntil: 'networkidle' });
  await deck.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60_000 }).catch(() => {});
  // Through the DOM: the offline bar (presenter.ts's business) can lie over the menu button here.
  await deck.locator('.deck-menu summary').dispatchEvent('click');
  await deck.locator('[data-read-slide]').dispatchEvent('click');
  await deck.evaluate(() => window.__endUtterance());
  await deck.mouse.move(640, 300); // the controls come back, as they do for the volunteer
  await deck.waitForTimeout(300);
  await shot(deck, 'present-read-slide-km');
  await present.close();
} finally {
  await browser.close();
  await server.stop();
}
