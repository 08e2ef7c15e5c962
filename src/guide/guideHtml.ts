/**
 * The whole guide of one language as one self-contained HTML file
 * (/km/guide.html, /en/guide.html), for passing on by Telegram or Bluetooth:
 * every article, the hotlines as tel: links, the two checklists ready to print,
 * a table of contents with in-file links, and the date it was made. No
 * scripts, no external requests (no images, fonts or stylesheets: the Khmer
 * font is the phone's own), inline CSS only, so it opens from the phone's
 * files (file://) with no network in any browser. Pure: data in, text out.
 */

export interface GuideArticle {
  /** The article's slug: its anchor in the file is `a-<slug>`. */
  slug: string;
  title: string;
  summary: string;
  /** The article's body as the site renders it (Markdown → HTML); links and headings are adapted here. */
  html: string;
  sources: { title: string; publisher: string; url?: string; date: string }[];
  reviewed: string;
  draft?: string;
  /** Marked `offline: core`: kept first when the whole guide is over GUIDE_MAX_BYTES. */
  core?: boolean;
}

export interface GuideHotline {
  id: string;
  name: string;
  number: string;
  /** Digits as dialled in its country. */
  dial: string;
  international: string | null;
  insideOnly?: string;
  purpose: string;
  details: [label: string, value: string][];
  checked: string;
}

export interface GuideInput {
  locale: string;
  title: string;
  intro: string;
  made: string;
  /** Where the site is online, when known (SITE_URL): links to pages not in this file go there. */
  siteUrl?: string;
  labels: {
    contents: string;
    backToContents: string;
    sources: string;
    hotlines: string;
    hotlinesIntro: string;
    call: (number: string) => string;
    fromAbroad: (number: string) => string;
    checklists: string;
    printHint: string;
    website?: string;
  };
  subjects: { slug: string; title: string; description: string; articles: GuideArticle[] }[];
  hotlineGroups: { country: string; code: string; hotlines: GuideHotline[] }[];
  checklist: { title: string; intro: string; groups: { title: string; items: string[] }[] };
  jobCheck: { title: string; intro: string; yes: string; no: string; warningIf: (answer: string, sign: string) => string; after: string; questions: { question: string; warnIf: 'yes' | 'no'; sign: string }[] };
  draftNote?: string;
}

export const GUIDE_MAX_BYTES = 400 * 1024;
/**
 * When the whole guide is over GUIDE_MAX_BYTES, the selection fills this much: a smaller file
 * travels better by Bluetooth, and it is saved with the core pages, within the offline budget.
 */
export const GUIDE_PARTIAL_BYTES = 200 * 1024;

/**
 * The guide within `maxBytes`: every article when they fit; otherwise the articles marked core,
 * then one from each subject in turn, as many as fit in `partialBytes`, with `partialIntro` in place of the intro
 * (the file says it holds only part of the site; links to the others go to the site). Bytes are
 * estimated per article, then checked on the real file. Undefined when even no article is too big.
 */
