/**
 * 100 requests written in Chromium while offline, the browser closed and opened
 * again, back online: exactly 100 stored, none sent twice. "Sent" is counted
 * from the server's log (LOG_LEVEL=info): each stored POST logs
 * `intake.created`, each repeat of one `intake.replayed`, so a request sent
 * again shows even though it adds no row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchPersistent } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';
import { readRows } from './rows';

const sqlite = { name: 'sqlite' as const, env: {}, cleanup: async () => {} };

describe('the offline queue at scale', () => {
  it('delivers 100 queued requests exactly once', async () => {
    const server = await startServer({ env: { RUN_WORKER: '0', LOG_LEVEL: 'info' } });
    const posts = (event: string) => server.events.filter((e) => e.event === event).map((e) => e.id as string);
    const profile = mkdtempSync(join(tmpdir(), 'sj-queue-'));
    try {
      let context = await launchPersistent(profile, { viewport: { width: 800, height: 900 } });
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/en/help/`);
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
      await context.setOffline(true);
      for (let i = 0; i < 100; i++) {
        await page.reload();
        await page.waitForSelector('astro-island:not([ssr])');
        await page.check('#topic-other');
        await page.selectOption('#intake-province', `KH-${(i % 25) + 1}`);
        await page.check('#under18-no');
        await page.fill('#intake-phone', `012 ${String(100 + i).padStart(3, '0')} 456`);
        await page.check('#intake-consent');
        await page.click('.intake-form button[type=submit]');
        await page.locator('.panel-queued').waitFor();
      }
      const queued = await page.evaluate(() => new Promise<string[]>((resolve) => {
        const open = indexedDB.open('sj-queue');
        open.onsuccess = () => { const ids = open.result.transaction('requests').objectStore('requests').getAllKeys(); ids.onsuccess = () => resolve(ids.result as string[]); };
      }));
      expect(new Set(queued).size).toBe(100);
      expect((await readRows(sqlite, server.sqliteFile, 'select count(*) as n from intake_requests'))[0]!.n).toBe(0);
      expect(posts('intake.created')).toEqual([]);
      await context.close();

      context = await launchPersistent(profile, { viewport: { width: 800, height: 900 } });
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/en/`);
      await expect.poll(async () => (await readRows(sqlite, server.sqliteFile, 'select count(*) as n from intake_requests'))[0]!.n, { timeout: 60_000, interval: 500 }).toBe(100);
      await page.reload();
      await page.waitForTimeout(2000);
      const rows = await readRows(sqlite, server.sqliteFile, 'select id, phone from intake_requests');
      expect(rows).toHaveLength(100);
      expect(new Set(rows.map((r) => r.phone)).size).toBe(100);
      // Each one reached the server exactly once: one `created` per id, no repeat.
      expect(posts('intake.created').sort()).toEqual([...queued].sort());
      expect(posts('intake.replayed')).toEqual([]);
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
      await server.stop();
    }
  }, 240_000);
});
