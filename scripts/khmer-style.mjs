// The Khmer house style of content/style/km.yaml, checked over content/ for `npm run check:content`:
//   retired spellings anywhere in content/; a count without its classifier in ui/km.json;
//   Latin digits in Khmer text except where a person dials or types; straight quotes in Khmer prose.
// Each check returns problems as "content/<file>:<line>: <what> — <what to write>".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';

export const STYLE_FILE = 'style/km.yaml';

/**
 * @typedef {{ spelling: string, use: string, why?: string }} Retired
 * @typedef {{ retired: Retired[], counts: { classifier: string, variables: string[], units?: string[] }, digits?: { allowLatin?: string[] } }} KhmerStyle
 */

/** The style file as data; throws with the file's name when it is missing or malformed. @returns {KhmerStyle} */
export function loadStyle(contentDir) {
  const file = join(contentDir, STYLE_FILE);
  if (!existsSync(file)) throw new Error(`content/${STYLE_FILE} not found: the Khmer house style cannot be checked`);
  const style = yaml.load(readFileSync(file, 'utf8')) ?? {};
  const bad = !Array.isArray(style.retired) || style.retired.some((r) => !r?.spelling || !r?.use)
    || !style.counts?.classifier || !Array.isArray(style.counts?.variables);
  if (bad) throw new Error(`content/${STYLE_FILE}: needs retired[] (spelling, use) and counts (classifier, variables)`);
  return style;
}

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const full = join(dir, name);
  return statSync(full).isDirectory() ? walk(full) : [full];
});
const lineOf = (text, index) => text.slice(0, index).split('\n').length;
const display = (contentDir, file) => `content/${relative(contentDir, file)}`;

/** Every retired spelling, in every text file of content/ but the style file itself. */
export function checkRetired(contentDir, style) {
  const problems = [];
  const styleFile = join(contentDir, STYLE_FILE);
  for (const file of walk(contentDir)) {
    if (file === styleFile || !/\.(md|ya?ml|json|txt)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const { spelling, use, why } of style.retired) {
      for (let at = text.indexOf(spelling); at >= 0; at = text.indexOf(spelling, at + spelling.length)) {
        problems.push(`${display(contentDir, file)}:${lineOf(text, at)}: retired spelling «${spelling}»: write «${use}»${why ? ` (${why})` : ''}`);
      }
    }
  }
  return problems;
}

/** Leaves of a JSON tree as [dotted.key, string]. */
const leaves = (tree, prefix = '') => Object.entries(tree).flatMap(([k, v]) =>
  v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]);

/** A count in a Khmer interface string needs «ចំនួន» before it, or a measure word after it. */
export function checkCounts(kmStrings, style, where = 'content/ui/km.json') {
  const { classifier, variables, units = [] } = style.counts;
  const problems = [];
  for (const [key, value] of leaves(kmStrings)) {
    if (typeof value !== 'string') continue;
    for (const name of variables) {
      const token = `{{${name}}}`;
      for (let at = value.indexOf(token); at >= 0; at = value.indexOf(token, at + token.length)) {
        const before = value.slice(0, at).trimEnd();
        const after = value.slice(at + token.length).trimStart();
        if (before.endsWith(classifier) || units.some((u) => after.startsWith(u))) continue;
        problems.push(`${where}: ${key}: «${value}» — a count needs its classifier: «…${classifier} ${token}» (or ${token} before a measure word: ${units.join(', ')})`);
      }
    }
  }
  return problems;
}

/** The digits of every phone number the site publishes (content/hotlines), in each written form. */
export function dialledNumbers(contentDir) {
  const dir = join(contentDir, 'hotlines');
  const numbers = new Set();
  if (!existsSync(dir)) return numbers;
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    let data;
    try { data = yaml.load(readFileSync(join(dir, file), 'utf8')) ?? {}; } catch { continue; }
    for (const field of ['number', 'dial', 'international', 'whatsapp']) {
      if (data[field]) numbers.add(String(data[field]).replace(/\D/g, ''));
    }
  }
  numbers.delete('');
  return numbers;
}

