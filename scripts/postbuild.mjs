#!/usr/bin/env node
// After `astro build`:
//   1. hash any inline <script>/<style> for the CSP;
//   2. write the offline language packs (every page of a language, with revisions and sizes);
//   3. build the service worker (src/sw/sw.ts, bundled, then Workbox injectManifest of the shell);
//   4. precompress the static files (brotli + gzip);
//   5. print what saving each language costs, and fail over budget;
//   6. bundle our server (src/server/main.ts).
// ASTRO_OUT_DIR (default dist/) is honoured, as in astro.config.mjs.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { LOCALES } from './locales.mjs';

const root = new URL('..', import.meta.url).pathname;
const outDir = resolve(root, process.env.ASTRO_OUT_DIR || 'dist');
const clientDir = join(outDir, 'client');
const serverDir = join(outDir, 'server');
const BUDGET_PER_LANGUAGE = 750 * 1024;
const BUDGET_BOTH = 1.5 * 1024 * 1024;

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}
const urlOf = (file) => '/' + relative(clientDir, file).split('\\').join('/');
const fileOf = (url) => join(clientDir, decodeURI(url).replace(/\/$/, '/index.html'));
const sha = (data, n = 16) => createHash('sha256').update(data).digest('base64url').slice(0, n);
const brotli = (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.webmanifest', '.txt', '.xml']);
/** Bytes on the wire for a file as our server sends it. */
const transferSize = (file) => (COMPRESSIBLE.has(extname(file)) ? brotli(readFileSync(file)).length : statSync(file).size);

// 1. CSP hashes of inline scripts and styles (the CSP allows these and nothing else inline).
const hashes = { script: new Set(), style: new Set() };
const htmlFiles = [...walk(clientDir)].filter((f) => f.endsWith('.html'));
for (const file of htmlFiles) {
  const html = readFileSync(file, 'utf8');
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!/type="application\/(ld\+)?json"/.test(m[1])) hashes.script.add(`sha256-${createHash('sha256').update(m[2]).digest('base64')}`);
  }
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) hashes.style.add(`sha256-${createHash('sha256').update(m[1]).digest('base64')}`);
  if (/\sstyle="/.test(html)) throw new Error(`${file}: style attributes are blocked by the CSP; use a class`);
}
writeFileSync(join(serverDir, 'inline-hashes.json'), JSON.stringify({ script: [...hashes.script], style: [...hashes.style] }, null, 2));

