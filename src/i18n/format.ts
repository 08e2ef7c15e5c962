/**
 * Numbers and dates as each language writes them (content/style/km.yaml, "digits"):
 * Khmer pages use Khmer digits ០–៩ and Khmer month names in running text and dates;
 * Latin digits stay only where a person dials or types (phone numbers, reference codes),
 * which callers pass as strings and this module never touches.
 * Pure and table-based (no Intl data), so the output is the same in Node, every browser
 * and every ICU build.
 */
import type { Locale } from '../domain/locales';

const KHMER_ZERO = 0x17e0;

/** Latin digits 0–9 as Khmer digits ០–៩; everything else unchanged. */
export function khmerDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(KHMER_ZERO + Number(d)));
}

/** A number's digits in the script of the page's language; no grouping, so years and counts read alike. */
export function localDigits(value: number | string, locale: Locale): string {
  const text = String(value);
  return locale === 'km' ? khmerDigits(text) : text;
}

/**
 * A quantity with thousands grouped as each language groups them:
 * km `៤២៩.៣៨០` and `៩៧,៨` (CLDR: "." groups, "," marks decimals), en `429,380` and `97.8`.
 */
export function formatNumber(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole = '0', fraction] = Math.abs(value).toString().split('.');
  const [group, decimal] = locale === 'km' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const text = `${value < 0 ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
  return localDigits(text, locale);
}

export const MONTHS: Record<Locale, readonly string[]> = {
  km: ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `២៦ វិច្ឆិកា ២០២៦` / `26 November 2026`. Dates in content are calendar days: read in UTC. */
export function formatDate(date: Date, locale: Locale): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatDate: invalid date');
  return localDigits(`${date.getUTCDate()} ${MONTHS[locale][date.getUTCMonth()]} ${date.getUTCFullYear()}`, locale);
}

/**
 * A source's own date as it states it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), for the page's language:
 * `២០១៣`, `សីហា ២០២៣`, `២៩ សីហា ២០២៣`. Null for "n.d." (no date): the caller says so in words.
 */
export function formatSourceDate(value: string, locale: Locale): string | null {
  if (value === 'n.d.') return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) throw new RangeError(`formatSourceDate: "${value}" is not YYYY, YYYY-MM, YYYY-MM-DD or n.d.`);
  const [, year, month, day] = match;
  const monthIndex = month ? Number(month) - 1 : undefined;
  if (monthIndex !== undefined && !(monthIndex >= 0 && monthIndex < 12)) throw new RangeError(`formatSourceDate: no month ${month} in "${value}"`);
  const parts = [day ? String(Number(day)) : undefined, monthIndex !== undefined ? MONTHS[locale][monthIndex] : undefined, year];
  return localDigits(parts.filter(Boolean).join(' '), locale);
}
