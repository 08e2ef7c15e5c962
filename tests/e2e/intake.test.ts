/**
 * The request-for-contact form in Chromium: filled in Khmer, the error summary
 * for a bad phone number (what was typed kept), a reference online, a request
 * written offline that survives closing the browser and is delivered exactly
 * once when the connection returns, a permanent refusal that shows the
 * rejected panel and blocks nothing, a 429 whose Retry-After is waited out,
 * and Background Sync sending the queue with every page closed.
 * What the server received is counted from its log lines (LOG_LEVEL=info):
 * one `intake.created` per stored request, one `intake.replayed` per repeat.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchPersistent, PHONE } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { REFERENCE_PATTERN } from '../../src/domain/reference';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ env: { LOG_LEVEL: 'info' } });
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

/** POSTs of this id the server stored (`created`) or answered again (`replayed`). */
const received = (id: string) => ({
  created: server.events.filter((e) => e.event === 'intake.created' && e.id === id).length,
  replayed: server.events.filter((e) => e.event === 'intake.replayed' && e.id === id).length,
});

/** The queue as the page's IndexedDB holds it (read here only to inspect it). */
const queueItems = (page: Page) => page.evaluate(() => new Promise<Record<string, unknown>[]>((resolve, reject) => {
  const open = indexedDB.open('sj-queue');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => { const all = open.result.transaction('requests').objectStore('requests').getAll(); all.onsuccess = () => { open.result.close(); resolve(all.result); }; };
}));

async function fillEnglish(page: Page, phone: string) {
  await page.check('#topic-migration');
  await page.selectOption('#intake-province', 'KH-14');
  await page.check('#under18-no');
  await page.fill('#intake-phone', phone);
  await page.check('#intake-consent');
}

