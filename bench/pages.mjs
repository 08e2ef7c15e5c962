#!/usr/bin/env node
// npm run bench:pages — builds, serves, and measures the home, an article and the
// hotlines page in both languages on a cold first visit in Chromium (phone size):
// bytes on the wire by type, requests, JavaScript bytes, and Lighthouse 12 mobile
// scores (median of 3 runs). Prints a table and writes bench/results/pages.json.
// Numbers, not pass/fail. Pass --no-build to measure the current dist/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import lighthouse from 'lighthouse';
import { launchChromium, PHONE, CHROMIUM_ARGS } from '../tests/support/chromium.mjs';
import { startServer, freePort } from '../tests/support/server.mjs';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGES = [
  ['home', '/'],
  ['article', '/trafficking-signs/warning-signs-in-a-job-offer/'],
  ['hotlines', '/hotlines/'],
];

// Built as deployed: with SITE_URL set (here, the address it is served on), so
// canonical and hreflang links are absolute, as search engines require.
const port = Number(process.env.BENCH_PORT) || (await freePort());
const siteUrl = `http://127.0.0.1:${port}`;
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, SITE_URL: siteUrl } });
  if (build.status !== 0) process.exit(1);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Cold visit: every request the page makes up to `load`, with compressed bytes. */
async function weigh(browser, url) {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    requests.push({ url: request.url(), type: request.resourceType(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0, body: sizes?.responseBodySize ?? 0 });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  await context.close();
  const byType = {};
  for (const r of requests) byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
  const total = requests.reduce((n, r) => n + r.bytes, 0);
  const fonts = byType.font ?? 0;
  return { requests: requests.length, total, withoutFonts: total - fonts, byType, js: byType.script ?? 0, jsBody: requests.filter((r) => r.type === 'script').reduce((n, r) => n + r.body, 0) };
}

const server = await startServer({ port });
const debugPort = await freePort();
const browser = await launchChromium();
// Lighthouse drives its own Chromium over the DevTools port.
const lhBrowser = await launchChromium({ args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debugPort}`] });

const results = [];
try {
  for (const locale of ['km', 'en']) {
    for (const [name, path] of PAGES) {
      const url = `${server.url}/${locale}${path}`;
      const weight = await weigh(browser, url);
      const htmlFile = `${root}dist/client/${locale}${path}index.html`;
      const htmlBrotli = statSync(`${htmlFile}.br`).size;
      const scores = { performance: [], accessibility: [], 'best-practices': [], seo: [] };
      const lcp = [];
      for (let i = 0; i < RUNS; i++) {
        const { lhr } = await lighthouse(url, { port: debugPort, output: 'json', logLevel: 'error', formFactor: 'mobile', onlyCategories: Object.keys(scores) });
        for (const key of Object.keys(scores)) scores[key].push(Math.round((lhr.categories[key]?.score ?? 0) * 100));
        lcp.push(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN);
      }
      const row = {
        page: `${locale}-${name}`, url: `/${locale}${path}`, ...weight, htmlBrotli,
        lighthouse: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, median(v)])),
        lighthouseRuns: scores, lcpMs: Math.round(median(lcp)),
      };
      results.push(row);
      console.log(`measured ${row.page}`);
    }
  }
} finally {
  await browser.close();
  await lhBrowser.close();
  await server.stop();
}

const kb = (n) => (n / 1024).toFixed(1);
console.log('\npage          requests  total KB  no-font KB  JS KB  HTML(br) KB  perf  a11y  bp   seo  LCP ms');
for (const r of results) {
  console.log(`${r.page.padEnd(13)} ${String(r.requests).padStart(8)}  ${kb(r.total).padStart(8)}  ${kb(r.withoutFonts).padStart(10)}  ${kb(r.js).padStart(5)}  ${kb(r.htmlBrotli).padStart(11)}  ${String(r.lighthouse.performance).padStart(4)}  ${String(r.lighthouse.accessibility).padStart(4)}  ${String(r.lighthouse['best-practices']).padStart(3)}  ${String(r.lighthouse.seo).padStart(4)}  ${String(r.lcpMs).padStart(6)}`);
}
mkdirSync(`${root}bench/results`, { recursive: true });
const out = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  note: 'Cold visit, phone viewport; bytes are compressed bytes on the wire plus headers, up to load. Lighthouse 12 mobile (simulated throttling), median of runs.',
  results,
};
writeFileSync(`${root}bench/results/pages.json`, JSON.stringify(out, null, 2));
console.log('\nwritten to bench/results/pages.json');
