/**
 * The review of the Khmer text in Chromium, in Khmer, on a phone (360×740) and
 * a laptop (1280×800): the list, "correct", a proposal with a note, the page
 * fits the phone's width, no axe violations; screenshots for people to look at.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { contentFixture, projectRoot } from '../support/content';
import km from '../../content/ui/km.json';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = `${projectRoot}/docs/screenshots`;
const distDir = process.env.TEST_DIST_DIR || `${projectRoot}/dist`;
const EMAIL = 'reader@coast.example.org';
const PASSWORD = 'a long enough passphrase';
const content = contentFixture();
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ env: { CONTENT_DIR: content, RUN_WORKER: '0' } });
  const cli = (args: string[]) => promisify(execFile)(process.execPath, [`${distDir}/server/partner-cli.mjs`, ...args], {
    cwd: projectRoot, env: { ...process.env, SQLITE_FILE: server.sqliteFile, CONTENT_DIR: content, PARTNER_PASSWORD: PASSWORD },
  });
  await cli(['add-user', '--org', 'sample-coast', '--email', EMAIL]);
  await cli(['grant-reviewer', '--email', EMAIL]);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dirname(content), { recursive: true, force: true });
});

describe('review of the Khmer text in a browser', () => {
  it('on a phone and a laptop, in Khmer: the list, "correct", a proposal with a note', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ...PHONE });
      await context.addCookies([{ name: 'lang', value: 'km', url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/partner/login`);
      await page.fill('#email', EMAIL);
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(`${server.url}/partner/`), page.click('button[type=submit]')]);
      await Promise.all([page.waitForURL(`${server.url}/partner/review/`), page.click(`.partner-nav a[href="/partner/review/"]`)]);
      expect(await page.getAttribute('html', 'lang')).toBe('km');
      expect(await page.textContent('h1')).toBe(km.review.title);
      mkdirSync(shots, { recursive: true });

      await Promise.all([page.waitForURL(/\/partner\/review\/topics\/before-you-go\/$/), page.click('a[href="/partner/review/topics/before-you-go/"]')]);
      // "Correct" on the first three paragraphs, as a reviewer would.
      for (let i = 0; i < 3; i += 1) {
        await Promise.all([page.waitForLoadState('load'), page.locator('li.para.open button[type=submit]', { hasText: km.review.correct }).first().click()]);
      }
      expect(await page.locator('li.para.approved').count()).toBe(3);
      // A proposal with a note on the next paragraph (not a heading or a list item): the same text, a word changed.
      const para = page.locator('li.para.open', { has: page.locator('h2', { hasText: new RegExp(`^${km.review.kinds.p}$`) }) }).first();
      await para.locator('summary').click();
      const textarea = para.locator('textarea');
      const current = await textarea.inputValue();
      const proposal = current.includes('ត្រូវសួរ') ? current.replace('ត្រូវសួរ', 'សូមសួរ') : `${current} (កែ)`;
      await textarea.fill(proposal);
      await para.locator('input[name=note]').fill('«សូម» ស្តាប់ទៅទន់ភ្លន់ជាង');
      const id = await para.getAttribute('id');
      await Promise.all([page.waitForLoadState('load'), para.locator('form.propose button[type=submit]').click()]);
      expect(await page.locator(`#${id}`).getAttribute('class')).toContain('proposed');
      expect(await page.locator(`#${id} .note`).textContent()).toBe('«សូម» ស្តាប់ទៅទន់ភ្លន់ជាង');
      expect(await page.locator(`#${id} .proposal`).textContent()).toBe(proposal);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
      await page.evaluate(axeSource);
      expect(await page.evaluate(async () => ((await (window as any).axe.run()).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`))).toEqual([]);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/review-page-km.png` });
      // The next paragraph, with its proposal form open.
      const next = page.locator('li.para.open').nth(1);
      await next.locator('summary').click();
      await next.scrollIntoViewIfNeeded();
      await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView({ block: 'start' }), `#${await next.getAttribute('id')}`);
      await page.screenshot({ path: `${shots}/review-propose-km.png` });

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${shots}/review-page-km-laptop.png` });
      await page.evaluate((sel) => document.querySelector(sel)!.scrollIntoView({ block: 'center' }), `#${id}`);
      await page.screenshot({ path: `${shots}/review-proposal-km-laptop.png` });
      await page.goto(`${server.url}/partner/review/`);
      await page.screenshot({ path: `${shots}/review-list-km-laptop.png` });
      await page.setViewportSize(PHONE.viewport);
      await page.screenshot({ path: `${shots}/review-list-km.png` });
      await page.evaluate(axeSource);
      expect(await page.evaluate(async () => ((await (window as any).axe.run()).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
