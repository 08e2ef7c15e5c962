/** One web app manifest per language, each starting in its own language. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '../../domain/locales';
import { useTranslations } from '../../i18n';

export const getStaticPaths: GetStaticPaths = () => LOCALES.map((lang) => ({ params: { lang } }));

export const GET: APIRoute = ({ params }) => {
  const locale = params.lang as Locale;
  const t = useTranslations(locale);
  const manifest = {
    id: `/${locale}/`,
    name: t('app.name'),
    short_name: t('app.shortName'),
    description: t('app.description'),
    lang: locale,
    dir: 'ltr',
    start_url: `/${locale}/`,
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0a5a63',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
};
