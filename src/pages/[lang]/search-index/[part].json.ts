/** /km/search-index/<part>.json: the term, page and lexicon files of the search index, fetched only when a query needs them. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES } from '../../../domain/locales';
import { searchIndexFiles } from '../../../data/searchDocs';

export const getStaticPaths: GetStaticPaths = async () => {
  const paths = [];
  for (const lang of LOCALES) {
    const { parts } = await searchIndexFiles(lang);
    for (const [part, content] of Object.entries(parts)) paths.push({ params: { lang, part }, props: { body: JSON.stringify(content) } });
  }
  return paths;
};

export const GET: APIRoute = ({ props }) => new Response((props as { body: string }).body, { headers: { 'Content-Type': 'application/json' } });
