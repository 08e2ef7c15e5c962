#!/usr/bin/env node
// npm run bench:search — per language:
//   - recall@5 and mean reciprocal rank over bench/search-queries.json, in Chromium (the site's own
//     search code and the browser's Khmer word splitter), with the queries each kind misses;
//   - index size: the files a query may fetch, and the bundle a phone saves with the language;
//   - query time on a phone profile with 4× CPU throttling (median, p95; index already loaded),
//     and what the first query downloads;
// at today's size (the built site) and with 1,000 generated pages per language (the real articles
// recombined, tests/support/generatedPages.mjs; the index built by the same code, served statically).
// Builds first (npm run build; ASTRO_OUT_DIR honoured) unless --no-build; --today skips the generated
// pages. Writes bench/results/search.json (not with --today).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, PHONE } from '../tests/support/chromium.mjs';
import { startServer } from '../tests/support/server.mjs';
import { generateArticles, generatedNumber, realArticles } from '../tests/support/generatedPages.mjs';

const root = new URL('..', import.meta.url).pathname;
const outDir = process.env.ASTRO_OUT_DIR || process.env.TEST_DIST_DIR || join(root, 'dist');
const LOCALES = ['km', 'en'];
const QUERIES = JSON.parse(readFileSync(join(root, 'bench/search-queries.json'), 'utf8'));
const GENERATED = 1000;
const REPEAT = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const round = (n, d = 1) => Number(n.toFixed(d));

