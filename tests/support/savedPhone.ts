/** A browser profile that has visited the site once and saved both languages for offline use, then gone offline. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent, PHONE } from './chromium.mjs';

export async function savedOfflinePhone(baseUrl: string, options: Record<string, unknown> = PHONE): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sj-saved-'));
  const context = await launchPersistent(profile, options);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}/km/`);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
  await page.locator('[data-offline-save]').click();
  await page.waitForFunction(() => document.querySelector('[data-offline-summary]')?.textContent?.includes('អង់គ្លេស'), null, { timeout: 30_000 });
  await context.setOffline(true);
  return { context, page, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
