#!/usr/bin/env node
// npm run check:content — reports, and exits non-zero on any of:
//   an article or page present in one language only; an article outside 300–900 words;
//   a hotline without a source or a checked date; a broken internal link in the built site;
//   a page that does not link to its twin; fewer than 22 pages per language reachable from home;
//   a recording named by an article or deck (`audio:`) that is not in content/audio/<lang>/;
//   the Khmer house style of content/style/km.yaml (scripts/khmer-style.mjs): a retired spelling
//   anywhere in content/, a count without its classifier in ui/km.json, Latin digits in Khmer text
//   other than numbers people dial or codes, straight quotes in Khmer prose.
// Options: --content DIR (default content/), --dist DIR (default <ASTRO_OUT_DIR or dist/>/client/).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import yaml from 'js-yaml';
import { LOCALES } from './locales.mjs';
import { checkKhmerStyle } from './khmer-style.mjs';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const contentDir = arg('--content', join(root, 'content'));
const distDir = arg('--dist', join(resolve(root, process.env.ASTRO_OUT_DIR || 'dist'), 'client'));
const problems = [];
const report = (msg) => problems.push(msg);

const list = (dir, ext) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort() : []);
const frontmatter = (file) => {
  const text = readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  return m ? { data: yaml.load(m[1]) ?? {}, body: m[2] } : { data: {}, body: text };
};
const words = (text, locale) =>
  [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;

// 1. Translations: every article and page in both languages, same slug.
for (const kind of ['topics', 'pages']) {
  const slugs = Object.fromEntries(LOCALES.map((l) => [l, new Set(list(join(contentDir, kind, l), '.md'))]));
  for (const l of LOCALES) {
    for (const other of LOCALES.filter((o) => o !== l)) {
      for (const file of slugs[l]) if (!slugs[other].has(file)) report(`missing translation: content/${kind}/${other}/${file} (exists in ${l})`);
    }
  }
}
const articleCount = Object.fromEntries(LOCALES.map((l) => [l, 0]));
for (const l of LOCALES) {
  for (const file of list(join(contentDir, 'topics', l), '.md')) {
    articleCount[l] += 1;
    const { body } = frontmatter(join(contentDir, 'topics', l, file));
    const n = words(body, l);
    if (n < 300 || n > 900) report(`content/topics/${l}/${file}: ${n} words (must be 300–900)`);
    if (/[\u200B\u2060\uFEFF]/.test(body)) report(`content/topics/${l}/${file}: contains invisible characters (zero-width space)`);
  }
}

// 2. Hotlines: a source and a checked date on every one.
const hotlineFiles = list(join(contentDir, 'hotlines'), '.yaml');
for (const file of hotlineFiles) {
  let data;
  try {
    data = yaml.load(readFileSync(join(contentDir, 'hotlines', file), 'utf8')) ?? {};
  } catch (e) {
    report(`content/hotlines/${file}: not valid YAML (${e.message.split('\n')[0]})`);
    continue;
  }
  if (!Array.isArray(data.sources) || data.sources.length === 0 || data.sources.some((s) => !s?.url)) report(`content/hotlines/${file}: no source`);
  if (!data.checked || Number.isNaN(new Date(data.checked).getTime())) report(`content/hotlines/${file}: no checked date`);
}

// 2b. Recordings (`audio:` in an article's or deck's frontmatter): the file must be in
//     content/audio/<lang>/; their sizes are listed (they are saved only when a person asks).
const recordings = [];
for (const kind of ['topics', 'sessions']) {
  for (const l of LOCALES) {
    for (const file of list(join(contentDir, kind, l), '.md')) {
      const audio = frontmatter(join(contentDir, kind, l, file)).data.audio;
      if (!audio) continue;
      const path = join(contentDir, 'audio', l, String(audio.file ?? ''));
      if (!audio.file || !existsSync(path)) report(`content/${kind}/${l}/${file}: audio "${audio.file ?? ''}" not found in content/audio/${l}/`);
      else recordings.push(`${l}/${audio.file} ${(statSync(path).size / 1024).toFixed(1)} KB${audio.sample ? ' (sample)' : ''} (${kind}/${l}/${file})`);
    }
  }
}
if (recordings.length) console.log(`recordings (saved on a phone only when asked): ${recordings.join('; ')}`);

// 3. The Khmer house style (content/style/km.yaml).
for (const problem of checkKhmerStyle(contentDir)) report(problem);

// 4. The built site: internal links, twins, reachability.
let reachable = {};
if (!existsSync(distDir)) {
  report(`${distDir} not found: run \`npm run build\` first (links are checked in the built site)`);
} else {
  const pages = new Map(); // url → html
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === 'index.html') pages.set('/' + full.slice(distDir.length).replace(/^\//, '').replace(/index\.html$/, ''), readFileSync(full, 'utf8'));
    }
  };
  walk(distDir);
  const exists = (path) => pages.has(path) || existsSync(join(distDir, path));
  const linksOf = (html) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  for (const [url, html] of pages) {
    for (const href of linksOf(html)) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const path = decodeURI(href.split('#')[0].split('?')[0]);
      if (!exists(path)) report(`broken link on ${url}: ${href}`);
    }
    // The language switch: the link that carries data-lang-switch (in the header, or a presenter's menu).
    const switchTag = /<a\b[^>]*\bdata-lang-switch="[a-z]+"[^>]*>/.exec(html)?.[0];
    const twin = switchTag && /\bhref="([^"]+)"/.exec(switchTag)?.[1];
    if (!twin || !exists(twin)) report(`${url}: no link to its twin in the other language`);
  }
  for (const l of LOCALES) {
    const seen = new Set([`/${l}/`]);
    const queue = [`/${l}/`];
    while (queue.length) {
      const html = pages.get(queue.shift());
      if (!html) continue;
      for (const href of linksOf(html)) {
        const path = href.split('#')[0];
        if (path.startsWith(`/${l}/`) && pages.has(path) && !seen.has(path)) { seen.add(path); queue.push(path); }
      }
    }
    reachable[l] = seen.size;
    if (seen.size < 22) report(`only ${seen.size} ${l} pages reachable from /${l}/ (at least 22 expected)`);
  }
}

const perLocale = (counts) => LOCALES.map((l) => `${l} ${counts[l] ?? '?'}`).join(', ');
console.log(`articles: ${perLocale(articleCount)}; hotlines: ${hotlineFiles.length}; pages reachable from home: ${perLocale(reachable)}`);
if (problems.length) {
  console.error(`check:content found ${problems.length} problem(s):`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log('check:content: no problems found');