/** A phone with a real profile (a service worker that survives), on /en/help/ with English saved for offline use. */
async function savedPhone(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await launchPersistent(profile, { ...PHONE, locale: 'en-GB' });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/en/help/`);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  return { context, page };
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
      expect(await summary.locator('a').allTextContents()).toEqual(["សូមបញ្ចូលលេខទូរស័ព្ទកម្ពុជា ៩ ឬ ១០ ខ្ទង់ តាមទម្រង់ 0XX XXX XXX"]);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect(await page.inputValue('#intake-phone')).toBe('១២៣៤៥');
      expect(await page.inputValue('#intake-name')).toBe('សុខា');
      expect(await page.textContent('#intake-phone-error')).toContain("សូមបញ្ចូលលេខទូរស័ព្ទកម្ពុជា ៩ ឬ ១០ ខ្ទង់ តាមទម្រង់ 0XX XXX XXX");
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
      const kept = await queueItems(page);
      expect(JSON.stringify(kept)).not.toMatch(/សុខា|៣៤៥|ថៃ|12345678/);
      expect(JSON.stringify(kept)).toContain(code);
      expect(received(kept[0]!.id as string)).toEqual({ created: 1, replayed: 0 });
    } finally {
      await browser.close();
    }
  });

  it('saves a request written offline, keeps it through a browser restart, and delivers it once back online', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sj-intake-profile-'));
    let context: BrowserContext | undefined;
    try {
      let page: Page;
      ({ context, page } = await savedPhone(profile));
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('astro-island:not([ssr])');
      await fillEnglish(page, '097 123 4567');
      await page.click('.intake-form button[type=submit]');
      await page.locator('.panel-queued').waitFor();
      expect(await page.textContent('.panel-queued h2')).toBe('Saved on this phone');
      const [queued] = await queueItems(page);
      const id = queued!.id as string;
      expect(received(id)).toEqual({ created: 0, replayed: 0 });
      await context.close();

      // Later: the browser opens again, with a connection.
      context = await launchPersistent(profile, { ...PHONE, locale: 'en-GB' });
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/en/`);
      await expect.poll(() => received(id).created, { timeout: 20_000 }).toBe(1);
      // A new browser session is not the tab that queued it: the next person on the phone is not told it was sent.
      await page.waitForTimeout(1000);
      expect(await page.innerText('body')).not.toMatch(/request for contact (was|has been) sent/i);
      // Reloading, going offline and coming back does not send it again: the server saw one POST of it.
      await page.reload();
      await context.setOffline(true);
      await context.setOffline(false);
      await page.goto(`${server.url}/en/help/`);
      await page.waitForTimeout(2500);
      expect(received(id)).toEqual({ created: 1, replayed: 0 });
      expect(rows().filter((r) => r.phone === '+855971234567')).toHaveLength(1);
    } finally {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('shows the plain rejected panel when the server refuses a request for good, and the next request goes through', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ ...PHONE, locale: 'en-GB' });
      const page = await context.newPage();
      // The form checks what the server checks, so the refusal is made on the way: consent removed, the real server answers 422.
      let refused: string | undefined;
      await context.route('**/api/intake', async (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as { id: string; consent?: boolean };
        refused = body.id;
        await route.continue({ postData: JSON.stringify({ ...body, consent: false }) });
      }, { times: 1 });
      await page.goto(`${server.url}/en/help/`);
      await page.waitForSelector('astro-island:not([ssr])');
      await fillEnglish(page, '097 765 4321');
      await page.click('.intake-form button[type=submit]');
      const panel = page.locator('.panel-rejected');
      await panel.waitFor();
      expect(await panel.locator('h2').textContent()).toBe('Your request could not be sent');
      expect(await panel.locator('p').allTextContents()).toEqual(['Please check the form and try again, or call a hotline.']);
      expect(await page.locator('.reference, .panel-queued, .panel-success').count()).toBe(0);
      expect(received(refused!)).toEqual({ created: 0, replayed: 0 });
      // Set aside, with nothing the person wrote.
      const [item] = await queueItems(page);
      expect(item).toMatchObject({ id: refused, status: 'rejected', rejection: { status: 422 } });
      expect(JSON.stringify(item)).not.toMatch(/097|7654321|KH-14/);

      await page.goto(`${server.url}/en/help/`);
      await page.waitForSelector('astro-island:not([ssr])');
      await fillEnglish(page, '097 765 4321');
      await page.click('.intake-form button[type=submit]');
      expect(await page.locator('.reference').textContent()).toMatch(REFERENCE_PATTERN);
      const sent = (await queueItems(page)).find((i) => i.status === 'sent')!;
      expect(received(sent.id as string)).toEqual({ created: 1, replayed: 0 });
      expect(received(refused!)).toEqual({ created: 0, replayed: 0 });
    } finally {
      await browser.close();
    }
  });

  it('after a 429, waits at least its Retry-After before trying again, then sends it once', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sj-intake-profile-'));
    let context: BrowserContext | undefined;
    try {
      let page: Page;
      ({ context, page } = await savedPhone(profile));
      let refusedAt = 0;
      // Routed on the context: the service worker's requests (Background Sync) go through it too.
      await context.route('**/api/intake', async (route) => {
        refusedAt = Date.now();
        await route.fulfill({ status: 429, headers: { 'Retry-After': '4' }, contentType: 'application/json', body: '{"error":"too many requests"}' });
      }, { times: 1 });
      await fillEnglish(page, '097 111 2222');
      await page.click('.intake-form button[type=submit]');
      await page.locator('.panel-queued').waitFor();
      const [item] = await queueItems(page);
      const id = item!.id as string;
      await expect.poll(() => received(id).created, { timeout: 20_000 }).toBe(1);
      const storedAt = Date.parse(server.events.find((e) => e.event === 'intake.created' && e.id === id)!.time as string);
      expect(storedAt - refusedAt).toBeGreaterThanOrEqual(4000);
      await page.waitForTimeout(1500);
      expect(received(id)).toEqual({ created: 1, replayed: 0 });
    } finally {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('registers Background Sync for a request written offline, and the service worker sends it with every page closed', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sj-intake-profile-'));
    let context: BrowserContext | undefined;
    try {
      let page: Page;
      ({ context, page } = await savedPhone(profile));
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('astro-island:not([ssr])');
      await fillEnglish(page, '097 333 4444');
      await page.click('.intake-form button[type=submit]');
      await page.locator('.panel-queued').waitFor();
      expect(await page.evaluate(async () => {
        const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } };
        return registration.sync.getTags();
      })).toEqual(['sj-queue']);
      const [item] = await queueItems(page);
      const id = item!.id as string;

      // No page of the site is left to send it: only the service worker can.
      // (Playwright's request events may miss a worker the browser starts for the sync, so the proof is that no page is left.)
      const blank = await context.newPage();
      await page.close();
      expect(context.pages().map((p) => p.url())).toEqual(['about:blank']);
      await context.setOffline(false); // Chromium fires the sync when the connection returns
      await expect.poll(() => received(id).created, { timeout: 20_000 }).toBe(1);
      await blank.waitForTimeout(1500);
      expect(received(id)).toEqual({ created: 1, replayed: 0 });
    } finally {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
