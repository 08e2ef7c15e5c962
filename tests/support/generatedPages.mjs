// Generated articles for the search scale test and benchmark: the site's own articles, recombined.
// Article n (0-based) takes the title of a real article followed by the number 7000 + n (in Khmer
// digits on Khmer pages; no real page holds a number from 7000 to 7999), and a body of sections
// taken from several real articles of the same language (a fixed pseudo-random choice), so the
// text, its words and its spread are the real ones and the index grows as a bigger site's would.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';
export const generatedNumber = (n, locale) => {
  const digits = String(7000 + n);
  return locale === 'km' ? [...digits].map((d) => KHMER_DIGITS[Number(d)]).join('') : digits;
};

/** The real articles of a language: frontmatter (parsed), body (Markdown), slug. */
export function realArticles(contentDir, locale) {
  const dir = join(contentDir, 'topics', locale);
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
    if (!match) throw new Error(`${file}: no frontmatter`);
    return { slug: file.replace(/\.md$/, ''), data: yaml.load(match[1]), body: match[2] };
  });
}

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` generated articles: { slug, data (frontmatter), body (Markdown) }. Every 100th is marked `offline: core`. */
export function generateArticles(contentDir, locale, count, seed = 17) {
  const real = realArticles(contentDir, locale);
  // Sections: a `##` heading with what follows it, from every real article.
  const sections = real.flatMap((a) => a.body.split(/\n(?=## )/).filter((s) => s.startsWith('## ')));
  const next = random(seed);
  return Array.from({ length: count }, (_, n) => {
    const model = real[n % real.length];
    const parts = Array.from({ length: 3 + Math.floor(next() * 3) }, () => sections[Math.floor(next() * sections.length)]);
    const data = { ...model.data, title: `${model.data.title} ${generatedNumber(n, locale)}`, order: 1000 + n };
    if (n % 100 === 0) data.offline = 'core';
    return { slug: `${model.slug}-${7000 + n}`, data, body: `${model.body.split(/\n(?=## )/)[0]}\n\n${parts.join('\n\n')}\n` };
  });
}

/** Writes generated articles into a copy of content/ (both languages). */
export function writeGeneratedArticles(contentDir, locales, count) {
  for (const locale of locales) {
    for (const article of generateArticles(contentDir, locale, count)) {
      const front = yaml.dump(article.data, { lineWidth: -1 });
      writeFileSync(join(contentDir, 'topics', locale, `${article.slug}.md`), `---\n${front}---\n\n${article.body}`);
    }
  }
}
