/** The self-checks in Chromium: the job-offer check names warning signs with links; the checklist keeps ticks across a reload and loses them on quick exit. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
beforeAll(async () => { server = await startServer(); browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); await server?.stop(); });

describe('self-checks', () => {
  it.each(['km', 'en'])('the job-offer check names the warning signs found, with links (%s)', async (locale) => {
    const page = await (await browser.newContext({ ...PHONE })).newPage();
    await page.goto(`${server.url}/${locale}/checks/job-offer/`);
    await page.waitForSelector('astro-island:not([ssr])');
    await page.check('input[name="fee-before-leaving"][value="yes"]');
    await page.check('input[name="passport-kept-by-others"][value="yes"]');
    await page.check('input[name="written-contract"][value="yes"]'); // a contract: not a warning sign
    await page.click('.self-check button[type=submit]');
    const result = page.locator('.check-result');
    await result.waitFor();
    expect(await result.locator('.signs li').count()).toBe(2);
    expect(await result.locator('.signs a').first().getAttribute('href')).toBe(`/${locale}/safe-migration/agencies-and-brokers/`);
    expect(await result.locator('a[href^="tel:"]').count()).toBeGreaterThanOrEqual(2);
    expect(await result.textContent()).not.toMatch(/\bsafe\b/i);
    await page.evaluate(axeSource);
    expect(await page.evaluate(async () => ((await (window as any).axe.run()).violations as any[]).map((v) => v.id))).toEqual([]);
    await page.screenshot({ path: `docs/screenshots/check-job-offer-${locale}.png` });
  });

  it('answers "fewer warning signs" with what still to check, never "safe"', async () => {
    const page = await (await browser.newContext({ ...PHONE })).newPage();
    await page.goto(`${server.url}/en/checks/job-offer/`);
    await page.waitForSelector('astro-island:not([ssr])');
    // Every question given the answer that is not a warning sign (nothing answered would ask for answers first).
    const questions = [...readFileSync('content/selfchecks/job-offer.yaml', 'utf8').matchAll(/- id: "([^"]+)"\n\s+warnIf: "(yes|no)"/g)];
    expect(questions.length).toBeGreaterThan(5);
    for (const [, id, warnIf] of questions) await page.check(`input[name="${id}"][value="${warnIf === 'yes' ? 'no' : 'yes'}"]`);
    await page.click('.self-check button[type=submit]');
    const text = await page.locator('.check-result').textContent();
    expect(text).toContain('Fewer warning signs');
    expect(text).toContain('does not mean the offer is safe');
  });

  it.each(['km', 'en'])('the checklist keeps ticks across a reload and loses them on quick exit (%s)', async (locale) => {
    const context = await browser.newContext({ ...PHONE });
    await context.route('https://www.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: 'neutral' }));
    const page = await context.newPage();
    await page.goto(`${server.url}/${locale}/checks/before-you-go/`);
    await page.waitForSelector('astro-island:not([ssr])');
    const boxes = page.locator('.checklist input[type=checkbox]');
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])');
    await expect.poll(() => boxes.nth(2).isChecked()).toBe(true);
    expect(await boxes.nth(0).isChecked()).toBe(true);
    expect(await boxes.nth(1).isChecked()).toBe(false);
    await page.screenshot({ path: `docs/screenshots/check-before-you-go-${locale}.png` });
    await page.click('#quick-exit');
    await page.waitForURL('https://www.google.com/');
    await page.goto(`${server.url}/${locale}/checks/before-you-go/`);
    await page.waitForSelector('astro-island:not([ssr])');
    expect(await page.evaluate(() => localStorage.getItem('sj-before-you-go'))).toBeNull();
    expect(await boxes.nth(0).isChecked()).toBe(false);
    await context.close();
  });
});
