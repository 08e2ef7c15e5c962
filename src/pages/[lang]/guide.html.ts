/**
 * /km/guide.html and /en/guide.html: the whole guide of a language as one
 * self-contained file to pass on (src/guide/guideHtml.ts). Prerendered with the
 * site, so it goes into the language's offline pack like any page; the build
 * fails when it is over GUIDE_MAX_BYTES (also checked by scripts/postbuild.mjs).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { guideHtml, GUIDE_MAX_BYTES } from '../../guide/guideHtml';
import { guideInput } from '../../guide/guideInput';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const html = guideHtml(await guideInput(locale, { siteUrl: site?.href }));
  const bytes = Buffer.byteLength(html);
  if (bytes > GUIDE_MAX_BYTES) throw new Error(`/${locale}/guide.html is ${Math.ceil(bytes / 1024)} KB: over the ${GUIDE_MAX_BYTES / 1024} KB a shared file may weigh`);
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
