/** /km/search-index.json: the head of the language's search index (src/domain/search/buildIndex.ts); the rest is in /km/search-index/. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { searchIndexFiles } from '../../data/searchDocs';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = async ({ params }) => {
  const { head } = await searchIndexFiles(params.lang as Locale);
  return new Response(JSON.stringify(head), { headers: { 'Content-Type': 'application/json' } });
};
