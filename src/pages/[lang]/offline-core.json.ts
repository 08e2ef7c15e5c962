/**
 * /km/offline-core.json: the pages saved first when a language is over the offline budget.
 * Read by scripts/postbuild.mjs at build, then removed from the output.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { offlineCorePages } from '../../data/searchDocs';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = async ({ params }) =>
  new Response(JSON.stringify(await offlineCorePages(params.lang as Locale)), { headers: { 'Content-Type': 'application/json' } });
