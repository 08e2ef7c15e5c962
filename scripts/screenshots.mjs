#!/usr/bin/env node
// Screenshots of key pages on a phone (360×740) in both languages, for people to look at: docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { launchChromium, PHONE } from '../tests/support/chromium.mjs';
import { startServer } from '../tests/support/server.mjs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const pages = process.argv.slice(2).length ? process.argv.slice(2) : [
  'home:/', 'article:/trafficking-signs/warning-signs-in-a-job-offer/', 'hotlines:/hotlines/', 'help:/help/', 'help-errors:/help/',
];
const server = await startServer();
const browser = await launchChromium();
try {
  for (const locale of ['km', 'en']) {
    const context = await browser.newContext({ ...PHONE, locale: locale === 'km' ? 'km-KH' : 'en-GB' });
    const page = await context.newPage();
    for (const spec of pages) {
      const [name, path] = spec.split(':');
      await page.goto(`${server.url}/${locale}${path}`, { waitUntil: 'networkidle' });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${out}${name}-${locale}.png` });
      if (name === 'help-errors') {
        await page.waitForSelector('astro-island:not([ssr])');
        await page.fill('#intake-phone', '12345');
        await page.click('.intake-form button[type=submit]');
        await page.waitForSelector('.error-summary');
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.error-summary').getBoundingClientRect().top + window.scrollY - 80));
        await page.screenshot({ path: `${out}${name}-${locale}.png` });
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      console.log(`${name}-${locale}: ${overflow > 0 ? `OVERFLOWS by ${overflow}px` : 'no horizontal overflow'}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
