/** The partner pages' language: the site's `lang` cookie, else Khmer. */
import type { AstroCookies } from 'astro';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from '../../domain/locales';

export function partnerLocale(cookies: AstroCookies): Locale {
  const value = cookies.get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
