/**
 * Presenter mode on paper, as Chromium prints it (page.pdf, A4): the handout
 * of every deck in both languages is exactly one page with a QR code at least
 * 25 mm wide; the hotline cards are one page of eight, each with its QR code
 * at least 20 mm wide, inside the card's border, with a quiet zone of four
 * modules that no text or border enters, and nothing cut off.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const DECKS = ['safe-migration', 'trafficking-signs', 'child-labour', 'getting-help'];
const LOCALES = ['km', 'en'];
const SHOTS = 'docs/screenshots';
const MM = 96 / 25.4; // CSS px in a millimetre
/** A4 less the 12 mm margins of the print style sheet, in CSS px: the width the printed page is laid out in. */
const A4_CONTENT = { width: Math.floor((210 - 24) * MM), height: Math.floor((297 - 24) * MM) };
/** The standard's quiet zone around a QR code, in modules. */
const QUIET_MODULES = 4;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Pages in a PDF from Chromium: the page tree's /Count. */
function pdfPages(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  expect(counts.length).toBeGreaterThan(0);
  return Math.max(...counts);
}

async function print(path: string): Promise<Buffer> {
  await page.emulateMedia({ media: null }); // not 'screen': page.pdf() would then print the screen's styles
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${server.url}${path}`);
  await page.locator('[data-qr] svg').first().waitFor({ state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  // The same layout on screen, to measure: print media at the printed width.
  await page.setViewportSize(A4_CONTENT);
  await page.emulateMedia({ media: 'print' });
  return pdf;
}

describe('the handout', () => {
  for (const locale of LOCALES) {
    it(`of every deck in ${locale} prints on exactly one A4 page, with a QR code at least 25 mm wide`, async () => {
      const found: Record<string, { pages: number; qrMm: number; points: number }> = {};
      for (const deck of DECKS) {
        const pdf = await print(`/${locale}/present/${deck}/`);
        const qr = (await page.locator('.handout [data-qr] svg').boundingBox())!;
        found[deck] = { pages: pdfPages(pdf), qrMm: Math.round((qr.width / MM) * 10) / 10, points: await page.locator('.handout ol > li').count() };
        expect(await page.locator('.deck').isVisible()).toBe(false);
        expect(await page.locator('.present-bar').isVisible()).toBe(false);
        if ((locale === 'en' && deck === 'getting-help') || (locale === 'km' && deck === 'safe-migration')) writeFileSync(`${SHOTS}/handout-${deck}-${locale}.pdf`, pdf);
      }
      for (const [deck, { pages, qrMm, points }] of Object.entries(found)) {
        expect({ deck, pages }).toEqual({ deck, pages: 1 });
        expect(qrMm).toBeGreaterThanOrEqual(25);
        expect(points).toBeGreaterThan(8);
      }
    });
  }
});

describe('the hotline cards', () => {
  for (const locale of LOCALES) {
    it(`(${locale}) print eight to one A4 page, each QR code ≥ 20 mm inside the border with a quiet zone, nothing cut off`, async () => {
      const pdf = await print(`/${locale}/present/hotline-card/`);
      expect(pdfPages(pdf)).toBe(1);
      writeFileSync(`${SHOTS}/hotline-cards-${locale}.pdf`, pdf);
      const cards = await page.$$eval('.hotline-card', (els) => els.map((card) => {
        const svg = card.querySelector<SVGSVGElement>('[data-qr] svg')!;
        const modules = svg.viewBox.baseVal.width; // the code's modules and its 1-module margin on each side
        const box = svg.getBoundingClientRect();
        const module = box.width / modules;
        // The dark modules: inside the SVG's own 1-module margin.
        const code = { left: box.left + module, top: box.top + module, right: box.right - module, bottom: box.bottom - module };
        const style = getComputedStyle(card);
        const outer = card.getBoundingClientRect();
        const inner = { left: outer.left + parseFloat(style.borderLeftWidth), top: outer.top + parseFloat(style.borderTopWidth), right: outer.right - parseFloat(style.borderRightWidth), bottom: outer.bottom - parseFloat(style.borderBottomWidth) };
        // White space from the code to the border and to every piece of text on the card, in modules.
        const gaps = [code.left - inner.left, code.top - inner.top, inner.right - code.right, inner.bottom - code.bottom];
        for (const text of card.querySelectorAll('.card-heading, li, .card-url')) {
          for (const r of text.getClientRects()) {
            const dx = Math.max(r.left - code.right, code.left - r.right, 0);
            const dy = Math.max(r.top - code.bottom, code.top - r.bottom, 0);
            gaps.push(Math.max(dx, dy));
          }
        }
        return {
          qrWidthPx: box.width,
          quietModules: Math.min(...gaps) / module,
          cut: card.scrollHeight > card.clientHeight || card.scrollWidth > card.clientWidth,
        };
      }));
      expect(cards).toHaveLength(8);
      for (const card of cards) {
        expect(card.qrWidthPx / MM).toBeGreaterThanOrEqual(20);
        expect(card.quietModules).toBeGreaterThanOrEqual(QUIET_MODULES);
        expect(card.cut).toBe(false);
      }
    });
  }
});
