#!/usr/bin/env node
// After `astro build`: hash any inline <script>/<style> for the CSP, precompress
// the static files (brotli + gzip), and bundle our server (src/server/main.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const clientDir = join(root, 'dist/client');
const serverDir = join(root, 'dist/server');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

// 1. Hashes of inline scripts and styles: the CSP allows these and nothing else inline.
const sha = (text) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const hashes = { script: new Set(), style: new Set() };
for (const file of walk(clientDir)) {
  if (extname(file) !== '.html') continue;
  const html = readFileSync(file, 'utf8');
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (!/type="application\/(ld\+)?json"/.test(m[0])) hashes.script.add(sha(m[1]));
  }
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) hashes.style.add(sha(m[1]));
  if (/\sstyle="/.test(html)) throw new Error(`${file}: style attributes are blocked by the CSP; use a class`);
}
writeFileSync(join(serverDir, 'inline-hashes.json'), JSON.stringify({ script: [...hashes.script], style: [...hashes.style] }, null, 2));

// 2. Precompress text files once, at the highest levels (serving them costs nothing).
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.webmanifest', '.txt', '.xml']);
let raw = 0, br = 0, count = 0;
for (const file of walk(clientDir)) {
  if (!COMPRESSIBLE.has(extname(file)) || statSync(file).size < 256) continue;
  const body = readFileSync(file);
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  raw += body.length; br += brotli.length; count += 1;
}
console.log(`postbuild: precompressed ${count} files, ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);

// 3. Our server, bundled next to Astro's entry.mjs (dependencies stay in node_modules).
await build({
  entryPoints: [join(root, 'src/server/main.ts')],
  outfile: join(serverDir, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
console.log('postbuild: server bundled to dist/server/main.mjs');
