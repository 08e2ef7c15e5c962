#!/usr/bin/env node
// npm run bench:pages — builds, serves, and measures the home, an article and the
// hotlines page in both languages on a cold first visit in Chromium (phone size):
// bytes on the wire by type, requests, JavaScript bytes, and Lighthouse 12 mobile
// scores (median of 3 runs). Per language, what the site downloads and when,
// counted by CDP (encodedDataLength) on the page and on the service worker: the
// first visit up to `load` and after it, what saving the language costs (and the
// figure the page shows for it), and the first visit under Save-Data before she
// answers. Prints tables and writes bench/results/pages.json.
// Numbers, not pass/fail. Pass --no-build to measure the current build (ASTRO_OUT_DIR,
// default dist/), --bytes-only for the per-language bytes without Lighthouse.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import lighthouse from 'lighthouse';
import { launchChromium, PHONE, CHROMIUM_ARGS } from '../tests/support/chromium.mjs';
import { startServer, freePort } from '../tests/support/server.mjs';
import { launchCounted } from '../tests/support/wireBytes.mjs';

const root = new URL('..', import.meta.url).pathname;
const outDir = process.env.ASTRO_OUT_DIR || `${root}dist`;
const bytesOnly = process.argv.includes('--bytes-only');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGES = [
  ['home', '/'],
  ['article', '/trafficking-signs/warning-signs-in-a-job-offer/'],
  ['hotlines', '/hotlines/'],
  ['help', '/help/'], // the form: the only page with React
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

/**
 * Cold visit: every request the page makes up to `load`, with compressed bytes
 * (body + headers). What comes after `load` (the offline module, the service
 * worker's own saving) is reported apart.
 */
async function weigh(browser, url) {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    requests.push({ request, url: request.url(), type: request.resourceType(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0, body: sizes?.responseBodySize ?? 0 });
  });
  await page.goto(url, { waitUntil: 'load' });
  // The moment `load` fired, on the same clock as the requests' start times.
  const loadAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventStart);
  await page.waitForTimeout(1500);
  await context.close();
  const before = requests.filter((r) => r.request.timing().startTime <= loadAt);
  const after = requests.filter((r) => r.request.timing().startTime > loadAt);
  const byType = {};
  for (const r of before) byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
  const total = before.reduce((n, r) => n + r.bytes, 0);
  return {
    requests: before.length, total, withoutFonts: total - (byType.font ?? 0), byType,
    js: byType.script ?? 0,
    afterLoad: { requests: after.length, bytes: after.reduce((n, r) => n + r.bytes, 0), js: after.filter((r) => r.type === 'script').reduce((n, r) => n + r.bytes, 0) },
  };
}

const server = await startServer({ port, outDir });
const debugPort = await freePort();
const browser = await launchChromium();
// Lighthouse drives its own Chromium over the DevTools port.
const lhBrowser = await launchChromium({ args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debugPort}`] });

/** Repeat visit with no network at all, after one online visit saved the language: LCP of each page. */
async function offlineRepeat(locale, paths) {
  const { launchPersistent } = await import('../tests/support/chromium.mjs');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const profile = mkdtempSync(`${os.tmpdir()}/sj-bench-`);
  const context = await launchPersistent(profile, { ...PHONE });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/${locale}/`);
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60000 });
  await context.setOffline(true);
  const cdp = await context.newCDPSession(page);
  const out = {};
  for (const [name, path] of paths) {
    for (const cpu of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      const lcps = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${server.url}/${locale}${path}`, { waitUntil: 'load' });
        lcps.push(await page.evaluate(() => new Promise((resolve) => {
          new PerformanceObserver((list) => { const entries = list.getEntries(); resolve(entries[entries.length - 1].startTime); }).observe({ type: 'largest-contentful-paint', buffered: true });
        })));
      }
      out[`${name}${cpu > 1 ? `@${cpu}xCPU` : ''}`] = Math.round(median(lcps));
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  return out;
}

/** React's client runtime, as the form's page asks for it. */
const reactRuntime = /renderer-url="([^"]+)"/.exec(readFileSync(`${outDir}/client/en/help/index.html`, 'utf8'))?.[1];
const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
const phoneOf = (locale) => ({ ...PHONE, locale: locale === 'en' ? 'en-GB' : 'km-KH' });

/**
 * A first visit to /<locale>/ on a new phone, no Save-Data: every byte the page and the service
 * worker take from the network, up to `load` and after it (the saving of the language), and what
 * the page says saving cost.
 */
async function firstVisit(locale) {
  const counted = await launchCounted(phoneOf(locale));
  try {
    const { page } = counted;
    await page.goto(`${server.url}/${locale}/`, { waitUntil: 'load' });
    // The moment `load` fired, on the clock of the records' `at` (both are the system's epoch milliseconds).
    const loadAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventStart);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const net = counted.network();
    const before = net.filter((r) => r.at <= loadAt);
    const after = net.filter((r) => r.at > loadAt);
    const worker = after.filter((r) => r.target === 'service_worker');
    return {
      upToLoad: { requests: before.length, bytes: sum(before) },
      afterLoad: { requests: after.length, bytes: sum(after), page: sum(after.filter((r) => r.target !== 'service_worker')), worker: sum(worker) },
      saving: { workerBytes: counted.workerBytes(), workerRequests: worker.length, shown: (await page.textContent('[data-offline-text]'))?.trim() || null, summary: (await page.textContent('[data-offline-summary]'))?.trim() || null },
      khmerFont: net.filter((r) => /\.woff2$/.test(r.url)).map((r) => `${r.target}: ${new URL(r.url).pathname}`),
      reactRuntime: net.filter((r) => reactRuntime && r.url.endsWith(reactRuntime)).map((r) => `${r.target}${r.at <= loadAt ? ' (before load)' : ''}`),
    };
  } finally {
    await counted.close();
  }
}

/** A first visit to /<locale>/ with Save-Data on: what is downloaded until she answers the question (3 s after it shows). */
async function saveDataVisit(locale) {
  const counted = await launchCounted({ ...phoneOf(locale), extraHTTPHeaders: { 'Save-Data': 'on' } });
  try {
    const { page, context } = counted;
    await (await context.newCDPSession(page)).send('Emulation.setDataSaverOverride', { dataSaverEnabled: true });
    const start = Date.now();
    await page.goto(`${server.url}/${locale}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => { const b = document.querySelector('[data-offline-action]'); return !!b && !b.hidden && !!b.textContent; }, null, { timeout: 60_000 });
    const askedAfterMs = Date.now() - start;
    await page.waitForTimeout(3000);
    const net = counted.network();
    return {
      beforeAnswer: { requests: net.length, bytes: sum(net), worker: sum(net.filter((r) => r.target === 'service_worker')) },
      askedAfterMs,
      question: (await page.textContent('[data-offline-text]'))?.trim(),
      serviceWorkers: await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
    };
  } finally {
    await counted.close();
  }
}

