/** Messages between the pages and the service worker, and the shape of a language pack. */
import type { Locale } from '../domain/locales';
import type { SavedInfo, SaveState } from '../domain/offlineStatus';

export type { SavedInfo };

/** /offline-packs/<locale>.json, written at build by scripts/postbuild.mjs. */
export interface LanguagePack {
  locale: Locale;
  pages: { url: string; revision: string; bytes: number }[];
  /** True when the language is over the offline budget and `pages` is its core set (and the search index). */
  core?: boolean;
  /** The pages left out of a core set: kept on the phone once read. */
  other?: { url: string; revision: string; bytes: number }[];
  /**
   * Files saved with this language and no other: the Khmer web font goes with the Khmer pages,
   * so a phone that saved only English never downloads it.
   */
  assets?: { url: string; revision: string; bytes: number }[];
  /** Bytes to transfer (brotli) for the pages (and assets) of this language. */
  transferBytes: number;
  rawBytes: number;
}

/**
 * /offline-packs/sizes.json, written at build: what saving costs before anything is saved (the
 * shell once, then each language), for the question asked under Save-Data. Bodies only (brotli);
 * each file also comes with its headers.
 */
export interface SavingSizes {
  shell: { files: number; bytes: number };
  packs: Record<Locale, { pages: number; files: number; bytes: number }>;
}

/** The saved pages of a language, and the record of what is saved (kept in that cache under STATE_KEY). */
export const pageCacheName = (locale: Locale) => `sj-pages-${locale}`;
export const STATE_KEY = '/__saved-state__';
export interface SavedState {
  complete: boolean;
  revisions: Record<string, string>;
  /** Bytes the service worker transferred for this language so far (its share of the shell included). */
  bytes?: number;
  /** Only the core set is saved (the pack was over the budget). */
  core?: boolean;
}

export const packUrl = (locale: Locale) => `/offline-packs/${locale}.json`;
export const offlinePageUrl = (locale: Locale) => `/${locale}/offline/`;
export const sizesUrl = '/offline-packs/sizes.json';
/** Pages are addresses ending in `/` or `.html`; the rest of a pack is the search index and assets. */
export const isPageUrl = (url: string) => url.endsWith('/') || url.endsWith('.html');

export type ToWorker =
  | { type: 'SAVE_LANGUAGE'; locale: Locale }
  | { type: 'GET_STATUS' }
  /** The person pressed Stop: what is saved so far stays, nothing more is fetched. */
  | { type: 'STOP_SAVING'; locale: Locale }
  | { type: 'SKIP_WAITING' };

export type FromWorker =
  | { type: 'STATUS'; saved: Record<Locale, SaveState>; info?: Partial<Record<Locale, SavedInfo>> }
  /** While the shell is installed (before any page is saved): bytes transferred so far, files done. */
  | { type: 'SHELL_PROGRESS'; bytes: number; done: number }
  /** `bytes`: transferred by this saving so far (the shell's share included); `expected`: the same when done, estimated. */
  | { type: 'SAVE_PROGRESS'; locale: Locale; done: number; total: number; bytes?: number; expected?: number }
  /** `bytes`: what this saving transferred; `update`: the language was saved before and was brought up to date. */
  | { type: 'SAVE_DONE'; locale: Locale; bytes?: number; pages?: number; update?: boolean; info?: SavedInfo }
  | { type: 'SAVE_STOPPED'; locale: Locale; bytes: number }
  | { type: 'SAVE_FAILED'; locale: Locale };
