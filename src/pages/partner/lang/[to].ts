/** The partner pages' language switch: remembers the choice in the site's `lang` cookie. */
import type { APIRoute } from 'astro';
import { isLocale, LOCALE_COOKIE } from '../../../domain/locales';

export const prerender = false;
export const GET: APIRoute = ({ params, cookies, redirect, locals }) => {
  if (isLocale(params.to)) cookies.set(LOCALE_COOKIE, params.to, { path: '/', sameSite: 'lax', maxAge: 31_536_000, secure: locals.https });
  return redirect('/partner/', 303);
};
