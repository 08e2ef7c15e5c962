/**
 * Honest about data (issue 15), the pure parts: what the worker counts as
 * transferred, what the bar says while saving and after, Stop, "back online",
 * and the remembered "Not now".
 */
import { describe, expect, it } from 'vitest';
import { initialOfflineState, reduceOffline, statusMessage, type OfflineEvent, type OfflineState } from '../../src/domain/offlineStatus';
import { headerBytes, timingLedger, wireBytes, type TimingLike } from '../../src/sw/wireBytes';
import { CHOICE_KEY, rememberChoice, rememberedChoice, saveDataOn } from '../../src/client/savingChoice';

const run = (events: OfflineEvent[], start: OfflineState = initialOfflineState()) => events.reduce(reduceOffline, start);

const response = (headers: [string, string][], status = 200, statusText = 'OK') => ({ status, statusText, headers });
const HEADERS: [string, string][] = [['content-type', 'text/html; charset=utf-8'], ['content-length', '3715'], ['content-encoding', 'br']];
const headerText = 'HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: 3715\r\ncontent-encoding: br\r\n\r\n';

describe('bytes on the wire, as the service worker counts them', () => {
  it('rebuilds the header block byte for byte (UTF-8)', () => {
    expect(headerBytes(response(HEADERS))).toBe(Buffer.byteLength(headerText));
    expect(headerBytes(response([['x', 'é']]))).toBe(Buffer.byteLength('HTTP/1.1 200 OK\r\nx: é\r\n\r\n'));
  });

  it('counts the compressed body received and the real headers, not the 300 bytes Resource Timing adds', () => {
    const timing: TimingLike = { name: 'u', startTime: 0, transferSize: 3715 + 300, encodedBodySize: 3715, nextHopProtocol: 'http/1.1' };
    expect(wireBytes(response(HEADERS), timing)).toBe(3715 + Buffer.byteLength(headerText));
  });

  it('counts nothing for an answer from the HTTP cache, and only the headers of a revalidation', () => {
    expect(wireBytes(response(HEADERS), { name: 'u', startTime: 0, transferSize: 0, encodedBodySize: 3715 })).toBe(0);
    expect(wireBytes(response(HEADERS, 304, 'Not Modified'), { name: 'u', startTime: 0, transferSize: 300, encodedBodySize: 3715 }))
      .toBe(Buffer.byteLength('HTTP/1.1 304 Not Modified\r\n\r\n') + Buffer.byteLength(headerText) - Buffer.byteLength('HTTP/1.1 200 OK\r\n\r\n'));
  });

  it('trusts the browser over HTTP/2 (compressed headers), and Content-Length without timing', () => {
    expect(wireBytes(response(HEADERS), { name: 'u', startTime: 0, transferSize: 3800, encodedBodySize: 3715, nextHopProtocol: 'h2' })).toBe(3800);
    expect(wireBytes(response(HEADERS))).toBe(3715 + Buffer.byteLength(headerText));
  });

  it('pairs each fetch with its own timing entry, even when it arrives after the body was read', async () => {
    let push: (entries: TimingLike[]) => void = () => {};
    const ledger = timingLedger({ now: () => 0 }, (take) => { push = take; });
    push([{ name: 'https://x/a', startTime: 10, transferSize: 1, encodedBodySize: 1 }]);
    // An earlier fetch of the same address is not this one.
    const later = ledger.timingOf('https://x/a', 50, 1000);
    push([{ name: 'https://x/a', startTime: 60, transferSize: 2, encodedBodySize: 2 }]);
    expect((await later)?.transferSize).toBe(2);
    expect((await ledger.timingOf('https://x/a', 0))?.transferSize).toBe(1);
    expect(await ledger.timingOf('https://x/none', 0, 10)).toBeUndefined();
  });
});

