/** Every page of a language as plain text, for the search index (built with the site), and the pages saved first for offline use. */
import type { Locale } from '../domain/locales';
import { SUBJECTS } from '../domain/topics';
import { groupByCountry } from '../domain/hotlines';
import { buildSearchIndex, type SearchDoc, type SearchIndexFiles } from '../domain/search/buildIndex';
import { markdownHeadings, markdownText } from '../domain/search/markdownText';
import { articlesOf, articlePath, allHotlines, sitePage } from './content';
import { loadChecklist, loadJobOfferCheck } from './selfChecks';
import { useTranslations } from '../i18n';
import { localePath } from '../i18n/routes';

export async function searchDocs(locale: Locale): Promise<SearchDoc[]> {
  const t = useTranslations(locale);
  const docs: SearchDoc[] = [];
  const articles = await articlesOf(locale);
  // Home and subject pages list other pages: their titles and summaries are links and text there, not headings.
  docs.push({ url: localePath(locale, '/'), listing: true, title: t('home.title'), headings: [], body: `${t('home.intro')}\n${SUBJECTS.map((s) => `${t(`subjects.${s.code}.title`)}\n${t(`subjects.${s.code}.description`)}`).join('\n')}` });
  for (const subject of SUBJECTS) {
    const own = articles.filter((a) => a.data.topic === subject.code);
    docs.push({ url: localePath(locale, `/${subject.slug}/`), listing: true, title: t(`subjects.${subject.code}.title`), headings: [], body: `${t(`subjects.${subject.code}.description`)}\n${own.map((a) => `${a.data.title}\n${a.data.summary}`).join('\n')}` });
  }
  for (const article of articles) {
    const body = article.body ?? '';
    docs.push({ url: localePath(locale, articlePath(article)), title: article.data.title, headings: markdownHeadings(body), body: `${article.data.summary}\n${markdownText(body)}` });
  }
  const groups = groupByCountry(await allHotlines());
  docs.push({
    url: localePath(locale, '/hotlines/'),
    title: t('hotlines.title'),
    // Each hotline is a card headed by its name, with its number on the call button under it.
    headings: [...groups.map((g) => t(`hotlines.countries.${g.country}`)), ...groups.flatMap((g) => g.hotlines.map((h) => `${h.name[locale]} ${h.number}`))],
    body: groups.flatMap((g) => g.hotlines.map((h) => `${h.international ?? ''} ${h.operator[locale]} ${h.purpose[locale]} ${t(`hotlines.countries.${g.country}`)}`)).join('\n'),
  });
  for (const slug of ['about', 'staying-safe']) {
    const page = await sitePage(locale, slug);
    docs.push({ url: localePath(locale, `/${slug}/`), title: page.data.title, headings: markdownHeadings(page.body ?? ''), body: `${page.data.summary}\n${markdownText(page.body ?? '')}` });
  }
  docs.push({ url: localePath(locale, '/help/'), title: t('intake.page.title'), headings: [], body: [t('intake.page.summary'), t('intake.page.who'), t('intake.page.what'), t('intake.page.free')].join(' ') });
  const job = loadJobOfferCheck();
  docs.push({ url: localePath(locale, '/checks/job-offer/'), title: t('checks.jobTitle'), headings: [], body: [t('checks.jobIntro'), ...job.questions.flatMap((q) => [q.question[locale], q.sign[locale]])].join('\n') });
  const list = loadChecklist();
  docs.push({ url: localePath(locale, '/checks/before-you-go/'), title: t('checks.listTitle'), headings: list.groups.map((g) => g.title[locale]), body: [t('checks.listIntro'), ...list.groups.flatMap((g) => g.items.map((i) => i.text[locale]))].join('\n') });
  return docs;
}

const built = new Map<Locale, Promise<SearchIndexFiles>>();
/** The language's index files, built once per build (the head and each part are separate routes). */
export function searchIndexFiles(locale: Locale): Promise<SearchIndexFiles> {
  let files = built.get(locale);
  if (!files) built.set(locale, (files = searchDocs(locale).then((docs) => buildSearchIndex(locale, docs))));
  return files;
}

/**
 * The pages saved first for offline use when a language's pages are over the
 * budget (scripts/postbuild.mjs): home, search, hotlines, help, the checklists,
 * "staying safe", and the articles marked `offline: core`. Not the subject
 * pages: they list every article, so they grow with the content.
 */
export async function offlineCorePages(locale: Locale): Promise<string[]> {
  const fixed = ['/', '/search/', '/hotlines/', '/help/', '/checks/job-offer/', '/checks/before-you-go/', '/staying-safe/'];
  const marked = (await articlesOf(locale)).filter((a) => a.data.offline === 'core').map(articlePath);
  return [...fixed, ...marked].map((path) => localePath(locale, path));
}
