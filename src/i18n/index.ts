/**
 * Interface strings through i18next: one JSON file per language in content/ui,
 * typed from the English file (see i18next.d.ts), so a misspelt key is a type error.
 * Used at build time only: pages ship plain HTML, islands get their strings as props.
 */
import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../domain/locales';
import { uiResources } from './strings';
import { localDigits } from './format';

export { uiResources };
const { en, km } = uiResources;

/**
 * A number filled into a string is written in the page's digits (Khmer digits on Khmer pages:
 * content/style/km.yaml). Strings pass unchanged, so phone numbers and reference codes keep the
 * Latin digits a person dials or types. Plurals still see the number itself.
 */
const localNumbers = {
  type: 'formatter' as const,
  init() {},
  add() {},
  addCached() {},
  format: (value: unknown, _format: string | undefined, lng: string | undefined) =>
    typeof value === 'number' && (lng === 'km' || lng === 'en') ? localDigits(value, lng) : value,
};

const i18n = i18next.createInstance().use(localNumbers);
void i18n.init({
  initAsync: false,
  resources: { en: { translation: en }, km: { translation: km } },
  lng: 'km',
  // A missing Khmer string falls back to English; `npm test` fails on any missing key.
  fallbackLng: 'en',
  interpolation: { escapeValue: false, alwaysFormat: true }, // Astro escapes on output; numbers through localNumbers
  returnNull: false,
});

export function useTranslations(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}
