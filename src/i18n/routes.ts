/** Locale-aware URLs. Every page lives at /<locale><path>, with the same path in both languages. */
import { type Locale, isLocale, otherLocale } from '../domain/locales';

/** `/km/hotlines/` from ('km', '/hotlines/'). `path` is the language-independent part. */
export function localePath(locale: Locale, path = '/'): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  return `/${locale}${clean}`;
}

/** Splits `/en/hotlines/` into its locale and the language-independent path. */
export function splitLocalePath(pathname: string): { locale: Locale | undefined; path: string } {
  const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (match && isLocale(match[1])) return { locale: match[1], path: match[2] ?? '/' };
  return { locale: undefined, path: pathname };
}

/** The same page in the other language. */
export function twinPath(pathname: string): string {
  const { locale, path } = splitLocalePath(pathname);
  return localePath(locale ? otherLocale(locale) : 'en', path);
}

/** Dates as people read them in each language: Khmer month names and Khmer digits (see ./format). */
export { formatDate } from './format';