export function guideWithin(input: GuideInput, wholeMaxBytes: number, partialIntro: string, maxBytes = wholeMaxBytes): string | undefined {
  const whole = guideHtml(input);
  if (Buffer.byteLength(whole) <= wholeMaxBytes) return whole;
  const queues = input.subjects.map((s) => [...s.articles.filter((a) => a.core), ...s.articles.filter((a) => !a.core)]);
  const order: GuideArticle[] = queues.flatMap((q) => q.filter((a) => a.core));
  for (let round = 0; queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (q[round] && !q[round]!.core) order.push(q[round]!);
  }
  const weight = (a: GuideArticle) => Buffer.byteLength(a.html + a.title + a.summary + JSON.stringify(a.sources)) + 600;
  const build = (count: number) => {
    const kept = new Set(order.slice(0, count));
    return guideHtml({ ...input, intro: partialIntro, subjects: input.subjects.map((s) => ({ ...s, articles: s.articles.filter((a) => kept.has(a)) })) });
  };
  let room = maxBytes - Buffer.byteLength(build(0));
  if (room < 0) return undefined;
  let count = 0;
  while (count < order.length && room - weight(order[count]!) >= 0) room -= weight(order[count++]!);
  let html = build(count);
  while (count > 0 && Buffer.byteLength(html) > maxBytes) html = build(--count);
  return html;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Anchors in the file. */
export const anchors = {
  contents: 'contents',
  subject: (slug: string) => `s-${slug}`,
  article: (slug: string) => `a-${slug}`,
  hotlines: 'hotlines',
  hotline: (id: string) => `h-${id}`,
  checklists: 'checklists',
  checklist: 'checklist-before-you-go',
  jobCheck: 'checklist-job-offer',
};

/** `tel:` link of a number as written (`+855 23 997 919`, `1280`). */
export function telLink(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${number.replace(/\D/g, '')}`;
}

/**
 * An article body made to live in the file: links to pages that are in it
 * become in-file links (`/km/safe-migration/x/` → `#a-x`, the hotlines page →
 * `#hotlines`, the self-checks → their printable lists); links to other pages
 * of the site go to the site's address when it is known, else become plain
 * text; headings go two levels down (the subject is an h2 here, the article's title an h3) and
 * their ids take the article's slug, so no two are the same.
 */
export function adaptArticleHtml(html: string, { slug, locale, articleSlugs, subjectSlugs, siteUrl }: {
  slug: string; locale: string; articleSlugs: ReadonlySet<string>; subjectSlugs: ReadonlySet<string>; siteUrl?: string;
}): string {
  const inFile = (path: string): string | undefined => {
    const [pathname = '', hash] = path.split('#');
    const parts = pathname.split('/').filter(Boolean);
    if (parts[0] !== locale) return undefined;
    const [, first, second] = parts;
    if (first === 'hotlines' && parts.length === 2) return `#${hash ? anchors.hotline(hash) : anchors.hotlines}`;
    if (first === 'checks' && second === 'before-you-go') return `#${anchors.checklist}`;
    if (first === 'checks' && second === 'job-offer') return `#${anchors.jobCheck}`;
    if (first && subjectSlugs.has(first) && parts.length === 2) return `#${anchors.subject(first)}`;
    if (first && subjectSlugs.has(first) && second && articleSlugs.has(second) && parts.length === 3) return `#${anchors.article(second)}`;
    return undefined;
  };
  return html
    .replace(/<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g, (whole, before: string, href: string, after: string, text: string) => {
      const target = href.replace(/&amp;/g, '&');
      if (target.startsWith('#')) return `<a href="#${escapeHtml(`${slug}--${target.slice(1)}`)}">${text}</a>`;
      if (/^(tel|sms|mailto):/i.test(target)) return whole;
      if (/^https?:\/\//i.test(target)) return `<a${before}href="${href}"${after.replace(/\srel="[^"]*"/, '')} rel="noreferrer">${text}</a>`;
      if (target.startsWith('/')) {
        const local = inFile(target);
        if (local) return `<a href="${local}">${text}</a>`;
        if (siteUrl) return `<a href="${escapeHtml(new URL(target, siteUrl).href)}" rel="noreferrer">${text}</a>`;
      }
      return text;
    })
    .replace(/<(\/?)h([1-6])\b/g, (_, close: string, level: string) => `<${close}h${Math.min(6, Number(level) + 2)}`)
    .replace(/\sid="([^"]*)"/g, (_, id: string) => ` id="${slug}--${id}"`)
    // Nothing that could make a request or run: the site's bodies have none, and the file must never.
    .replace(/<(script|style|iframe|object|embed|img|picture|video|audio|source|link)\b[\s\S]*?(<\/\1>|\/?>)/gi, '');
}

const CSS = `
:root{color-scheme:light}
body{margin:0;font-family:"Noto Sans Khmer","Khmer OS System","Khmer OS","Khmer UI","Khmer Sangam MN",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;background:#fff;font-size:106.25%;line-height:1.6;-webkit-text-size-adjust:100%}
html:lang(km) body{font-size:112.5%;line-height:1.85}
main{max-width:42rem;margin:0 auto;padding:0 1rem 3rem}
header.top{background:#0a5a63;color:#fff;padding:1rem}
header.top h1{margin:0 auto;max-width:42rem;font-size:1.6rem;line-height:1.35}
header.top p{margin:.5rem auto 0;max-width:42rem}
h2{font-size:1.35rem;line-height:1.35;margin:2.25rem 0 .5rem;padding-top:1rem;border-top:3px solid #0a5a63}
h3{font-size:1.2rem;line-height:1.35;margin:1.75rem 0 .4rem}
h4,h5,h6{font-size:1.05rem;margin:1.25rem 0 .25rem}
html:lang(km) :is(h1,h2,h3,h4){line-height:1.6;font-weight:600}
p,ul,ol{margin:0 0 1rem}
ul,ol{padding-left:1.4rem}
html:lang(km) ol{list-style-type:khmer;padding-left:1.9rem}
li{margin-bottom:.35rem}
a{color:#0a5a63;text-underline-offset:.18em}
a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.made{font-size:.95rem}
.lead{font-size:1.08rem}
.muted,.sources{color:#4a4a4a;font-size:.9rem}
.sources li{overflow-wrap:anywhere}
.top-link{font-size:.9rem}
nav.toc ol{padding-left:1.4rem}
nav.toc>ol>li{margin-top:.6rem;font-weight:700}
nav.toc>ol>li>ol{font-weight:400}
.subject-intro{color:#4a4a4a}
.help{background:#fff4d6;border:2px solid #c98a00;border-radius:.6rem;padding:.75rem 1rem;margin:1rem 0}
.hotline{border:1px solid #cfd8d9;border-radius:.6rem;padding:.75rem 1rem;margin:0 0 .9rem}
.hotline h4{margin-top:0}
.call{display:inline-block;padding:.45rem 1rem;margin:.2rem 0;background:#0a5a63;color:#fff;border-radius:.5rem;font-weight:700;font-size:1.15rem;text-decoration:none}
.hotline dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.5rem 0;font-size:.95rem}
.hotline dt{font-weight:600}
.hotline dd{margin:0}
.checks{list-style:none;padding:0}
.checks li{display:flex;gap:.6rem;align-items:flex-start;padding:.35rem 0;border-bottom:1px solid #e2e2e2}
.box{flex:none;display:inline-block;width:1.1rem;height:1.1rem;border:2px solid #1b1b1b;border-radius:.15rem;margin-top:.3rem;background:#fff}
.answers{display:flex;gap:1.25rem;margin-top:.25rem;white-space:nowrap}
.answers span{display:inline-flex;gap:.4rem;align-items:center}
.answers .box{margin-top:0}
.warn{color:#8c1d18;font-size:.9rem}
@media print{
  body{font-size:11pt;line-height:1.45}
  html:lang(km) body{font-size:12pt;line-height:1.7}
  header.top{background:none;color:#000;padding:0 0 .5rem;border-bottom:2px solid #000}
  nav.toc,.top-link{display:none}
  h2{break-after:avoid;border-top-color:#000}
  h3,h4{break-after:avoid}
  .hotline,.checks li{break-inside:avoid}
  .call{background:none;color:#000;padding:0;font-size:1.1rem}
  a{color:#000;text-decoration:none}
  #checklists>h2{break-before:page}
  .checklist-part{break-before:page}
}`;

export function guideHtml(input: GuideInput): string {
  const e = escapeHtml;
  const { labels } = input;
  const articleSlugs = new Set(input.subjects.flatMap((s) => s.articles.map((a) => a.slug)));
  const subjectSlugs = new Set(input.subjects.map((s) => s.slug));
  const top = `<p class="top-link"><a href="#${anchors.contents}">↑ ${e(labels.backToContents)}</a></p>`;

  const toc = `<nav class="toc" aria-labelledby="${anchors.contents}"><h2 id="${anchors.contents}">${e(labels.contents)}</h2><ol>
${input.subjects.map((s) => `<li><a href="#${anchors.subject(s.slug)}">${e(s.title)}</a><ol>${s.articles.map((a) => `<li><a href="#${anchors.article(a.slug)}">${e(a.title)}</a></li>`).join('')}</ol></li>`).join('\n')}
<li><a href="#${anchors.hotlines}">${e(labels.hotlines)}</a></li>
<li><a href="#${anchors.checklists}">${e(labels.checklists)}</a><ol><li><a href="#${anchors.checklist}">${e(input.checklist.title)}</a></li><li><a href="#${anchors.jobCheck}">${e(input.jobCheck.title)}</a></li></ol></li>
</ol></nav>`;

  const article = (a: GuideArticle) => `<article aria-labelledby="${anchors.article(a.slug)}">
<h3 id="${anchors.article(a.slug)}">${e(a.title)}</h3>
<p class="lead">${e(a.summary)}</p>
${adaptArticleHtml(a.html, { slug: a.slug, locale: input.locale, articleSlugs, subjectSlugs, siteUrl: input.siteUrl })}
<p class="muted">${e(a.reviewed)}${a.draft ? ` · ${e(a.draft)}` : ''}</p>
<details class="sources"><summary>${e(labels.sources)}</summary><ol>${a.sources.map((s) => `<li>${s.url ? `<a href="${e(s.url)}" rel="noreferrer">${e(s.title)}</a>` : e(s.title)} — ${e(s.publisher)}, ${e(s.date)}</li>`).join('')}</ol></details>
${top}
</article>`;

  const subjects = input.subjects.map((s) => `<section aria-labelledby="${anchors.subject(s.slug)}">
<h2 id="${anchors.subject(s.slug)}">${e(s.title)}</h2>
<p class="subject-intro">${e(s.description)}</p>
${s.articles.map(article).join('\n')}
</section>`).join('\n');

  const hotline = (h: GuideHotline) => `<div class="hotline" id="${anchors.hotline(h.id)}">
<h4>${e(h.name)}</h4>
<p><a class="call" href="${telLink(h.dial)}">${e(labels.call(h.number))}</a></p>
${h.insideOnly ? `<p class="muted">${e(h.insideOnly)}</p>` : ''}
${h.international ? `<p><a href="${telLink(h.international)}">${e(labels.fromAbroad(h.international))}</a></p>` : ''}
<p>${e(h.purpose)}</p>
<dl>${h.details.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
<p class="muted">${e(h.checked)}</p>
</div>`;

  const hotlines = `<section aria-labelledby="${anchors.hotlines}">
<h2 id="${anchors.hotlines}">${e(labels.hotlines)}</h2>
<p>${e(labels.hotlinesIntro)}</p>
${input.hotlineGroups.map((g) => `<h3 id="country-${e(g.code.toLowerCase())}">${e(g.country)}</h3>\n${g.hotlines.map(hotline).join('\n')}`).join('\n')}
${top}
</section>`;

  const box = '<span class="box" aria-hidden="true"></span>';
  const { checklist, jobCheck } = input;
  const checklists = `<section id="${anchors.checklists}" aria-labelledby="checklists-title">
<h2 id="checklists-title">${e(labels.checklists)}</h2>
<p class="muted">${e(labels.printHint)}</p>
<div class="checklist-part">
<h3 id="${anchors.checklist}">${e(checklist.title)}</h3>
<p>${e(checklist.intro)}</p>
${checklist.groups.map((g) => `<h4>${e(g.title)}</h4><ul class="checks">${g.items.map((item) => `<li>${box}<span>${e(item)}</span></li>`).join('')}</ul>`).join('\n')}
</div>
<div class="checklist-part">
<h3 id="${anchors.jobCheck}">${e(jobCheck.title)}</h3>
<p>${e(jobCheck.intro)}</p>
<ol>${jobCheck.questions.map((q) => `<li><p>${e(q.question)}</p><p class="answers"><span>${box}${e(jobCheck.yes)}</span><span>${box}${e(jobCheck.no)}</span></p><p class="warn">${e(jobCheck.warningIf(q.warnIf === 'yes' ? jobCheck.yes : jobCheck.no, q.sign))}</p></li>`).join('\n')}</ol>
<p class="help">${e(jobCheck.after)}</p>
</div>
${top}
</section>`;

  return `<!doctype html>
<html lang="${e(input.locale)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(input.title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header class="top"><h1>${e(input.title)}</h1><p>${e(input.intro)}</p></header>
<main>
<p class="made">${e(input.made)}</p>
${input.siteUrl && labels.website ? `<p>${e(labels.website)} <a href="${e(input.siteUrl)}" rel="noreferrer">${e(input.siteUrl)}</a></p>` : ''}
${input.draftNote ? `<p class="muted">${e(input.draftNote)}</p>` : ''}
${toc}
${subjects}
${hotlines}
${checklists}
</main>
</body>
</html>
`;
}
