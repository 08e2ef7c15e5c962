/** The service worker's Background Sync handler, against fake-indexeddb: it sends the queue, and asks to be fired again while anything waits. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptedServer, type Answer } from './support/scriptedServer';

let queue: typeof import('../../src/client/queue');
let sync: typeof import('../../src/sw/backgroundSync');
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

beforeEach(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.resetModules();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  queue = await import('../../src/client/queue');
  sync = await import('../../src/sw/backgroundSync');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const request = (id: string) => ({ id, locale: 'en', topic: 'migration', province: 'KH-12', under18: false, phone: '012 345 678', consent: true });
const created = (id: string): Answer => ({ status: 201, body: { reference: `SJ-${id}`, partner: { id: 'p', name: 'Partner' } } });

/** Fires a sync event as the browser would; returns what the worker asked the browser to wait for. */
function fireSync(tag: string, fetcher: typeof fetch): Promise<unknown> | undefined {
  let work: Promise<unknown> | undefined;
  sync.handleSync({ tag, waitUntil: (p) => { work = p; } }, fetcher);
  return work;
}

async function queueTwoOffline() {
  const down = scriptedServer(() => 'network-error');
  await queue.submit('intake', '/api/intake', request('first'), down);
  await queue.submit('intake', '/api/intake', request('second'), down);
}

describe('the service worker\'s sync handler', () => {
  it('sends the queue, in order, when the queue\'s sync fires (backoff or not: the connection is back)', async () => {
    await queueTwoOffline();
    const server = scriptedServer(({ id }) => created(id));
    await expect(fireSync(queue.SYNC_TAG, server.fetcher)).resolves.toBeUndefined();
    expect(server.posts.map((p) => p.id)).toEqual(['first', 'second']);
    expect((await queue.listItems()).map((i) => i.status)).toEqual(['sent', 'sent']);
    // Announced only in a tab that queued them (its sessionStorage): none here, and none later either.
    expect((await queue.takeUnannounced()).map((i) => i.id)).toEqual([]);
    expect((await queue.listItems()).every((i) => i.announced)).toBe(true);
  });

  it('ignores other sync tags', async () => {
    await queueTwoOffline();
    const server = scriptedServer(({ id }) => created(id));
    expect(fireSync('something-else', server.fetcher)).toBeUndefined();
    expect(server.tries).toEqual([]);
  });

  it('fails while a request still waits, so the browser fires it again later', async () => {
    await queueTwoOffline();
    await expect(fireSync(queue.SYNC_TAG, scriptedServer(() => ({ status: 503, body: null })).fetcher)).rejects.toThrow(/waiting/);
  });

  it('does not send before a Retry-After, forced as it is', async () => {
    await queueTwoOffline();
    vi.setSystemTime(T0 + 60_000);
    await expect(fireSync(queue.SYNC_TAG, scriptedServer(() => ({ status: 429, body: null, headers: { 'Retry-After': '120' } })).fetcher)).rejects.toThrow();
    const server = scriptedServer(({ id }) => created(id));
    vi.setSystemTime(T0 + 60_000 + 119_000);
    await expect(fireSync(queue.SYNC_TAG, server.fetcher)).rejects.toThrow();
    expect(server.tries).toEqual([]);
    vi.setSystemTime(T0 + 60_000 + 120_000);
    await expect(fireSync(queue.SYNC_TAG, server.fetcher)).resolves.toBeUndefined();
    expect(server.posts.map((p) => p.id)).toEqual(['first', 'second']);
  });
});