if (!process.argv.includes('--no-build')) {
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** Sizes of a language's index files under `clientDir`: the parts a query may fetch, and the saved bundle. */
function indexSizes(clientDir, locale) {
  const head = readFileSync(join(clientDir, locale, 'search-index.json'));
  const files = readdirSync(join(clientDir, locale, 'search-index')).filter((f) => f.endsWith('.json'));
  const measure = (bodies) => ({
    files: bodies.length,
    raw: bodies.reduce((n, b) => n + b.length, 0),
    gzip: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    brotli: bodies.reduce((n, b) => n + brotliCompressSync(b).length, 0),
  });
  const read = (f) => readFileSync(join(clientDir, locale, 'search-index', f));
  return {
    parts: measure([head, ...files.filter((f) => !f.startsWith('all.')).map(read)]),
    saved: measure([head, ...files.filter((f) => f.startsWith('all.')).map(read)]),
    pages: JSON.parse(head.toString()).count,
  };
}

/** recall@5 (share of a query's relevant pages in its first five) and reciprocal rank of the first relevant page. */
function score(urls, relevant) {
  const top = urls.slice(0, 5);
  const first = urls.findIndex((u) => relevant.includes(u));
  return { recall: relevant.filter((u) => top.includes(u)).length / relevant.length, rr: first < 0 ? 0 : 1 / (first + 1) };
}

async function openSearch(browser, baseUrl, locale) {
  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/search/`);
  await page.waitForFunction(() => 'sjSearch' in window);
  return { context, page };
}

/** What the first query fetches from the index (files, brotli bytes as sent). */
async function firstQuery(browser, baseUrl, locale, query) {
  const { context, page } = await openSearch(browser, baseUrl, locale);
  const fetched = [];
  page.on('requestfinished', async (request) => {
    if (!request.url().includes('/search-index')) return;
    const sizes = await request.sizes().catch(() => undefined);
    fetched.push({ url: new URL(request.url()).pathname, bytes: sizes?.responseBodySize ?? 0 });
  });
  const t = Date.now();
  await page.evaluate((q) => window.sjSearch(q), query);
  const ms = Date.now() - t;
  await page.waitForTimeout(200);
  await context.close();
  return { query, files: fetched.length, bytes: fetched.reduce((n, f) => n + f.bytes, 0), ms };
}

/** Median and p95 of each query, index loaded, CPU 4× slower. */
async function queryTimes(browser, baseUrl, locale, queries) {
  const { context, page } = await openSearch(browser, baseUrl, locale);
  for (const q of queries) await page.evaluate((x) => window.sjSearch(x), q); // every file loaded once
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
  }, { queries, repeat: REPEAT });
  await context.close();
  return { median: round(median(times), 2), p95: round(p95(times), 2), max: round(Math.max(...times), 2), runs: times.length };
}

const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, today: {}, generated: {} };
const browser = await launchChromium();
try {
  // Today's site.
  const server = await startServer({ outDir });
  try {
    for (const locale of LOCALES) {
      const { context, page } = await openSearch(browser, server.url, locale);
      const byKind = {};
      const misses = [];
      let recall = 0;
      let rr = 0;
      for (const entry of QUERIES[locale]) {
        const { urls, kind } = await page.evaluate((q) => window.sjSearch(q), entry.q);
        const s = score(urls, entry.relevant);
        recall += s.recall;
        rr += s.rr;
        const k = (byKind[entry.kind] ??= { queries: 0, recall: 0, rr: 0 });
        k.queries += 1; k.recall += s.recall; k.rr += s.rr;
        if (s.recall < 1 || s.rr < 1) misses.push({ q: entry.q, kind, recall: round(s.recall, 2), rr: round(s.rr, 2), top: urls.slice(0, 5) });
      }
      await context.close();
      const n = QUERIES[locale].length;
      results.today[locale] = {
        queries: n,
        recallAt5: round(recall / n, 3),
        mrr: round(rr / n, 3),
        byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { queries: v.queries, recallAt5: round(v.recall / v.queries, 3), mrr: round(v.rr / v.queries, 3) }])),
        misses,
        size: indexSizes(join(outDir, 'client'), locale),
        firstQuery: await firstQuery(browser, server.url, locale, QUERIES[locale][0].q),
        queryMs: await queryTimes(browser, server.url, locale, QUERIES[locale].map((e) => e.q)),
      };
    }
  } finally {
    await server.stop();
  }

  // 1,000 generated pages per language: the index built in Node by the site's code, served as the site serves it.
  if (process.argv.includes('--today')) throw Object.assign(new Error('today only'), { todayOnly: true });
  const work = mkdtempSync(join(tmpdir(), 'sj-search-bench-'));
  try {
    await build({
      stdin: {
        contents: `export { buildSearchIndex } from './src/domain/search/buildIndex.ts';
          export { markdownText, markdownHeadings } from './src/domain/search/markdownText.ts';
          export { SUBJECTS } from './src/domain/topics.ts';`,
        resolveDir: root, loader: 'ts',
      },
      outfile: join(work, 'index-build.mjs'), bundle: true, format: 'esm', platform: 'node', logLevel: 'warning',
    });
    await build({
      stdin: {
        contents: `import { runSearch, searchEngine } from './src/client/search.ts';
          const locale = document.documentElement.lang;
          window.sjSearch = async (q) => { const r = await runSearch(locale, q); const shown = await searchEngine(locale).describe(r.hits.slice(0, 10).map((h) => h.doc)); return { kind: r.kind, urls: shown.map((d) => d.url) }; };`,
        resolveDir: root, loader: 'ts',
      },
      outfile: join(work, 'site', 'search.js'), bundle: true, format: 'esm', platform: 'browser', minify: true, logLevel: 'warning',
    });
    const { buildSearchIndex, markdownText, markdownHeadings, SUBJECTS } = await import(join(work, 'index-build.mjs'));
    const contentDir = process.env.CONTENT_DIR || join(root, 'content');
    const slugOf = (topic) => SUBJECTS.find((s) => s.code === topic).slug;
    const probes = {};
    for (const locale of LOCALES) {
      const articles = [...realArticles(contentDir, locale), ...generateArticles(contentDir, locale, GENERATED)];
      const docs = articles.map((a) => ({ url: `/${locale}/${slugOf(a.data.topic)}/${a.slug}/`, title: a.data.title, headings: markdownHeadings(a.body), body: `${a.data.summary}\n${markdownText(a.body)}` }));
      const t = performance.now();
      const { head, parts } = buildSearchIndex(locale, docs);
      const buildMs = performance.now() - t;
      mkdirSync(join(work, 'site', locale, 'search-index'), { recursive: true });
      writeFileSync(join(work, 'site', locale, 'search-index.json'), JSON.stringify(head));
      for (const [name, content] of Object.entries(parts)) writeFileSync(join(work, 'site', locale, 'search-index', `${name}.json`), JSON.stringify(content));
      mkdirSync(join(work, 'site', locale, 'search'), { recursive: true });
      writeFileSync(join(work, 'site', locale, 'search', 'index.html'), `<!doctype html><html lang="${locale}"><meta charset="utf-8"><script type="module" src="/search.js"></script>`);
      results.generated[locale] = { pages: docs.length, buildMs: round(buildMs, 0), size: indexSizes(join(work, 'site'), locale) };
      // Pages far from the first 52, looked up by the number in their title.
      probes[locale] = [57, 400, 999].map((n) => ({ q: generatedNumber(n, locale), url: docs[docs.length - GENERATED + n].url }));
    }
    // Served brotli-compressed, as the site serves its static files.
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const file = join(work, 'site', path.endsWith('/') ? `${path}index.html` : path);
      try {
        const body = readFileSync(file);
        const type = file.endsWith('.json') ? 'application/json' : file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
        res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'br' }).end(brotliCompressSync(body));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    try {
      for (const locale of LOCALES) {
        const queries = QUERIES[locale].map((e) => e.q);
        const { context, page } = await openSearch(browser, baseUrl, locale);
        const found = [];
        for (const probe of probes[locale]) found.push({ ...probe, first: (await page.evaluate((q) => window.sjSearch(q), probe.q)).urls[0] === probe.url });
        await context.close();
        Object.assign(results.generated[locale], {
          numberedPageFirst: found,
          firstQuery: await firstQuery(browser, baseUrl, locale, queries[0]),
          queryMs: await queryTimes(browser, baseUrl, locale, queries),
        });
      }
    } finally {
      server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} catch (error) {
  if (!error.todayOnly) throw error;
} finally {
  await browser.close();
}

const kb = (n) => (n / 1024).toFixed(1);
console.log('\nsearch quality (bench/search-queries.json, in Chromium)');
console.log('language  queries  recall@5  MRR     by kind (recall@5 / MRR)');
for (const l of LOCALES) {
  const r = results.today[l];
  console.log(`${l.padEnd(8)}  ${String(r.queries).padStart(7)}  ${r.recallAt5.toFixed(3).padStart(8)}  ${r.mrr.toFixed(3)}   ${Object.entries(r.byKind).map(([k, v]) => `${k} ${v.recallAt5.toFixed(2)}/${v.mrr.toFixed(2)}`).join(', ')}`);
}
console.log('\nindex and queries                pages  files  parts gzip KB  saved bundle brotli KB  first query: files, KB  query median / p95 ms (4x CPU)');
for (const [label, set] of [['today', results.today], [`${GENERATED} generated`, results.generated]]) {
  for (const l of LOCALES) {
    if (!set[l]) continue;
    const r = set[l];
    console.log(`${`${l} ${label}`.padEnd(31)}  ${String(r.size.pages).padStart(5)}  ${String(r.size.parts.files).padStart(5)}  ${kb(r.size.parts.gzip).padStart(13)}  ${kb(r.size.saved.brotli).padStart(22)}  ${`${r.firstQuery.files}, ${kb(r.firstQuery.bytes)}`.padStart(23)}  ${`${r.queryMs.median} / ${r.queryMs.p95}`.padStart(14)}`);
  }
}
console.log(`both languages today: ${kb(results.today.km.size.parts.gzip + results.today.en.size.parts.gzip)} KB gzip (budget 100 KB)`);
for (const l of LOCALES) if (results.generated[l]) console.log(`${l} at ${GENERATED} generated: the page named by its number first: ${results.generated[l].numberedPageFirst.filter((p) => p.first).length} of ${results.generated[l].numberedPageFirst.length}`);
for (const l of LOCALES) for (const m of results.today[l].misses) console.log(`  ${l} ${m.q} (${m.kind}): recall@5 ${m.recall}, RR ${m.rr}`);
if (!process.argv.includes('--today')) {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/search.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/results/search.json');
}
