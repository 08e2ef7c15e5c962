/** Queries over the content collections, shared by the pages. */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../domain/locales';
import { SUBJECTS, type Subject, type SubjectCode } from '../domain/topics';

export type Article = CollectionEntry<'topics'>;
export type Hotline = CollectionEntry<'hotlines'>['data'] & { id: string };

/** `en/before-you-go` → { locale: 'en', slug: 'before-you-go' } */
export function splitEntryId(id: string): { locale: Locale; slug: string } {
  const [locale, slug] = id.split('/') as [Locale, string];
  return { locale, slug };
}

export async function articlesOf(locale: Locale, topic?: SubjectCode): Promise<Article[]> {
  const all = await getCollection('topics', (a) => splitEntryId(a.id).locale === locale && (!topic || a.data.topic === topic));
  return all.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
}

export function articlePath(article: Article): string {
  const subject = SUBJECTS.find((s) => s.code === article.data.topic) as Subject;
  return `/${subject.slug}/${splitEntryId(article.id).slug}/`;
}

export async function allHotlines(): Promise<Hotline[]> {
  return (await getCollection('hotlines')).map((h) => ({ ...h.data, id: h.id }));
}

export async function sitePage(locale: Locale, slug: string) {
  const all = await getCollection('pages', (p) => p.id === `${locale}/${slug}`);
  const page = all[0];
  if (!page) throw new Error(`Missing page content/pages/${locale}/${slug}.md`);
  return page;
}