const results = [];
const offline = {};
const data = {};
try {
  for (const locale of ['km', 'en']) data[locale] = { firstVisit: await firstVisit(locale), saveData: await saveDataVisit(locale) };
  if (!bytesOnly) for (const locale of ['km', 'en']) offline[locale] = await offlineRepeat(locale, PAGES);
  for (const locale of bytesOnly ? [] : ['km', 'en']) {
    for (const [name, path] of PAGES) {
      const url = `${server.url}/${locale}${path}`;
      const weight = await weigh(browser, url);
      const htmlFile = `${outDir}/client/${locale}${path}index.html`;
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
console.log('\nup to load:   requests  total KB  no-font KB  JS KB  HTML(br) KB  perf  a11y  bp   seo  LCP ms   after load: JS KB');
for (const r of results) {
  console.log(`${r.page.padEnd(13)} ${String(r.requests).padStart(8)}  ${kb(r.total).padStart(8)}  ${kb(r.withoutFonts).padStart(10)}  ${kb(r.js).padStart(5)}  ${kb(r.htmlBrotli).padStart(11)}  ${String(r.lighthouse.performance).padStart(4)}  ${String(r.lighthouse.accessibility).padStart(4)}  ${String(r.lighthouse['best-practices']).padStart(3)}  ${String(r.lighthouse.seo).padStart(4)}  ${String(r.lcpMs).padStart(6)}   ${kb(r.afterLoad.js).padStart(6)}`);
}
const budget = JSON.parse(readFileSync(`${outDir}/server/offline-budget.json`, 'utf8'));
console.log(`\nsaving for offline: shell ${kb(budget.shellTransfer)} KB once; km pages ${kb(budget.packs.km.transferBytes)} KB (${budget.packs.km.pages} pages); en pages ${kb(budget.packs.en.transferBytes)} KB (${budget.packs.en.pages} pages)`);
console.log(`  one language: km ${kb(budget.shellTransfer + budget.packs.km.transferBytes)} KB, en ${kb(budget.shellTransfer + budget.packs.en.transferBytes)} KB; both ${kb(budget.both)} KB (transferred, brotli)`);
console.log('\nper language, new phone, counted by CDP (page + service worker, with headers), KB:');
console.log('          first visit: to load   after load (page / worker)   saving: worker  shown            Save-Data, before she answers');
for (const [locale, d] of Object.entries(data)) {
  const f = d.firstVisit;
  const s = d.saveData;
  console.log(`  ${locale}      ${kb(f.upToLoad.bytes).padStart(8)} (${f.upToLoad.requests})   ${kb(f.afterLoad.bytes).padStart(7)} (${kb(f.afterLoad.page)} / ${kb(f.afterLoad.worker)})       ${kb(f.saving.workerBytes).padStart(7)}  ${String(/\(([^)]*KB)/.exec(f.saving.shown ?? '')?.[1] ?? '-').padEnd(14)}   ${kb(s.beforeAnswer.bytes)} in ${s.beforeAnswer.requests} requests (worker ${kb(s.beforeAnswer.worker)}), asked after ${s.askedAfterMs} ms`);
  console.log(`          Khmer font: ${f.khmerFont.join(', ') || 'none'}; React runtime: ${f.reactRuntime.join(', ') || 'none'}`);
}
console.log('offline repeat visit, LCP ms (median):');
for (const [locale, values] of Object.entries(offline)) console.log(`  ${locale}: ${Object.entries(values).map(([k, v]) => `${k} ${v}`).join(', ')}`);
mkdirSync(`${root}bench/results`, { recursive: true });
const out = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  note: 'Cold visit, phone viewport; bytes are compressed bytes on the wire plus headers, up to load. Lighthouse 12 mobile (simulated throttling), median of runs.',
  results,
  offlineSaving: budget,
  dataCost: data,
  offlineRepeatLcpMs: offline,
};
// BENCH_RESULTS: another file (e.g. to measure an earlier build without replacing the results).
const resultsFile = process.env.BENCH_RESULTS || `${root}bench/results/pages.json`;
writeFileSync(resultsFile, JSON.stringify(out, null, 2));
console.log(`\nwritten to ${resultsFile}`);
