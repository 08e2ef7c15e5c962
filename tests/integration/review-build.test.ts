/**
 * After a rebuild, a page whose every Khmer paragraph a reviewer approved says
 * "reviewed by a native speaker" (with the organisation and the day) instead of
 * the draft notice, in Khmer and in English; a page approved and then changed,
 * and a page nobody approved, stay drafts. On SQLite and PostgreSQL: each
 * database approves its own pages in one copy of content/, `review:export`
 * writes the state files there, and one build of that copy (astro build only,
 * into a temporary folder) shows them all. The frontmatter is never changed.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite } from '../support/partnerSite';
import { contentFixture, editFile, projectRoot } from '../support/content';
import { reviewSite } from '../support/review';
import { useTranslations } from '../../src/i18n';
import { formatDate } from '../../src/i18n/format';
import { folderReader, loadUnit } from '../../src/server/review/units';
import type { Locale } from '../../src/domain/locales';

const run = promisify(execFile);
const targets = await dbTargets('it_review_build');
/** Per database: a page approved in full, and one approved in full then edited before the build. */
const PAGES = {
  sqlite: { org: 'sample-coast', complete: ['topics/before-you-go', '/safe-migration/before-you-go/'], edited: ['topics/warning-signs-in-a-job-offer', '/trafficking-signs/warning-signs-in-a-job-offer/'] },
  postgres: { org: 'sample-national', complete: ['pages/about', '/about/'], edited: ['topics/what-to-take-with-you', '/getting-help/what-to-take-with-you/'] },
} as const;
const UNTOUCHED = '/safe-migration/agencies-and-brokers/';

const content = contentFixture();
const work = dirname(content);
const dist = join(work, 'dist');
let buildSeconds = 0;
const built = (locale: Locale, path: string) => readFileSync(join(dist, 'client', locale, path, 'index.html'), 'utf8');
const notice = (html: string) => /<p class="(draft-note|muted reviewed-note)">([^<]*)<\/p>/.exec(html);

beforeAll(async () => {
  for (const target of targets) {
    const pages = PAGES[target.name];
    const server = await startServer({ env: { ...target.env, CONTENT_DIR: content, RUN_WORKER: '0' } });
    try {
      const site = partnerSite(server, target);
      const email = `reviewer@${pages.org}.example.org`;
      await site.cli(['add-user', '--org', pages.org, '--email', email]);
      await site.cli(['grant-reviewer', '--email', email]);
      const cookie = (await site.signIn(email)).cookie!;
      const review = reviewSite(server, content, () => site.env());
      await review.approveAll(cookie, pages.complete[0]);
      await review.approveAll(cookie, pages.edited[0]);
      await review.cli(['export', '--out', join(work, `export-${target.name}`)]);
    } finally {
      await server.stop();
      await target.cleanup();
    }
  }
  // After the export, before the build: one Khmer paragraph of each "edited" page changes.
  for (const target of targets) {
    const [unitId] = PAGES[target.name].edited;
    const unit = loadUnit(unitId, folderReader(content))!;
    const paragraph = unit.paragraphs.find((p) => p.kind === 'p')!;
    editFile(join(content, unit.file), (text) => text.replace(paragraph.km, `${paragraph.km} (កែ)`));
  }
  // The build runs its output's server code from there: it needs the project's packages beside it.
  symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'));
  const started = Date.now();
  await run(process.execPath, [join(projectRoot, 'node_modules/astro/astro.js'), 'build'], {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: content, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: join(work, 'cache') },
    maxBuffer: 50 * 1024 * 1024,
  });
  buildSeconds = (Date.now() - started) / 1000;
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(targets.map((t) => [t.name, t] as const))('reviewed pages after a rebuild, approved on %s', (name) => {
  const pages = PAGES[name];

  it.each(['km', 'en'] as const)('the page approved in full says "reviewed by a native speaker", with the organisation and the day (%s)', (locale) => {
    const state = JSON.parse(readFileSync(join(content, 'reviews/km', `${pages.complete[0]}.json`), 'utf8')) as { reviewedAt: string; organisations: { name: Record<Locale, string> }[] };
    const t = useTranslations(locale);
    const expected = t('article.reviewedNative', { date: formatDate(new Date(`${state.reviewedAt}T00:00:00Z`), locale), organisations: state.organisations.map((o) => o.name[locale]).join(', ') });
    expect(state.organisations.map((o) => o.name.en)).toHaveLength(1);
    const html = built(locale, pages.complete[1]);
    expect(notice(html)?.[1]).toBe('muted reviewed-note');
    expect(notice(html)?.[2]).toBe(expected.replace(/&/g, '&amp;'));
    expect(html).not.toContain(t('article.draft'));
    // The frontmatter still says draft: only the state file changed.
    const source = readFileSync(join(content, loadUnit(pages.complete[0], folderReader(content))!.file), 'utf8');
    expect(source).toMatch(/reviewed:\n {2}status: draft/);
  });

  it('a page approved in full and then changed is a draft again', () => {
    for (const locale of ['km', 'en'] as const) {
      const html = built(locale, pages.edited[1]);
      expect(notice(html)?.[1], locale).toBe('draft-note');
      expect(html).not.toContain('reviewed-note');
    }
  });
});

describe('the rest of the site after the rebuild', () => {
  it('a page nobody approved is still a draft, and the build took a reasonable time', () => {
    expect(notice(built('km', UNTOUCHED))?.[1]).toBe('draft-note');
    expect(notice(built('en', UNTOUCHED))?.[2]).toBe(useTranslations('en')('article.draft'));
    console.log(`review-build: astro build of the fixture took ${buildSeconds.toFixed(0)} s`);
    expect(buildSeconds).toBeLessThan(240);
  });
});
