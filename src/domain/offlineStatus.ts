/**
 * What the offline status bar says, as a pure state machine: the client module
 * feeds it browser and service-worker events; the bar renders `statusMessage`.
 */
import type { Locale } from './locales';

export type SaveState = 'none' | 'saving' | 'ready' | 'failed';

export interface OfflineState {
  online: boolean;
  saved: Record<Locale, SaveState>;
  progress: { locale: Locale; done: number; total: number } | null;
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
  | { type: 'status'; saved: Record<Locale, SaveState> }
  | { type: 'ask' }
  | { type: 'declined' }
  | { type: 'save-progress'; locale: Locale; done: number; total: number }
  | { type: 'save-done'; locale: Locale }
  | { type: 'save-failed'; locale: Locale }
  | { type: 'update-waiting' }
  | { type: 'dismiss' }
  | { type: 'request-sent'; reference: string }
  | { type: 'cleared' };

export function initialOfflineState(online = true): OfflineState {
  return { online, saved: { km: 'none', en: 'none' }, progress: null, updateWaiting: false, askBeforeSaving: false, dismissed: true, sentReference: null };
}

export function reduceOffline(state: OfflineState, event: OfflineEvent): OfflineState {
  switch (event.type) {
    case 'online':
      return { ...state, online: true, dismissed: false };
    case 'offline':
      return { ...state, online: false, dismissed: false };
    case 'status':
      return { ...state, saved: { ...event.saved } };
    case 'ask':
      return { ...state, askBeforeSaving: true };
    case 'declined':
      return { ...state, askBeforeSaving: false, dismissed: true };
    case 'save-progress':
      return {
        ...state,
        askBeforeSaving: false,
        saved: { ...state.saved, [event.locale]: 'saving' },
        progress: { locale: event.locale, done: event.done, total: event.total },
        dismissed: false,
      };
    case 'save-done':
      // "Ready offline" is announced only when this page saw the saving happen.
      return {
        ...state,
        saved: { ...state.saved, [event.locale]: 'ready' },
        progress: state.progress?.locale === event.locale ? null : state.progress,
        dismissed: state.progress?.locale === event.locale ? false : state.dismissed,
      };
    case 'save-failed':
      return { ...state, saved: { ...state.saved, [event.locale]: 'failed' }, progress: state.progress?.locale === event.locale ? null : state.progress };
    case 'update-waiting':
      return { ...state, updateWaiting: true, dismissed: false };
    case 'dismiss':
      return { ...state, dismissed: true, sentReference: null };
    case 'request-sent':
      return { ...state, sentReference: event.reference, dismissed: false };
    case 'cleared':
      return { ...initialOfflineState(state.online), dismissed: true };
  }
}

export type StatusMessage =
  | { kind: 'update' }
  | { kind: 'offline'; saved: boolean }
  | { kind: 'saving'; done: number; total: number }
  | { kind: 'ask' }
  | { kind: 'failed' }
  | { kind: 'ready'; locales: Locale[] }
  | { kind: 'sent'; reference: string }
  | { kind: 'none' };

/** The one line the bar shows, most important first: an update, the connection, a request just sent, saving. */
export function statusMessage(state: OfflineState, pageLocale: Locale): StatusMessage {
  if (state.updateWaiting) return { kind: 'update' };
  if (!state.online) return { kind: 'offline', saved: state.saved[pageLocale] === 'ready' };
  if (state.sentReference) return { kind: 'sent', reference: state.sentReference };
  if (state.progress) return { kind: 'saving', done: state.progress.done, total: state.progress.total };
  if (state.askBeforeSaving) return { kind: 'ask' };
  if (state.dismissed) return { kind: 'none' };
  if (state.saved[pageLocale] === 'failed') return { kind: 'failed' };
  const ready = (Object.keys(state.saved) as Locale[]).filter((l) => state.saved[l] === 'ready');
  return ready.length ? { kind: 'ready', locales: ready } : { kind: 'none' };
}

/** "300 KB", "1.2 MB": sizes as people compare them with their data plan. */
export function formatSize(bytes: number): { unit: 'kb' | 'mb'; size: string } {
  if (bytes >= 1024 * 1024) return { unit: 'mb', size: (bytes / 1024 / 1024).toFixed(1) };
  return { unit: 'kb', size: String(Math.max(1, Math.round(bytes / 1024))) };
}
