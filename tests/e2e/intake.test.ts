/**
 * The request-for-contact form in Chromium: filled in Khmer, the error summary
 * for a bad phone number (what was typed kept), a reference online, and a
 * request written offline that survives closing the browser and is delivered
 * exactly once when the connection returns.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchPersistent, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { REFERENCE_PATTERN } from '../../src/domain/reference';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

const rows = () => {
  const db = new Database(server.sqliteFile, { readonly: true });
  try { return db.prepare('select id, reference, phone, topic, province, under18 from intake_requests').all() as Record<string, unknown>[]; } finally { db.close(); }
};

async function fillKhmer(page: Page, phone: string) {
  await page.check('#topic-trafficking');
  await page.selectOption('#intake-province', 'KH-2');
  await page.check('#under18-yes');
  await page.fill('#intake-phone', phone);
  await page.fill('#intake-name', 'សុខា');
  await page.fill('#intake-message', 'បងប្រុសខ្ញុំទៅធ្វើការនៅថៃ ហើយគេយកលិខិតឆ្លងដែនរបស់គាត់។');
  await page.check('#intake-consent');
}

async function axe(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => ((await (window as any).axe.run(document, { resultTypes: ['violations'] })).violations as any[]).map((v) => `${v.id}: ${v.nodes[0]?.target}`));
}

describe('the intake form', () => {
  it('shows the error summary in Khmer, keeps what was typed, then sends and shows a reference', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ ...PHONE, locale: 'km-KH' })).newPage();
      await page.goto(`${server.url}/km/help/`);
      await page.waitForSelector('astro-island:not([ssr])');
      await fillKhmer(page, '១២៣៤៥');
      await page.click('.intake-form button[type=submit]');
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await summary.locator('h2').textContent()).toBe('មានបញ្ហា');
      expect(await summary.locator('a').allTextContents()).toEqual(['សូមបញ្ចូលលេខទូរស័ព្ទកម្ពុជា ដូចជា 012 345 678']);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect(await page.inputValue('#intake-phone')).toBe('១២៣៤៥');
      expect(await page.inputValue('#intake-name')).toBe('សុខា');
      expect(await page.textContent('#intake-phone-error')).toContain('012 345 678');
      expect(await axe(page)).toEqual([]);
      // The link in the summary moves to the field.
      await summary.locator('a').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake-phone');

      await page.fill('#intake-phone', '០១២ ៣៤៥ ៦៧៨');
      await page.click('.intake-form button[type=submit]');
      const reference = page.locator('.reference');
      await reference.waitFor();
      const code = (await reference.textContent())!;
      expect(code).toMatch(REFERENCE_PATTERN);
      expect(await page.textContent('.panel-success')).toContain('ក្រុមការពារកុមារ (គំរូ)'); // Battambang, a child, trafficking
      expect(rows()).toContainEqual(expect.objectContaining({ reference: code, phone: '+85512345678', topic: 'trafficking', province: 'KH-2', under18: 1 }));
      // Once confirmed, nothing personal stays on the phone: only the receipt.
      const kept = await page.evaluate(() => new Promise<unknown[]>((resolve) => {
        const open = indexedDB.open('sj-queue');
        open.onsuccess = () => { const all = open.result.transaction('requests').objectStore('requests').getAll(); all.onsuccess = () => resolve(all.result); };
      }));
      expect(JSON.stringify(kept)).not.toMatch(/សុខា|៣៤៥|ថៃ|12345678/);
      expect(JSON.stringify(kept)).toContain(code);
    } finally {
      await browser.close();
    }
  });

  it('saves a request written offline, keeps it through a browser restart, and delivers it once back online', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sj-intake-profile-'));
    try {
      let context = await launchPersistent(profile, { ...PHONE, locale: 'en-GB' });
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/en/help/`);
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('astro-island:not([ssr])');
      await page.check('#topic-migration');
      await page.selectOption('#intake-province', 'KH-14');
      await page.check('#under18-no');
      await page.fill('#intake-phone', '097 123 4567');
      await page.check('#intake-consent');
      await page.click('.intake-form button[type=submit]');
      await page.locator('.panel-queued').waitFor();
      expect(await page.textContent('.panel-queued h2')).toBe('Saved on this phone');
      const before = rows().length;
      await context.close();

      // Later: the browser opens again, with a connection.
      context = await launchPersistent(profile, { ...PHONE, locale: 'en-GB' });
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/en/`);
      await expect.poll(() => rows().length, { timeout: 20_000 }).toBe(before + 1);
      await expect.poll(() => page.textContent('[data-offline-text]'), { timeout: 10_000 }).toMatch(/Your request for contact was sent\. Reference: SJ-/);
      // Reloading and reconnecting does not send it again.
      await page.reload();
      await page.waitForTimeout(1500);
      expect(rows().length).toBe(before + 1);
      expect(rows().filter((r) => r.phone === '+855971234567')).toHaveLength(1);
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
