import { describe, expect, it } from 'vitest';
import { formatSize, initialOfflineState, reduceOffline, statusMessage, type OfflineEvent, type OfflineState } from '../../src/domain/offlineStatus';

const run = (events: OfflineEvent[], start: OfflineState = initialOfflineState()) => events.reduce(reduceOffline, start);

describe('offline status (what the bar says)', () => {
  it('says nothing on a normal visit when everything is already saved', () => {
    const state = run([{ type: 'status', saved: { km: 'ready', en: 'none' } }, { type: 'save-done', locale: 'km' }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'none' });
  });

  it('shows progress while saving, then "ready offline"', () => {
    let state = run([{ type: 'status', saved: { km: 'none', en: 'none' } }, { type: 'save-progress', locale: 'km', done: 3, total: 25 }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'saving', done: 3, total: 25 });
    state = run([{ type: 'save-progress', locale: 'km', done: 25, total: 25 }, { type: 'save-done', locale: 'km' }], state);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'ready', locales: ['km'] });
    expect(statusMessage(run([{ type: 'dismiss' }], state), 'km')).toEqual({ kind: 'none' });
  });

  it('says when offline, and whether this language is saved', () => {
    const saved = run([{ type: 'status', saved: { km: 'ready', en: 'none' } }, { type: 'offline' }]);
    expect(statusMessage(saved, 'km')).toEqual({ kind: 'offline', saved: true });
    expect(statusMessage(saved, 'en')).toEqual({ kind: 'offline', saved: false });
    expect(statusMessage(run([{ type: 'online' }, { type: 'dismiss' }], saved), 'km')).toEqual({ kind: 'none' });
  });

  it('puts a waiting update above everything, until the person reloads', () => {
    const state = run([{ type: 'offline' }, { type: 'save-progress', locale: 'en', done: 1, total: 5 }, { type: 'update-waiting' }, { type: 'dismiss' }]);
    expect(statusMessage(state, 'en')).toEqual({ kind: 'update' });
  });

  it('asks before saving under Save-Data, and stops asking when declined or saving starts', () => {
    const asking = run([{ type: 'ask' }]);
    expect(statusMessage(asking, 'km')).toEqual({ kind: 'ask' });
    expect(statusMessage(run([{ type: 'declined' }], asking), 'km')).toEqual({ kind: 'none' });
    expect(statusMessage(run([{ type: 'save-progress', locale: 'km', done: 0, total: 9 }], asking), 'km').kind).toBe('saving');
  });

  it('reports both languages when both are saved, and a failure', () => {
    const both = run([{ type: 'save-progress', locale: 'en', done: 0, total: 2 }, { type: 'save-done', locale: 'en' }, { type: 'status', saved: { km: 'ready', en: 'ready' } }]);
    expect(statusMessage(both, 'km')).toEqual({ kind: 'ready', locales: ['km', 'en'] });
    const failed = run([{ type: 'save-progress', locale: 'km', done: 0, total: 2 }, { type: 'save-failed', locale: 'km' }]);
    expect(statusMessage(failed, 'km')).toEqual({ kind: 'failed' });
  });

  it('forgets everything when cleared', () => {
    const state = run([{ type: 'status', saved: { km: 'ready', en: 'ready' } }, { type: 'cleared' }]);
    expect(state.saved).toEqual({ km: 'none', en: 'none' });
    expect(statusMessage(state, 'km')).toEqual({ kind: 'none' });
  });

  it('formats sizes as people compare them with their data plan', () => {
    expect(formatSize(300 * 1024)).toEqual({ unit: 'kb', size: '300' });
    expect(formatSize(100)).toEqual({ unit: 'kb', size: '1' });
    expect(formatSize(1.5 * 1024 * 1024)).toEqual({ unit: 'mb', size: '1.5' });
  });
});