describe('what the bar says about saving', () => {
  it('shows the bytes so far while saving, then what was saved and what it cost', () => {
    let state = run([{ type: 'saving-start', locale: 'km', expected: 450_000 }, { type: 'shell-progress', bytes: 120_000 }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'saving', locale: 'km', done: 0, total: 0, bytes: 120_000, expected: 450_000 });
    state = run([{ type: 'save-progress', locale: 'km', done: 10, total: 44, bytes: 200_000, expected: 470_000 }], state);
    expect(statusMessage(state, 'km')).toMatchObject({ kind: 'saving', bytes: 200_000, expected: 470_000 });
    state = run([{ type: 'save-done', locale: 'km', bytes: 466_000, pages: 43, info: { pages: 43, bytes: 466_000 } }], state);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'saved', locale: 'km', pages: 43, bytes: 466_000, update: false });
    expect(state.info.km).toEqual({ pages: 43, bytes: 466_000 });
    expect(statusMessage(run([{ type: 'dismiss' }], state), 'km')).toEqual({ kind: 'none' });
  });

  it('an update this page saw is said as an update, with what it cost', () => {
    const state = run([{ type: 'status', saved: { km: 'ready', en: 'none' } }, { type: 'save-progress', locale: 'km', done: 40, total: 41, bytes: 2_000 }, { type: 'save-done', locale: 'km', bytes: 7_000, update: true, info: { pages: 37, bytes: 470_000 } }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'saved', locale: 'km', pages: 37, bytes: 7_000, update: true });
  });

  it('never shows less expected than already transferred', () => {
    const state = run([{ type: 'save-progress', locale: 'en', done: 40, total: 41, bytes: 400_000, expected: 390_000 }]);
    expect(statusMessage(state, 'en')).toMatchObject({ bytes: 400_000, expected: 400_000 });
  });

  it('after Stop: what it cost, no progress, and the language is offered again', () => {
    const state = run([{ type: 'saving-start', locale: 'km', expected: 450_000 }, { type: 'save-progress', locale: 'km', done: 5, total: 44, bytes: 150_000 }, { type: 'save-stopped', locale: 'km', bytes: 151_000 }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'stopped', locale: 'km', bytes: 151_000 });
    expect(state.progress).toBeNull();
    expect(state.saved.km).toBe('failed');
  });

  it('a saving this page did not see finish is not announced (an update in another tab)', () => {
    const state = run([{ type: 'status', saved: { km: 'ready', en: 'none' } }, { type: 'save-done', locale: 'km', bytes: 0, update: true }]);
    expect(statusMessage(state, 'km')).toEqual({ kind: 'none' });
  });

  it('offline, the first word is right as soon as what is saved is known', () => {
    const state = run([{ type: 'status', saved: { km: 'ready', en: 'none' }, info: { km: { pages: 43, bytes: 1 } } }, { type: 'offline' }], initialOfflineState(false));
    expect(statusMessage(state, 'km')).toEqual({ kind: 'offline', saved: true });
  });

  it('says "back online" when the connection returns, then nothing older comes back', () => {
    const offline = run([{ type: 'status', saved: { km: 'ready', en: 'none' } }, { type: 'offline' }]);
    const back = run([{ type: 'online' }], offline);
    expect(statusMessage(back, 'km')).toEqual({ kind: 'back-online' });
    expect(statusMessage(run([{ type: 'back-online-done' }], back), 'km')).toEqual({ kind: 'none' });
    // A request sent meanwhile is said first.
    expect(statusMessage(run([{ type: 'request-sent', reference: '' }], back), 'km')).toEqual({ kind: 'sent', reference: '' });
    // Being online from the start is not "back".
    expect(statusMessage(run([{ type: 'online' }]), 'km')).toEqual({ kind: 'none' });
  });
});

describe('"Not now" and Stop are remembered on this phone for 30 days', () => {
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
  };

  it('is remembered, then forgotten after 30 days', () => {
    const storage = memory();
    const day = 24 * 60 * 60 * 1000;
    rememberChoice('not-now', storage, 1_000);
    expect(rememberedChoice(storage, 1_000 + 29 * day)).toBe('not-now');
    expect(rememberedChoice(storage, 1_000 + 31 * day)).toBeUndefined();
    expect(storage.items.has(CHOICE_KEY)).toBe(false);
  });

  it('ignores what it cannot read, and storage that throws', () => {
    const storage = memory();
    storage.setItem(CHOICE_KEY, '{not json');
    expect(rememberedChoice(storage)).toBeUndefined();
    storage.setItem(CHOICE_KEY, JSON.stringify({ choice: 'always', at: Date.now() }));
    expect(rememberedChoice(storage)).toBeUndefined();
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    expect(() => rememberChoice('stopped', broken)).not.toThrow();
    expect(rememberedChoice(broken)).toBeUndefined();
  });

  it('reads Save-Data from the browser', () => {
    expect(saveDataOn({ connection: { saveData: true } } as unknown as Navigator)).toBe(true);
    expect(saveDataOn({} as Navigator)).toBe(false);
  });
});