// 2. Language packs: every page of a language (not its 404 or offline page, which are in the shell).
const packs = {};
for (const locale of LOCALES) {
  const pages = htmlFiles
    .map((file) => ({ file, url: urlOf(file).replace(/index\.html$/, '') }))
    .filter(({ url }) => url.startsWith(`/${locale}/`) && !/^\/[a-z]{2}\/(404|offline)\//.test(url))
    .sort((a, b) => a.url.localeCompare(b.url))
    .map(({ file, url }) => {
      const body = readFileSync(file);
      return { url, revision: sha(body), bytes: brotli(body).length, raw: body.length };
    });
  // The language's search index goes with its pages: search works offline.
  const indexFile = join(clientDir, locale, 'search-index.json');
  try {
    const body = readFileSync(indexFile);
    pages.push({ url: `/${locale}/search-index.json`, revision: sha(body), bytes: brotli(body).length, raw: body.length });
  } catch { /* no search index in this build */ }
  packs[locale] = {
    locale,
    pages: pages.map(({ url, revision, bytes }) => ({ url, revision, bytes })),
    transferBytes: pages.reduce((n, p) => n + p.bytes, 0),
    rawBytes: pages.reduce((n, p) => n + p.raw, 0),
  };
  mkdirSync(join(clientDir, 'offline-packs'), { recursive: true });
  writeFileSync(join(clientDir, 'offline-packs', `${locale}.json`), JSON.stringify(packs[locale]));
}

// 3. The shell: the assets the pages use (followed through CSS url() and JS imports), icons,
//    manifests, the offline pages and the packs' lists. Nothing a page does not use (React's
//    client runtime is only for pages with an island, and is fetched by them).
const shell = new Set(['/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png']);
for (const locale of LOCALES) {
  ['manifest.webmanifest', 'offline/index.html'].forEach((p) => shell.add(`/${locale}/${p}`));
  shell.add(`/offline-packs/${locale}.json`);
}
const queue = htmlFiles.filter((f) => !/\/404\//.test(f));
const seen = new Set();
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const refs = [
    ...[...text.matchAll(/\/_astro\/[\w.\-]+/g)].map((m) => m[0]),
    ...[...text.matchAll(/["'(]\.\/([\w.\-]+\.(?:js|css|woff2))/g)].map((m) => `/${relative(clientDir, join(dirname(file), m[1]))}`),
  ];
  for (const ref of refs) {
    const target = join(clientDir, ref);
    try { statSync(target); } catch { continue; }
    shell.add(ref);
    if (/\.(js|css)$/.test(ref)) queue.push(target);
  }
}

const swBundle = join(outDir, 'sw.bundle.js');
await build({
  entryPoints: [join(root, 'src/sw/sw.ts')],
  outfile: swBundle,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
const { count: precached, size: precacheBytes, warnings } = await injectManifest({
  swSrc: swBundle,
  swDest: join(clientDir, 'sw.js'),
  globDirectory: clientDir,
  globPatterns: [...shell].map((u) => u.slice(1)),
  // Hashed files need no revision; pages are listed by their address, /km/offline/.
  dontCacheBustURLsMatching: /^_astro\//,
  manifestTransforms: [(entries) => ({ manifest: entries.map((e) => ({ ...e, url: `/${e.url}`.replace(/index\.html$/, '') })), warnings: [] })],
  maximumFileSizeToCacheInBytes: 512 * 1024,
});
rmSync(swBundle);
for (const w of warnings) console.warn(`workbox: ${w}`);

// 4. Precompress text files once, at the highest levels (serving them costs nothing).
let raw = 0, compressed = 0, count = 0;
for (const file of walk(clientDir)) {
  if (!COMPRESSIBLE.has(extname(file)) || statSync(file).size < 256) continue;
  const body = readFileSync(file);
  const br = brotli(body);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  raw += body.length; compressed += br.length; count += 1;
}
console.log(`postbuild: precompressed ${count} files, ${(raw / 1024).toFixed(0)} KB → ${(compressed / 1024).toFixed(0)} KB brotli`);

// 5. What saving costs, per language; over budget fails the build.
const shellFiles = [...shell].map(fileOf);
const shellTransfer = shellFiles.reduce((n, f) => n + transferSize(f), 0) + transferSize(join(clientDir, 'sw.js'));
const shellRaw = shellFiles.reduce((n, f) => n + statSync(f).size, 0) + statSync(join(clientDir, 'sw.js')).size;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`postbuild: service worker precaches ${precached} shell files (${kb(precacheBytes)} raw)`);
console.log('offline saving        pages   raw        transferred (brotli)');
console.log(`  shell (once)          ${String(precached).padStart(3)}   ${kb(shellRaw).padStart(8)}   ${kb(shellTransfer).padStart(8)}`);
let over = false;
for (const locale of LOCALES) {
  const p = packs[locale];
  const total = shellTransfer + p.transferBytes;
  console.log(`  ${locale} pages + shell      ${String(p.pages.length).padStart(3)}   ${kb(shellRaw + p.rawBytes).padStart(8)}   ${kb(total).padStart(8)}`);
  if (total > BUDGET_PER_LANGUAGE) { console.error(`  ✗ saving ${locale} transfers ${kb(total)}: over the ${kb(BUDGET_PER_LANGUAGE)} budget`); over = true; }
}
const both = shellTransfer + LOCALES.reduce((n, l) => n + packs[l].transferBytes, 0);
console.log(`  both languages              ${kb(both).padStart(22)}`);
if (both > BUDGET_BOTH) { console.error(`  ✗ saving both languages transfers ${kb(both)}: over the ${kb(BUDGET_BOTH)} budget`); over = true; }
writeFileSync(join(serverDir, 'offline-budget.json'), JSON.stringify({ shellTransfer, shellRaw, packs: Object.fromEntries(LOCALES.map((l) => [l, { pages: packs[l].pages.length, transferBytes: packs[l].transferBytes, rawBytes: packs[l].rawBytes }])), both }, null, 2));
if (over) process.exit(1);

// 6. Our server, bundled next to Astro's entry.mjs (dependencies stay in node_modules).
await build({
  entryPoints: { main: join(root, 'src/server/main.ts'), worker: join(root, 'src/server/worker-main.ts'), 'partner-cli': join(root, 'src/server/partner-cli.ts'), 'purge-cli': join(root, 'src/server/purge-cli.ts') },
  outdir: serverDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
console.log('postbuild: server and worker bundled to dist/server/main.mjs and worker.mjs');
