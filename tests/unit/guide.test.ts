/**
 * The guide to pass on (one self-contained HTML file per language): nothing in
 * it can make a request or run, every in-file link has its target, hotlines
 * are tel: links, the site's own links become in-file links.
 */
import { describe, expect, it } from 'vitest';
import { adaptArticleHtml, guideHtml, guideWithin, GUIDE_MAX_BYTES, telLink, type GuideInput } from '../../src/guide/guideHtml';

const article = (slug: string, html: string) => ({
  slug, title: `Title ${slug}`, summary: `Summary of ${slug}`, html,
  sources: [{ title: 'Source', publisher: 'ILO', url: 'https://www.ilo.org/x', date: '2020' }],
  reviewed: 'Last reviewed: 26 November 2026',
});

const input = (): GuideInput => ({
  locale: 'en',
  title: 'The guide',
  intro: 'All in one file.',
  made: 'Made on 1 December 2026.',
  labels: {
    contents: 'Contents', backToContents: 'Back to the contents', sources: 'Sources', hotlines: 'Hotlines', hotlinesIntro: 'Tap to call.',
    call: (n) => `Call ${n}`, fromAbroad: (n) => `From abroad: ${n}`, checklists: 'Checklists to print', printHint: 'Print it.',
  },
  subjects: [
    { slug: 'safe-migration', title: 'Safe migration', description: 'Plan.', articles: [
      article('before-you-go', '<h2 id="ask">Ask first</h2><p>Read <a href="/en/safe-migration/agencies/">agencies</a>, the <a href="/en/hotlines/">hotlines</a>, the <a href="/en/checks/job-offer/">check</a> and <a href="/en/help/">the form</a>. <a href="#ask">Up</a></p>'),
      article('agencies', '<h2 id="ask">Ask first</h2><p>See <a href="https://www.ilo.org/">the ILO</a>.<img src="/x.png" alt=""><script>alert(1)</script></p>'),
    ] },
  ],
  hotlineGroups: [{ country: 'Cambodia', code: 'KH', hotlines: [
    { id: 'kh-1280', name: 'Child Helpline', number: '1280', dial: '1280', international: null, insideOnly: 'From inside Cambodia only', purpose: 'For children <and> adults', details: [['Hours', '24 hours']], checked: 'Checked on 26 November 2026' },
    { id: 'kh-023997919', name: 'Hotline', number: '023 997 919', dial: '023997919', international: '+855 23 997 919', purpose: 'Help', details: [], checked: 'Checked' },
  ] }],
  checklist: { title: 'Before you go', intro: 'Tick.', groups: [{ title: 'Documents', items: ['Keep your passport', 'Make copies'] }] },
  jobCheck: { title: 'Is this job offer safe?', intro: 'Tick yes or no.', yes: 'Yes', no: 'No', warningIf: (a, sign) => `A warning sign if the answer is ${a}: ${sign}`, after: 'Call a hotline.', questions: [{ question: 'A fee?', warnIf: 'yes', sign: 'A fee' }] },
});

describe('guideHtml', () => {
  const html = guideHtml(input());
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!);

  it('has nothing that runs or fetches: no script, no src, no external stylesheet or font, only inline CSS', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio)\b/i);
    expect([...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
  });

  it('links inside the file only to anchors that exist, each id once', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const inFile = hrefs.filter((h) => h.startsWith('#'));
    expect(inFile.length).toBeGreaterThan(5);
    for (const href of inFile) expect(ids, href).toContain(href.slice(1));
    // Every other link leaves the file on purpose: a call, or a source on the web.
    for (const href of hrefs.filter((h) => !h.startsWith('#'))) expect(href).toMatch(/^(tel:|https:\/\/|data:)/);
  });

  it('turns the site\'s own links into in-file links, and drops those it cannot follow', () => {
    expect(html).toContain('<a href="#a-agencies">agencies</a>');
    expect(html).toContain('<a href="#hotlines">hotlines</a>');
    expect(html).toContain('<a href="#checklist-job-offer">check</a>');
    expect(html).toContain(' and the form.');
    expect(html).toContain('<a href="#before-you-go--ask">Up</a>');
  });

  it('has a table of contents with every article, the hotlines and the checklists', () => {
    const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
    for (const target of ['#s-safe-migration', '#a-before-you-go', '#a-agencies', '#hotlines', '#checklist-before-you-go', '#checklist-job-offer']) expect(toc).toContain(`href="${target}"`);
  });

  it('makes every hotline a tel: link, the international number too', () => {
    expect(html).toContain('<a class="call" href="tel:1280">Call 1280</a>');
    expect(html).toContain('<a class="call" href="tel:023997919">Call 023 997 919</a>');
    expect(html).toContain('<a href="tel:+85523997919">From abroad: +855 23 997 919</a>');
    expect(telLink('+855 23 997 919')).toBe('tel:+85523997919');
  });

  it('escapes text and says when it was made', () => {
    expect(html).toContain('For children &lt;and&gt; adults');
    expect(html).toContain('Made on 1 December 2026.');
  });

  it('puts the article headings under the article title and the checklists on pages of their own in print', () => {
    expect(html).toContain('<h3 id="a-before-you-go">');
    expect(html).toContain('<h4 id="before-you-go--ask">Ask first</h4>');
    expect(html).toMatch(/@media print\{[^}]*[\s\S]*\.checklist-part\{break-before:page\}/);
    expect((html.match(/class="box"/g) ?? []).length).toBe(2 + 2); // two items, yes and no
    expect(html).toContain('<p class="warn">A warning sign if the answer is Yes: A fee</p>');
  });

  it('links other pages to the website when its address is known', () => {
    const online = guideHtml({ ...input(), siteUrl: 'https://safejourney.example.org/en/', labels: { ...input().labels, website: 'The website:' } });
    expect(online).toContain('<a href="https://safejourney.example.org/en/help/" rel="noreferrer">the form</a>');
  });
});

