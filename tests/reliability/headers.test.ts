/**
 * The CSP on every public page type (one page of each template, and the partner login) blocks an
 * injected inline script, in Chromium; and no page asks another origin for anything.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.mjs';
import { startServer } from '../support/server.mjs';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
beforeAll(async () => { server = await startServer(); browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); await server?.stop(); });

const PAGES = [
  '/km/', '/km/safe-migration/', '/en/trafficking-signs/online-scam-compounds/', '/km/hotlines/', '/en/help/', '/en/about/', '/km/staying-safe/',
  '/km/search/?q=ថៃ', '/en/checks/job-offer/', '/km/checks/before-you-go/', '/en/present/', '/km/present/safe-migration/', '/km/present/hotline-card/',
  '/en/present/record/', '/en/offline/', '/km/no-such-page/', '/partner/login',
];

describe('security headers', () => {
  it.each(PAGES)('%s blocks injected inline script and requests nothing from another origin', async (path) => {
    const page = await (await browser.newContext()).newPage();
    const requests: string[] = [];
    const violations: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
    const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'x');
      img.setAttribute('onerror', 'window.__injected = true');
      document.body.append(img);
    });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(violations.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([]);
    await page.context().close();
  });
});