// A run of Latin digits, with single separators between digits ("023 997 919", "1-800-010-181", "09:00–18:00").
const DIGIT_RUN = /[0-9](?:[0-9]|[ \-–:.,/](?=[0-9]))*/g;
const CODE_NEIGHBOUR = /[A-Za-z/_+]/;
// What in a line of Markdown is not prose: link targets, web addresses, placeholders, list markers.
const notProse = (line) => line
  .replace(/\]\([^)]*\)/g, ']()')
  .replace(/<https?:[^>]*>/g, '')
  .replace(/https?:\/\/\S+/g, '')
  .replace(/\{\{[^}]*\}\}/g, '')
  .replace(/^(\s*)\d+\.(?=\s)/, '$1');

/** Latin digit runs in one line of Khmer text that are neither dialled numbers nor codes. */
export function latinDigitsIn(line, numbers, allowLatin = []) {
  let text = notProse(line);
  for (const allowed of allowLatin) text = text.split(allowed).join(' ');
  const found = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    const beforeDash = text[m.index - 1] === '-' ? text[m.index - 2] ?? '' : '';
    if (CODE_NEIGHBOUR.test(before) || CODE_NEIGHBOUR.test(after) || /[A-Za-z]/.test(beforeDash)) continue;
    if (numbers.has(m[0].replace(/\D/g, ''))) continue;
    found.push(m[0]);
  }
  return found;
}

const KHMER = /[\u1780-\u17FF]/;
const kmFiles = (contentDir) => ['topics', 'pages', 'sessions'].flatMap((kind) => {
  const dir = join(contentDir, kind, 'km');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f)) : [];
});

/** The Khmer prose of a page or deck, line by line: the frontmatter's title/summary/audience and the body. */
function* proseLines(text) {
  const lines = text.split('\n');
  let fence = 0;
  for (const [i, line] of lines.entries()) {
    if (fence < 2 && line.trim() === '---') { fence += 1; continue; }
    if (fence === 1) {
      const field = /^(title|summary|audience):\s*(.*)$/.exec(line);
      if (field) yield { line: i + 1, text: field[2].replace(/^"|"$/g, ''), body: false };
      continue;
    }
    if (fence >= 2) yield { line: i + 1, text: line, body: true };
  }
}

/** Khmer strings of a selfcheck file: every `km:` value, with its line. */
function* selfcheckLines(text) {
  for (const [i, line] of text.split('\n').entries()) {
    const m = /\bkm:\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (m) yield { line: i + 1, text: m[1], body: false };
  }
}

/** Digits (and straight quotes in prose) across the Khmer text of content/. */
export function checkKhmerText(contentDir, style) {
  const problems = [];
  const numbers = dialledNumbers(contentDir);
  const allow = style.digits?.allowLatin ?? [];
  const report = (where, text, quotesToo) => {
    for (const digits of latinDigitsIn(text, numbers, allow)) {
      problems.push(`${where}: Latin digits «${digits}» in Khmer text: write Khmer digits (${digits.replace(/[0-9]/g, (d) => String.fromCharCode(0x17e0 + Number(d)))}); Latin only for a number people dial (content/hotlines) or a code`);
    }
    if (quotesToo && KHMER.test(text) && text.includes('"')) problems.push(`${where}: straight quotes in Khmer text: write « »`);
  };
  for (const file of kmFiles(contentDir)) {
    for (const { line, text, body } of proseLines(readFileSync(file, 'utf8'))) report(`${display(contentDir, file)}:${line}`, text, body);
  }
  const selfchecks = join(contentDir, 'selfchecks');
  if (existsSync(selfchecks)) {
    for (const f of readdirSync(selfchecks).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      for (const { line, text } of selfcheckLines(readFileSync(join(selfchecks, f), 'utf8'))) report(`content/selfchecks/${f}:${line}`, text.replace(/\\"/g, '"'), true);
    }
  }
  const ui = join(contentDir, 'ui/km.json');
  if (existsSync(ui)) {
    for (const [key, value] of leaves(JSON.parse(readFileSync(ui, 'utf8')))) if (typeof value === 'string') report(`content/ui/km.json: ${key}`, value, true);
  }
  return problems;
}

/** All house-style problems of a content folder. */
export function checkKhmerStyle(contentDir) {
  let style;
  try {
    style = loadStyle(contentDir);
  } catch (e) {
    return [e.message];
  }
  const ui = join(contentDir, 'ui/km.json');
  return [
    ...checkRetired(contentDir, style),
    ...(existsSync(ui) ? checkCounts(JSON.parse(readFileSync(ui, 'utf8')), style) : []),
    ...checkKhmerText(contentDir, style),
  ];
}
