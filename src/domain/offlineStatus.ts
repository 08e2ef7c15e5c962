/**
 * What the offline status bar says, as a pure state machine: the client module
 * feeds it browser and service-worker events; the bar renders `statusMessage`.
 */
import type { Locale } from './locales';

export type SaveState = 'none' | 'saving' | 'ready' | 'failed';
/** What is saved of a language, and the bytes the service worker transferred for it. */
/** `core`: the language was over the offline budget, so only its core set is saved (the rest is kept as read). */
export interface SavedInfo { pages: number; bytes: number; core?: boolean }

export interface OfflineState {
  online: boolean;
  saved: Record<Locale, SaveState>;
  info: Partial<Record<Locale, SavedInfo>>;
  /** `bytes`: transferred so far by this saving; `expected`: about what it will be when done. */
  progress: { locale: Locale; done: number; total: number; bytes?: number; expected?: number } | null;
  /** A saving this page saw finish: what it saved and what it cost. */
  justSaved: { locale: Locale; pages: number; bytes: number; update: boolean } | null;
  /** The person pressed Stop: what had been transferred. */
  stopped: { locale: Locale; bytes: number } | null;
  /** The connection came back a moment ago. */
  backOnline: boolean;
  /** A new service worker is waiting: shown until the person reloads. */
  updateWaiting: boolean;
  /** Save-Data is on and nothing is saved: ask, with the size, before saving. */
  askBeforeSaving: boolean;
  /** Nothing new to say (the start, or the person closed the "ready" line). */
  dismissed: boolean;
  /** A queued request for contact was just confirmed by the server: its reference. */
  sentReference: string | null;
}

export type OfflineEvent =
  | { type: 'online' }
  | { type: 'offline' }
  | { type: 'status'; saved: Record<Locale, SaveState>; info?: Partial<Record<Locale, SavedInfo>> }
  | { type: 'ask' }
  | { type: 'declined' }
  /** The page starts a first saving: the shell is installed before any page. */
  | { type: 'saving-start'; locale: Locale; expected: number }
  | { type: 'shell-progress'; bytes: number }
  | { type: 'save-progress'; locale: Locale; done: number; total: number; bytes?: number; expected?: number }
  | { type: 'save-done'; locale: Locale; bytes?: number; pages?: number; update?: boolean; info?: SavedInfo }
  | { type: 'save-stopped'; locale: Locale; bytes: number }
  | { type: 'save-failed'; locale: Locale }
  | { type: 'back-online-done' }
  | { type: 'update-waiting' }
  | { type: 'dismiss' }
  | { type: 'request-sent'; reference: string }
  | { type: 'cleared' };

export function initialOfflineState(online = true): OfflineState {
  return { online, saved: { km: 'none', en: 'none' }, info: {}, progress: null, justSaved: null, stopped: null, backOnline: false, updateWaiting: false, askBeforeSaving: false, dismissed: true, sentReference: null };
}

