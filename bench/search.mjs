#!/usr/bin/env node
// npm run bench:search — the search index's size (raw, gzip, brotli per language), the time
// to build it over the real content (Node), and the query time for a fixed list of Khmer and
// English queries in Chromium on a phone profile with 4× CPU throttling (median and p95).
// Prints a table and writes bench/results/search.json. Pass --no-build to use the current dist/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, PHONE } from '../tests/support/chromium.mjs';
import { startServer } from '../tests/support/server.mjs';

const root = new URL('..', import.meta.url).pathname;
const QUERIES = {
  km: ['ឆ្លងដែន', 'លិខិតឆ្លងដែន', 'មេខ្យល់', 'បំណុល', 'ថៃ', 'ការជួញដូរមនុស្ស', 'កិច្ចសន្យា', '១២៨០', 'កុមារ', 'ប្រាក់ឈ្នួល'],
  en: ['passport', 'broker', 'debt', 'Thailand', 'trafficking', 'contract', '1280', 'child labour', 'scam call centre', '023 997 919'],
};
const REPEAT = 20;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

if (!process.argv.includes('--no-build')) {
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

// Size of what a phone downloads (once, with the language's saved pages).
const size = {};
for (const locale of ['km', 'en']) {
  const body = readFileSync(`${root}dist/client/${locale}/search-index.json`);
  size[locale] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotliCompressSync(body).length };
}

// Build time over the real articles, in Node (the same code the site build runs).
const bundle = `${root}.tmp/search-bench.mjs`;
mkdirSync(`${root}.tmp`, { recursive: true });
await build({ entryPoints: [`${root}src/domain/search/searchIndex.ts`, `${root}src/domain/search/markdownText.ts`], outdir: `${root}.tmp/search-bench`, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
const { buildSearchIndex } = await import(`${root}.tmp/search-bench/searchIndex.js`);
const { markdownText, markdownHeadings } = await import(`${root}.tmp/search-bench/markdownText.js`);
const buildMs = {};
for (const locale of ['km', 'en']) {
  const dir = `${root}content/topics/${locale}`;
  const docs = readdirSync(dir).map((f) => {
    const text = readFileSync(`${dir}/${f}`, 'utf8').replace(/^---[\s\S]*?---/, '');
    return { url: f, title: f, headings: markdownHeadings(text), body: markdownText(text) };
  });
  const times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); buildSearchIndex(locale, docs); times.push(performance.now() - t); }
  buildMs[locale] = Number(median(times).toFixed(1));
}

// Query time in Chromium, phone profile, 4× CPU throttling, index already loaded (as after the first query).
const server = await startServer();
const browser = await launchChromium();
const queryMs = {};
try {
  for (const locale of ['km', 'en']) {
    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    await page.goto(`${server.url}/${locale}/search/`);
    await page.waitForFunction(() => 'sjSearch' in window);
    await page.evaluate(() => window.sjSearch('warm up'));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const times = await page.evaluate(async ({ queries, repeat }) => {
      const out = [];
      for (const q of queries) for (let i = 0; i < repeat; i++) {
        const t = performance.now();
        await window.sjSearch(q);
        out.push(performance.now() - t);
      }
      return out;
    }, { queries: QUERIES[locale], repeat: REPEAT });
    queryMs[locale] = { median: Number(median(times).toFixed(2)), p95: Number(p95(times).toFixed(2)), queries: QUERIES[locale].length, runsEach: REPEAT };
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const kb = (n) => (n / 1024).toFixed(1);
console.log('\nsearch     index raw KB  gzip KB  brotli KB  build ms  query median ms  p95 ms (4x CPU)');
for (const l of ['km', 'en']) console.log(`${l.padEnd(10)} ${kb(size[l].raw).padStart(12)}  ${kb(size[l].gzip).padStart(7)}  ${kb(size[l].brotli).padStart(9)}  ${String(buildMs[l]).padStart(8)}  ${String(queryMs[l].median).padStart(15)}  ${String(queryMs[l].p95).padStart(6)}`);
console.log(`both languages: ${kb(size.km.gzip + size.en.gzip)} KB gzip (budget 100 KB)`);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/search.json`, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, size, buildMs, queryMs, queries: QUERIES }, null, 2));
console.log('written to bench/results/search.json');
