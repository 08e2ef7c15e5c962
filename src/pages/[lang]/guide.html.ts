/**
 * /km/guide.html and /en/guide.html: the whole guide of a language as one
 * self-contained file to pass on (src/guide/guideHtml.ts). Prerendered with the
 * site, so it goes into the language's offline pack like any page; over
 * GUIDE_MAX_BYTES it holds the main articles only (guideWithin), and says so.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { guideWithin, GUIDE_MAX_BYTES, GUIDE_PARTIAL_BYTES } from '../../guide/guideHtml';
import { guideInput } from '../../guide/guideInput';
import { useTranslations } from '../../i18n';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  // A big site does not make a file too heavy to pass on: the guide then holds the main articles and says so.
  const html = guideWithin(await guideInput(locale, { siteUrl: site?.href }), GUIDE_MAX_BYTES, useTranslations(locale)('guide.introPartial'), GUIDE_PARTIAL_BYTES);
  if (html === undefined) throw new Error(`/${locale}/guide.html: the hotlines and checklists alone are over the ${GUIDE_MAX_BYTES / 1024} KB a shared file may weigh`);
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
