/** Every page of a language as plain text, for the search index (built with the site). */
import { getCollection } from 'astro:content';
import type { Locale } from '../domain/locales';
import { SUBJECTS } from '../domain/topics';
import { groupByCountry } from '../domain/hotlines';
import type { SearchDoc } from '../domain/search/searchIndex';
import { markdownHeadings, markdownText } from '../domain/search/markdownText';
import { articlesOf, articlePath, allHotlines, sitePage } from './content';
import { useTranslations } from '../i18n';
import { localePath } from '../i18n/routes';



export async function searchDocs(locale: Locale): Promise<SearchDoc[]> {
  const t = useTranslations(locale);
  const docs: SearchDoc[] = [];
  const articles = await articlesOf(locale);
  docs.push({ url: localePath(locale, '/'), title: t('home.title'), headings: SUBJECTS.map((s) => t(`subjects.${s.code}.title`)), body: `${t('home.intro')} ${SUBJECTS.map((s) => t(`subjects.${s.code}.description`)).join(' ')}` });
  for (const subject of SUBJECTS) {
    const own = articles.filter((a) => a.data.topic === subject.code);
    docs.push({ url: localePath(locale, `/${subject.slug}/`), title: t(`subjects.${subject.code}.title`), headings: own.map((a) => a.data.title), body: `${t(`subjects.${subject.code}.description`)} ${own.map((a) => a.data.summary).join(' ')}` });
  }
  for (const article of articles) {
    const body = article.body ?? '';
    docs.push({ url: localePath(locale, articlePath(article)), title: article.data.title, headings: markdownHeadings(body), body: `${article.data.summary}\n${markdownText(body)}` });
  }
  const groups = groupByCountry(await allHotlines());
  docs.push({
    url: localePath(locale, '/hotlines/'),
    title: t('hotlines.title'),
    headings: groups.map((g) => t(`hotlines.countries.${g.country}`)),
    body: groups.flatMap((g) => g.hotlines.map((h) => `${h.number} ${h.international ?? ''} ${h.name[locale]} ${h.operator[locale]} ${h.purpose[locale]} ${t(`hotlines.countries.${g.country}`)}`)).join('\n'),
  });
  for (const slug of ['about', 'staying-safe']) {
    const page = await sitePage(locale, slug);
    docs.push({ url: localePath(locale, `/${slug}/`), title: page.data.title, headings: markdownHeadings(page.body ?? ''), body: `${page.data.summary}\n${markdownText(page.body ?? '')}` });
  }
  docs.push({ url: localePath(locale, '/help/'), title: t('intake.page.title'), headings: [], body: [t('intake.page.summary'), t('intake.page.who'), t('intake.page.what'), t('intake.page.free')].join(' ') });
  return docs;
}
