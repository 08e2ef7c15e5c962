/**
 * Interface strings through i18next: one JSON file per language in content/ui,
 * typed from the English file (see i18next.d.ts), so a misspelt key is a type error.
 * Used at build time only: pages ship plain HTML, islands get their strings as props.
 */
import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../domain/locales';
import { uiResources } from './strings';

export { uiResources };
const { en, km } = uiResources;

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: en }, km: { translation: km } },
  lng: 'km',
  // A missing Khmer string falls back to English; `npm test` fails on any missing key.
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // Astro escapes on output
  returnNull: false,
});

export function useTranslations(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}
