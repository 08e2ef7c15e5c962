/** Hotline helpers: pure functions over the hotline data in content/hotlines. */

/** Cambodia first, then the countries people migrate to. */
export const COUNTRY_CODES = ['KH', 'TH', 'MY', 'KR', 'VN', 'SG'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

export interface HotlineLike {
  country: CountryCode;
  order: number;
  dial: string;
  international: string | null;
  key: boolean;
  oldSource: boolean;
}

/** `tel:` link for a number as dialled inside its country, or in international form. */
export function telHref(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : '';
  return `tel:${plus}${number.replace(/\D/g, '')}`;
}

export function smsHref(number: string): string {
  return `sms:${number.replace(/\D/g, '')}`;
}

/** Hotlines grouped by country in COUNTRY_CODES order, each group sorted by `order`. */
export function groupByCountry<H extends HotlineLike>(hotlines: readonly H[]): { country: CountryCode; hotlines: H[] }[] {
  return COUNTRY_CODES.map((country) => ({
    country,
    hotlines: hotlines.filter((h) => h.country === country).sort((a, b) => a.order - b.order),
  })).filter((group) => group.hotlines.length > 0);
}

/** The numbers for the "need help now" box: Cambodia's key lines, never one resting on an old source. */
export function keyHotlines<H extends HotlineLike>(hotlines: readonly H[]): H[] {
  return hotlines
    .filter((h) => h.country === 'KH' && h.key && !h.oldSource)
    .sort((a, b) => a.order - b.order);
}
