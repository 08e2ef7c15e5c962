/**
 * `/` sends each visitor to their language, decided on the server so it
 * works without JavaScript: the language chosen with the switch (cookie),
 * else the browser's Accept-Language, else Khmer.
 */
import type { APIRoute } from 'astro';
import { chooseLocale } from '../domain/locales';

export const prerender = false;

export const GET: APIRoute = ({ request }) => {
  const locale = chooseLocale({
    cookie: request.headers.get('cookie'),
    acceptLanguage: request.headers.get('accept-language'),
  });
  return new Response(null, {
    status: 302,
    headers: {
      Location: `/${locale}/`,
      Vary: 'Accept-Language, Cookie',
      'Cache-Control': 'private, no-cache',
    },
  });
};
