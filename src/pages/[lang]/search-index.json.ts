/** /km/search-index.json, /en/search-index.json: built with the site, saved for offline use with the language. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { buildSearchIndex } from '../../domain/search/searchIndex';
import { searchDocs } from '../../data/searchDocs';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = async ({ params }) => {
  const locale = params.lang as Locale;
  return new Response(JSON.stringify(buildSearchIndex(locale, await searchDocs(locale))), { headers: { 'Content-Type': 'application/json' } });
};
