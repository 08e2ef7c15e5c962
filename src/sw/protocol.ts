/** Messages between the pages and the service worker, and the shape of a language pack. */
import type { Locale } from '../domain/locales';
import type { SaveState } from '../domain/offlineStatus';

/** /offline-packs/<locale>.json, written at build by scripts/postbuild.mjs. */
export interface LanguagePack {
  locale: Locale;
  pages: { url: string; revision: string; bytes: number }[];
  /** True when the language is over the offline budget and `pages` is its core set (and the search index). */
  core?: boolean;
  /** The pages left out of a core set: kept on the phone once read. */
  other?: { url: string; revision: string; bytes: number }[];
  /** Bytes to transfer (brotli) for the pages of this language. */
  transferBytes: number;
  rawBytes: number;
}

export const packUrl = (locale: Locale) => `/offline-packs/${locale}.json`;
export const offlinePageUrl = (locale: Locale) => `/${locale}/offline/`;

export type ToWorker =
  | { type: 'SAVE_LANGUAGE'; locale: Locale }
  | { type: 'GET_STATUS' }
  | { type: 'SKIP_WAITING' };

export type FromWorker =
  | { type: 'STATUS'; saved: Record<Locale, SaveState> }
  | { type: 'SAVE_PROGRESS'; locale: Locale; done: number; total: number }
  | { type: 'SAVE_DONE'; locale: Locale }
  | { type: 'SAVE_FAILED'; locale: Locale };