export function reduceOffline(state: OfflineState, event: OfflineEvent): OfflineState {
  switch (event.type) {
    case 'online':
      return { ...state, online: true, backOnline: !state.online, dismissed: false };
    case 'offline':
      return { ...state, online: false, backOnline: false, dismissed: false };
    case 'back-online-done':
      return { ...state, backOnline: false, dismissed: true }; // nothing older comes back after it
    case 'status':
      return { ...state, saved: { ...event.saved }, info: { ...state.info, ...event.info } };
    case 'saving-start':
      return {
        ...state,
        askBeforeSaving: false,
        stopped: null,
        saved: { ...state.saved, [event.locale]: 'saving' },
        progress: { locale: event.locale, done: 0, total: 0, bytes: 0, expected: event.expected },
        dismissed: false,
      };
    case 'shell-progress':
      return state.progress ? { ...state, progress: { ...state.progress, bytes: Math.max(state.progress.bytes ?? 0, event.bytes) } } : state;
    case 'save-stopped':
      return {
        ...state,
        saved: { ...state.saved, [event.locale]: state.saved[event.locale] === 'ready' ? 'ready' : 'failed' },
        progress: state.progress?.locale === event.locale ? null : state.progress,
        stopped: { locale: event.locale, bytes: event.bytes },
        dismissed: false,
      };
    case 'ask':
      return { ...state, askBeforeSaving: true };
    case 'declined':
      return { ...state, askBeforeSaving: false, dismissed: true };
    case 'save-progress':
      return {
        ...state,
        askBeforeSaving: false,
        stopped: null,
        saved: { ...state.saved, [event.locale]: 'saving' },
        progress: {
          locale: event.locale, done: event.done, total: event.total,
          bytes: event.bytes ?? (state.progress?.locale === event.locale ? state.progress.bytes : undefined),
          expected: event.expected ?? (state.progress?.locale === event.locale ? state.progress.expected : undefined),
        },
        dismissed: false,
      };
    case 'save-done': {
      // "Saved" is announced only when this page saw the saving happen.
      const seen = state.progress?.locale === event.locale;
      return {
        ...state,
        saved: { ...state.saved, [event.locale]: 'ready' },
        info: event.info ? { ...state.info, [event.locale]: event.info } : state.info,
        progress: seen ? null : state.progress,
        justSaved: seen && event.bytes !== undefined
          ? { locale: event.locale, pages: event.pages ?? event.info?.pages ?? 0, bytes: event.bytes, update: !!event.update }
          : state.justSaved,
        dismissed: seen ? false : state.dismissed,
      };
    }
    case 'save-failed':
      return { ...state, saved: { ...state.saved, [event.locale]: 'failed' }, progress: state.progress?.locale === event.locale ? null : state.progress };
    case 'update-waiting':
      return { ...state, updateWaiting: true, dismissed: false };
    case 'dismiss':
      return { ...state, dismissed: true, sentReference: null, backOnline: false, stopped: null, justSaved: null };
    case 'request-sent':
      return { ...state, sentReference: event.reference, dismissed: false };
    case 'cleared':
      return { ...initialOfflineState(state.online), dismissed: true };
  }
}

export type StatusMessage =
  | { kind: 'update' }
  | { kind: 'offline'; saved: boolean }
  | { kind: 'saving'; done: number; total: number; locale?: Locale; bytes?: number; expected?: number }
  | { kind: 'ask' }
  | { kind: 'back-online' }
  | { kind: 'stopped'; locale: Locale; bytes: number }
  | { kind: 'saved'; locale: Locale; pages: number; bytes: number; update: boolean }
  | { kind: 'failed' }
  | { kind: 'ready'; locales: Locale[] }
  | { kind: 'sent'; reference: string }
  | { kind: 'none' };

/** The one line the bar shows, most important first: an update, the connection, a request just sent, saving. */
export function statusMessage(state: OfflineState, pageLocale: Locale): StatusMessage {
  if (state.updateWaiting) return { kind: 'update' };
  if (!state.online) return { kind: 'offline', saved: state.saved[pageLocale] === 'ready' };
  if (state.sentReference !== null) return { kind: 'sent', reference: state.sentReference };
  if (state.progress) {
    const { done, total, locale, bytes, expected } = state.progress;
    return bytes === undefined ? { kind: 'saving', done, total } : { kind: 'saving', done, total, locale, bytes, expected: Math.max(expected ?? 0, bytes) };
  }
  if (state.askBeforeSaving) return { kind: 'ask' };
  if (state.backOnline) return { kind: 'back-online' };
  if (state.dismissed) return { kind: 'none' };
  if (state.stopped) return { kind: 'stopped', ...state.stopped };
  if (state.justSaved) return { kind: 'saved', ...state.justSaved };
  if (state.saved[pageLocale] === 'failed') return { kind: 'failed' };
  const ready = (Object.keys(state.saved) as Locale[]).filter((l) => state.saved[l] === 'ready');
  return ready.length ? { kind: 'ready', locales: ready } : { kind: 'none' };
}

/** "300 KB", "1.2 MB": sizes as people compare them with their data plan. */
export function formatSize(bytes: number): { unit: 'kb' | 'mb'; size: string } {
  if (bytes >= 1024 * 1024) return { unit: 'mb', size: (bytes / 1024 / 1024).toFixed(1) };
  return { unit: 'kb', size: String(Math.max(1, Math.round(bytes / 1024))) };
}
