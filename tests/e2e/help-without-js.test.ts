/**
 * The request form on a phone with no JavaScript (a feature phone, a proxy
 * browser, a script that failed to load), in Khmer and English: it is a real
 * form that posts to the server; the answer is the reference and what happens
 * next, or the error summary with what was typed kept; the same post twice is
 * one request. Screenshots of both answers in docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { projectRoot } from '../support/content';
import { REFERENCE_PATTERN } from '../../src/domain/reference';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const shots = join(projectRoot, 'docs/screenshots');

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'info', RUN_WORKER: '0' } });
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const noScript = () => browser.newContext({ ...PHONE, javaScriptEnabled: false });

describe.each(['km', 'en'] as const)('the help form without JavaScript in %s', (lang) => {
  it('sends a request and shows its reference; sending it again makes no second request', async () => {
    const context = await noScript();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') requests.push(r.url()); });
    const fillAndSend = async () => {
      await page.goto(`${server.url}/${lang}/help/`);
      await page.check('#topic-migration');
      await page.selectOption('#intake-province', 'KH-12');
      await page.check('#under18-no');
      await page.fill('#intake-phone', '012 345 678');
      await page.fill('#intake-name', lang === 'km' ? 'សុខា' : 'Sokha');
      await page.check('#intake-consent');
      await page.click('#intake-form button[type=submit]');
      await page.waitForLoadState('load');
    };
    const created = server.events.filter((e: { event: string }) => e.event === 'intake.created').length;
    await fillAndSend();
    const reference = (await page.textContent('.reference'))?.trim() ?? '';
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(page.url()).toBe(`${server.url}/${lang}/help/`); // posted to the page itself: nothing personal in the address
    await page.screenshot({ path: join(shots, `help-nojs-sent-${lang}.png`), fullPage: true });
    expect(server.events.filter((e: { event: string }) => e.event === 'intake.created').length).toBe(created + 1);

    // Unsure it went, the person fills in the same answers and sends again: one request, the same reference.
    await fillAndSend();
    expect((await page.textContent('.reference'))?.trim()).toBe(reference);
    expect(server.events.filter((e: { event: string }) => e.event === 'intake.created').length).toBe(created + 1);
    expect(requests).toEqual([]); // no script ran or loaded
    await context.close();
  });

  it('answers a mistake with the error summary, keeping what was typed', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${server.url}/${lang}/help/`);
    await page.check('#topic-trafficking');
    await page.fill('#intake-phone', '123');
    await page.fill('#intake-message', lang === 'km' ? 'ខ្ញុំត្រូវការជំនួយ' : 'I need help');
    const response = await Promise.all([page.waitForNavigation(), page.click('#intake-form button[type=submit]')]).then(([r]) => r);
    expect(response?.status()).toBe(422);
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.count()).toBe(1);
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#intake-province', '#under18-yes', '#intake-phone', '#intake-consent']);
    expect(await page.inputValue('#intake-phone')).toBe('123');
    expect(await page.inputValue('#intake-message')).toBe(lang === 'km' ? 'ខ្ញុំត្រូវការជំនួយ' : 'I need help');
    expect(await page.isChecked('#topic-trafficking')).toBe(true);
    await page.screenshot({ path: join(shots, `help-nojs-errors-${lang}.png`), fullPage: false });
    await context.close();
  });
});