describe('adaptArticleHtml', () => {
  const options = { slug: 'x', locale: 'km', articleSlugs: new Set(['y']), subjectSlugs: new Set(['child-labour']) };
  it('keeps calls and external links (without a referrer), and maps subjects and hotline anchors', () => {
    expect(adaptArticleHtml('<a href="tel:1280">1280</a>', options)).toBe('<a href="tel:1280">1280</a>');
    expect(adaptArticleHtml('<a href="https://a.org/">a</a>', options)).toBe('<a href="https://a.org/" rel="noreferrer">a</a>');
    expect(adaptArticleHtml('<a href="/km/child-labour/">s</a>', options)).toBe('<a href="#s-child-labour">s</a>');
    expect(adaptArticleHtml('<a href="/km/child-labour/y/">y</a>', options)).toBe('<a href="#a-y">y</a>');
    expect(adaptArticleHtml('<a href="/km/hotlines/#kh-1280">1280</a>', options)).toBe('<a href="#h-kh-1280">1280</a>');
    // Another language's page is not in this file.
    expect(adaptArticleHtml('<a href="/en/child-labour/y/">y</a>', options)).toBe('y');
  });
});

describe('guideWithin', () => {
  // Many big articles in two subjects: the whole guide is far over the limit.
  const big = (): GuideInput => {
    const base = input();
    const body = `<p>${'word '.repeat(2000)}</p>`;
    return {
      ...base,
      subjects: [
        { slug: 'one', title: 'One', description: 'x', articles: Array.from({ length: 40 }, (_, i) => ({ ...article(`one-${i}`, body), core: i === 39 })) },
        { slug: 'two', title: 'Two', description: 'y', articles: Array.from({ length: 40 }, (_, i) => article(`two-${i}`, body)) },
      ],
    };
  };

  it('is the whole guide when it fits', () => {
    expect(guideWithin(input(), GUIDE_MAX_BYTES, 'Part of it.')).toBe(guideHtml(input()));
  });

  it('keeps the core articles first, then each subject in turn, under the limit, and says it is part of the site', () => {
    const limit = 100 * 1024;
    const html = guideWithin(big(), limit, 'The main articles only.')!;
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(limit);
    expect(Buffer.byteLength(guideHtml(big()))).toBeGreaterThan(limit);
    expect(html).toContain('The main articles only.');
    const kept = [...html.matchAll(/<h3 id="a-([^"]+)"/g)].map((m) => m[1]!);
    expect(kept).toContain('one-39'); // core, though last of its subject
    const ones = kept.filter((s) => s.startsWith('one-')).length;
    const twos = kept.filter((s) => s.startsWith('two-')).length;
    expect(twos).toBeGreaterThan(3);
    expect(Math.abs(ones - 1 - twos)).toBeLessThanOrEqual(1);
    // It is nearly full: one more article would not have fitted.
    expect(Buffer.byteLength(html)).toBeGreaterThan(limit - 2 * 11_000);
  });

  it('fills a smaller size when it is a selection', () => {
    const html = guideWithin(big(), 150 * 1024, 'The main articles only.', 60 * 1024)!;
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);
    expect(Buffer.byteLength(html)).toBeGreaterThan(60 * 1024 - 2 * 11_000);
  });

  it('is undefined when the hotlines and checklists alone are over the limit', () => {
    expect(guideWithin(big(), 2000, 'x')).toBeUndefined();
  });
});
