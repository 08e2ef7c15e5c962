#!/usr/bin/env node
// After `astro build`:
//   1. hash any inline <script>/<style> for the CSP;
//   2. write the offline language packs (every page of a language and its search index, with
//      revisions and sizes; over the budget, the core set and a list of the other pages);
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
/** Brotli at the highest level; with `file`, kept for step 4, which compresses every file once (thousands of pages on a big site). */
const brotliOf = new Map();
const brotli = (body, file) => {
  const cached = file && brotliOf.get(file);
  if (cached && cached.source.equals(body)) return cached.br;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (file) brotliOf.set(file, { source: body, br });
  return br;
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.webmanifest', '.txt', '.xml']);
/** Bytes on the wire for a file as our server sends it. */
const transferSize = (file) => (COMPRESSIBLE.has(extname(file)) ? brotli(readFileSync(file), file).length : statSync(file).size);

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

// 2. Language packs: every page of a language (not its 404 or offline page, which are in the shell)
//    and its search index (the head and the bundle of its parts: search covers every page, offline too). When
//    the pages and the shell are over the budget, the pack holds the core set (home, search,
//    hotlines, help, checklists, staying safe, articles marked `offline: core`;
//    listed by the build in /<locale>/offline-core.json) and lists the other pages, which the
//    service worker keeps as they are read.
const entryOf = (file, url) => {
  const body = readFileSync(file);
  return { url, revision: sha(body), bytes: brotli(body, file).length, raw: body.length };
};
const languagePages = {};
for (const locale of LOCALES) {
  const pages = htmlFiles
    .map((file) => ({ file, url: urlOf(file).replace(/index\.html$/, '') }))
    .filter(({ url }) => url.startsWith(`/${locale}/`) && !/^\/[a-z]{2}\/(404|offline)\//.test(url))
    .sort((a, b) => a.url.localeCompare(b.url))
    .map(({ file, url }) => entryOf(file, url));
  // The head, and the bundle of every other file (the parts are for phones that fetch only what a query needs).
  const indexFiles = [join(clientDir, locale, 'search-index.json')];
  try {
    for (const name of readdirSync(join(clientDir, locale, 'search-index')).sort()) if (/^all\.[^.]+\.json$/.test(name)) indexFiles.push(join(clientDir, locale, 'search-index', name));
  } catch { /* no search index in this build */ }
  const index = indexFiles.filter((f) => { try { return statSync(f).isFile(); } catch { return false; } }).map((f) => entryOf(f, urlOf(f)));
  const coreFile = join(clientDir, locale, 'offline-core.json');
  const core = new Set(JSON.parse(readFileSync(coreFile, 'utf8')));
  core.add(`/${locale}/guide.html`); // the guide to pass on is always saved (issue 19)
  rmSync(coreFile); // a build artefact, not a page
  languagePages[locale] = { pages, index, core };
}
const packs = {};

// 3. The shell: the assets the pages use (followed through CSS url() and JS imports), icons,
//    manifests, the offline pages and the packs' lists. Nothing a page does not use. React's
//    client runtime (the form's island) is in it: the shell is installed only when a language
//    is saved, so a visit that saves nothing (Save-Data, "Not now") never downloads it. The
//    Khmer web font is not: it is saved with the Khmer pages (below).
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
// The Khmer web font goes with the Khmer pages, not into every visitor's shell: a phone that
// saves only English never downloads it (the service worker answers it from the Khmer cache).
const languageAssets = Object.fromEntries(LOCALES.map((l) => [l, []]));
for (const ref of [...shell]) {
  if (!/\.woff2$/.test(ref) || !/khmer/i.test(ref) || !languageAssets.km) continue;
  shell.delete(ref);
  languageAssets.km.push(entryOf(fileOf(ref), ref));
}

// The packs, now that the shell is known: every page when it fits the budget, else the core set.
const SHELL_ALLOWANCE = 16 * 1024; // the service worker and the packs' lists, written below (checked exactly in 5.)
const shellEstimate = [...shell].map(fileOf).reduce((n, f) => { try { return n + transferSize(f); } catch { return n; } }, 0) + SHELL_ALLOWANCE;
const sum = (list, key) => list.reduce((n, p) => n + p[key], 0);
for (const locale of LOCALES) {
  const { pages, index, core } = languagePages[locale];
  const assets = languageAssets[locale];
  const fits = shellEstimate + sum(pages, 'bytes') + sum(index, 'bytes') + sum(assets, 'bytes') <= BUDGET_PER_LANGUAGE;
  const saved = [...(fits ? pages : pages.filter((p) => core.has(p.url))), ...index];
  const other = fits ? [] : pages.filter((p) => !core.has(p.url));
  packs[locale] = {
    locale,
    core: !fits,
    pages: saved.map(({ url, revision, bytes }) => ({ url, revision, bytes })),
    other: other.map(({ url, revision, bytes }) => ({ url, revision, bytes })),
    assets: assets.map(({ url, revision, bytes }) => ({ url, revision, bytes })),
    transferBytes: sum(saved, 'bytes') + sum(assets, 'bytes'),
    rawBytes: sum(saved, 'raw') + sum(assets, 'raw'),
    indexBytes: sum(index, 'bytes'),
  };
  mkdirSync(join(clientDir, 'offline-packs'), { recursive: true });
  writeFileSync(join(clientDir, 'offline-packs', `${locale}.json`), JSON.stringify(packs[locale]));
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
  const br = brotli(body, file);
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
  console.log(`  ${locale} pages + shell      ${String(p.pages.length).padStart(3)}   ${kb(shellRaw + p.rawBytes).padStart(8)}   ${kb(total).padStart(8)}   (search index ${kb(p.indexBytes)}${p.core ? `; core set: ${p.pages.length - languagePages[locale].index.length} of ${languagePages[locale].pages.length} pages, the others kept as read` : ''})`);
  if (total > BUDGET_PER_LANGUAGE) { console.error(`  ✗ saving ${locale} transfers ${kb(total)}: over the ${kb(BUDGET_PER_LANGUAGE)} budget`); over = true; }
}
const both = shellTransfer + LOCALES.reduce((n, l) => n + packs[l].transferBytes, 0);
console.log(`  both languages              ${kb(both).padStart(22)}`);
if (both > BUDGET_BOTH) { console.error(`  ✗ saving both languages transfers ${kb(both)}: over the ${kb(BUDGET_BOTH)} budget`); over = true; }
// 5b. The guide to pass on (/<locale>/guide.html, at most 400 KB: it travels by Telegram and
//     Bluetooth) and the recordings (/audio/…: in no pack, saved only when a person asks).
const GUIDE_MAX = 400 * 1024;
for (const locale of LOCALES) {
  const guide = join(clientDir, locale, 'guide.html');
  let size;
  try { size = statSync(guide).size; } catch { console.error(`  ✗ /${locale}/guide.html was not built`); over = true; continue; }
  console.log(`  guide to share /${locale}/guide.html: ${kb(size)} (${kb(transferSize(guide))} brotli)`);
  if (size > GUIDE_MAX) { console.error(`  ✗ /${locale}/guide.html is ${kb(size)}: over ${kb(GUIDE_MAX)}`); over = true; }
}
try {
  const recordings = [...walk(join(clientDir, 'audio'))].filter((f) => !/\.(br|gz)$/.test(f));
  if (recordings.length) console.log(`  recordings (not in any pack; saved only when asked): ${recordings.map((f) => `${urlOf(f)} ${kb(statSync(f).size)}`).join(', ')}`);
} catch { /* no recordings in this build */ }
// What saving costs before anything is saved (brotli bodies; each file also has its headers), for
// the question asked under Save-Data before the service worker is even registered.
writeFileSync(join(clientDir, 'offline-packs', 'sizes.json'), JSON.stringify({
  shell: { files: shellFiles.length + 1, bytes: shellTransfer },
  packs: Object.fromEntries(LOCALES.map((l) => [l, {
    pages: packs[l].pages.filter((p) => /(\/|\.html)$/.test(p.url)).length,
    files: packs[l].pages.length + packs[l].assets.length,
    bytes: packs[l].transferBytes,
  }])),
}));
writeFileSync(join(serverDir, 'offline-budget.json'), JSON.stringify({ shellTransfer, shellRaw, packs: Object.fromEntries(LOCALES.map((l) => [l, { pages: packs[l].pages.length, core: packs[l].core, other: packs[l].other.length, transferBytes: packs[l].transferBytes, rawBytes: packs[l].rawBytes, indexBytes: packs[l].indexBytes }])), both }, null, 2));
if (over) process.exit(1);

// 6. Our server, bundled next to Astro's entry.mjs (dependencies stay in node_modules).
await build({
  entryPoints: { main: join(root, 'src/server/main.ts'), worker: join(root, 'src/server/worker-main.ts'), 'partner-cli': join(root, 'src/server/partner-cli.ts'), 'purge-cli': join(root, 'src/server/purge-cli.ts'), 'review-cli': join(root, 'src/server/review-cli.ts') },
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
