/** The partner inbox in Chromium: sign in, see a new request, acknowledge it, sign out; screenshots for people to look at. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { projectRoot } from '../support/content';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = `${projectRoot}/docs/screenshots`;
let server: Awaited<ReturnType<typeof startServer>>;
let reference = '';

beforeAll(async () => {
  server = await startServer();
  await promisify(execFile)(process.execPath, ['dist/server/partner-cli.mjs', 'add-user', '--org', 'sample-child-protection', '--email', 'worker@childprotection.example.org'], {
    cwd: projectRoot, env: { ...process.env, SQLITE_FILE: server.sqliteFile, PARTNER_PASSWORD: 'a long enough passphrase' },
  });
  const response = await fetch(`${server.url}/api/intake`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), locale: 'km', topic: 'exploitation', province: 'KH-17', under18: true, phone: '០៩៧ ១២៣ ៤៥៦៧', consent: true, name: 'ស្រីល័ក្ខ', callTime: 'ក្រោយម៉ោង ៥ ល្ងាច', discreet: true, message: 'មានមនុស្សពេញវ័យម្នាក់ស្នើឱ្យខ្ញុំទៅជាមួយគាត់ទៅភ្នំពេញ។' }),
  });
  reference = ((await response.json()) as { reference: string }).reference;
});
afterAll(async () => server?.stop());

describe('partner inbox', () => {
  it.each(['km', 'en'])('signs in, sees the new request, acknowledges it, signs out (%s)', async (locale) => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ...PHONE });
      await context.addCookies([{ name: 'lang', value: locale, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/partner/`);
      expect(new URL(page.url()).pathname).toBe('/partner/login');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      await page.fill('#email', 'worker@childprotection.example.org');
      await page.fill('#password', 'a long enough passphrase');
      await Promise.all([page.waitForURL(`${server.url}/partner/`), page.click('button[type=submit]')]);
      const card = page.locator('.card', { hasText: reference });
      await card.waitFor();
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: `${shots}/partner-inbox-${locale}.png` });
      await page.evaluate(axeSource);
      expect(await page.evaluate(async () => ((await (window as any).axe.run()).violations as any[]).map((v) => v.id))).toEqual([]);

      await card.locator('a').click();
      await page.waitForSelector('h1');
      expect(await page.textContent('h1')).toBe(reference);
      expect(await page.textContent('.case')).toContain('+855971234567');
      await page.screenshot({ path: `${shots}/partner-request-${locale}.png`, fullPage: true });
      if (locale === 'km') {
        // A confirmation before anything changes: the action opens, then is confirmed.
        await page.locator('details.action summary').first().click();
        await Promise.all([page.waitForLoadState('load'), page.locator('details.action[open] button[type=submit]').click()]);
        expect(await page.textContent('.case')).toContain('បានទទួលស្គាល់');
        expect(await page.textContent('.history')).toContain('បានទទួលស្គាល់');
        // The audit in Khmer words: who (an e-mail), what (no codes), when (Phnom Penh time, Khmer digits).
        await page.goto(`${server.url}/partner/audit`);
        const audit = (await page.textContent('.history')) ?? '';
        expect(audit).toContain('worker@childprotection.example.org');
        expect(audit).not.toMatch(/status:|call:|\bview\b|\blist\b|PM|AM/);
        expect(audit).toMatch(/ម៉ោង [០-៩]{2}:[០-៩]{2}/);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width); // a long e-mail wraps
        await page.screenshot({ path: `${shots}/partner-audit-km.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: `${shots}/partner-audit-km-laptop.png` });
        await page.setViewportSize(PHONE.viewport);
      }
      await Promise.all([page.waitForURL(`${server.url}/partner/login`), page.click('.partner-nav button')]);
      await page.goto(`${server.url}/partner/`);
      expect(new URL(page.url()).pathname).toBe('/partner/login');
      // The language switch works on the sign-in page.
      await Promise.all([page.waitForLoadState('load'), page.click('.lang-switch')]);
      expect(new URL(page.url()).pathname).toBe('/partner/login');
      expect(await page.getAttribute('html', 'lang')).toBe(locale === 'km' ? 'en' : 'km');
    } finally {
      await browser.close();
    }
  });
});
