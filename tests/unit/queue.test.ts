/**
 * The phone's queue against an in-memory IndexedDB (fake-indexeddb) and a
 * scripted server: written before it is sent, sent in order, stopped by a
 * retryable failure, not stopped by a permanent rejection, Retry-After kept,
 * Background Sync registered when something waits.
 */
import 'fake-indexeddb/auto'; // IDBRequest, IDBKeyRange… as globals, as idb expects
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextAttemptDelay } from '../../src/server/delivery/outbox';
import { memoryRateLimiter } from '../../src/server/rateLimit';
import { scriptedServer, type Answer } from './support/scriptedServer';

type Queue = typeof import('../../src/client/queue');
let queue: Queue;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

beforeEach(async () => {
  // A fresh database and a fresh module (its open connection) for every test.
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.resetModules();
  vi.useFakeTimers({ toFake: ['Date'] }); // only the clock: IndexedDB's own scheduling stays real
  vi.setSystemTime(T0);
  queue = await import('../../src/client/queue');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const request = (id: string, phone = '012 345 678') => ({ id, locale: 'en', topic: 'migration', province: 'KH-12', under18: false, phone, consent: true });
const created = (id: string): Answer => ({ status: 201, body: { reference: `SJ-${id}`, partner: { id: 'p', name: 'Partner' } } });
const offline: Answer = 'network-error';

/** Three requests written while offline: ids chosen so that sorting by id would reverse them. */
async function queueThreeOffline() {
  const down = scriptedServer(() => offline);
  for (const id of ['c-first', 'b-second', 'a-third']) expect((await queue.submit('intake', '/api/intake', request(id), down)).outcome).toBe('queued');
  return ['c-first', 'b-second', 'a-third'];
}

describe('submit', () => {
  it('writes the request to the phone before it sends it', async () => {
    const storedAtEachPost: unknown[][] = [];
    const server = scriptedServer(async () => {
      storedAtEachPost.push((await queue.listItems()).map((i) => ({ id: i.id, payload: i.payload })));
      return created('one');
    });
    const result = await queue.submit('intake', '/api/intake', request('one'), server);
    expect(storedAtEachPost).toEqual([[{ id: 'one', payload: request('one') }]]); // one POST, made once it was on the phone
    expect(result).toEqual({ outcome: 'sent', answer: { reference: 'SJ-one', partner: { id: 'p', name: 'Partner' } } });
  });

  it('keeps a request written offline, with what the person wrote, and answers `queued`', async () => {
    const result = await queue.submit('intake', '/api/intake', request('kept', '097 123 4567'), scriptedServer(() => offline));
    expect(result).toEqual({ outcome: 'queued' });
    expect(await queue.listItems()).toEqual([expect.objectContaining({ id: 'kept', status: 'pending', attempts: 1, payload: request('kept', '097 123 4567') })]);
    expect(await queue.countWaiting('intake')).toBe(1);
  });

  it('once sent, keeps only the receipt: nothing the person wrote', async () => {
    await queue.submit('intake', '/api/intake', request('done', '097 123 4567'), scriptedServer(() => created('done')));
    const [item] = await queue.listItems();
    expect(item).toMatchObject({ id: 'done', status: 'sent', receipt: { reference: 'SJ-done' }, announced: true });
    expect(JSON.stringify(item)).not.toMatch(/097|4567|migration|KH-12/);
    expect(await queue.takeUnannounced()).toEqual([]); // the form showed it: the status bar does not say it again
  });

  it('never writes the partner\'s name to the phone, even for a request sent later by the queue', async () => {
    await queue.submit('intake', '/api/intake', request('later', '097 123 4567'), scriptedServer(() => offline));
    await queue.flush(scriptedServer(() => created('later')).fetcher, { force: true });
    const [item] = await queue.listItems();
    expect(item).toMatchObject({ id: 'later', status: 'sent', receipt: { reference: 'SJ-later' } });
    expect(JSON.stringify(item)).not.toContain('Partner');
  });

  it('sends the same request once, however often it is submitted', async () => {
    const server = scriptedServer(() => created('twice'));
    await queue.submit('intake', '/api/intake', request('twice'), server);
    const again = await queue.submit('intake', '/api/intake', request('twice'), server);
    expect(server.posts.map((p) => p.id)).toEqual(['twice']);
    expect(again).toMatchObject({ outcome: 'sent', answer: { reference: 'SJ-twice' } });
  });
});

describe('sending the queue', () => {
  it('sends the oldest first, one at a time, in the order they were written', async () => {
    const ids = await queueThreeOffline();
    const server = scriptedServer(({ id }) => created(id));
    await queue.flush(server.fetcher, { force: true });
    expect(server.posts.map((p) => p.id)).toEqual(ids);
    expect((await queue.listItems()).map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a retryable failure (network, 5xx) stops the run: the later requests wait their turn', async () => {
    const ids = await queueThreeOffline();
    for (const failure of [offline, { status: 503, body: null }] as Answer[]) {
      const server = scriptedServer(() => failure);
      const { retryInMs } = await queue.flush(server.fetcher, { force: true });
      expect(server.tries).toEqual([ids[0]]);
      expect(retryInMs).toBeGreaterThan(0);
    }
    expect((await queue.listItems()).map((i) => [i.id, i.status, Boolean(i.payload)])).toEqual(ids.map((id) => [id, 'pending', true]));
  });

  it('backs off between tries unless forced, and never sends a later request first', async () => {
    const ids = await queueThreeOffline();
    const [head] = await queue.listItems();
    expect(head!.nextAttemptAt - T0).toBe(queue.retryDelay(head!.attempts - 1));
    const server = scriptedServer(({ id }) => created(id));
    vi.setSystemTime(head!.nextAttemptAt - 1);
    const { retryInMs } = await queue.flush(server.fetcher);
    expect(retryInMs).toBe(1);
    expect(server.tries).toEqual([]); // the first is still backing off: nothing goes before it
    vi.setSystemTime(head!.nextAttemptAt);
    await queue.flush(server.fetcher);
    expect(server.posts.map((p) => p.id)).toEqual(ids);
  });

  it('a new submission is tried at once, behind the older ones, even while they back off', async () => {
    const ids = await queueThreeOffline();
    const server = scriptedServer(({ id }) => created(id));
    expect(await queue.submit('intake', '/api/intake', request('d-fourth'), server)).toMatchObject({ outcome: 'sent' });
    expect(server.posts.map((p) => p.id)).toEqual([...ids, 'd-fourth']);
  });

  it('a permanent rejection sets the request aside, removes what the person wrote, and the next ones go on', async () => {
    const ids = await queueThreeOffline();
    const refusal = { errors: [{ path: 'phone', message: { km: '…', en: 'Enter a Cambodian phone number' } }] };
    const server = scriptedServer(({ id }) => (id === ids[0] ? { status: 422, body: refusal } : created(id)));
    await queue.flush(server.fetcher, { force: true });
    expect(server.posts.map((p) => p.id)).toEqual(ids);
    const [rejected, ...rest] = await queue.listItems();
    expect(rejected).toMatchObject({ id: ids[0], status: 'rejected', rejection: { status: 422, body: refusal } });
    expect(rejected).not.toHaveProperty('payload');
    expect(JSON.stringify(rejected)).not.toMatch(/012 345 678|KH-12|migration/);
    expect(rest.map((i) => i.status)).toEqual(['sent', 'sent']);
    expect(await queue.countWaiting()).toBe(0);
    // Submitting it again does not send it again: the answer stays.
    expect(await queue.submit('intake', '/api/intake', request(ids[0]!), server)).toEqual({ outcome: 'rejected', answer: { status: 422, body: refusal } });
    expect(server.posts).toHaveLength(3);
  });

  it('a 409 (same id, other content) is permanent too; 408 and 429 are not', async () => {
    for (const [status, outcome] of [[409, 'rejected'], [408, 'queued'], [429, 'queued']] as const) {
      const result = await queue.submit('intake', '/api/intake', request(`status-${status}`), scriptedServer(() => ({ status, body: {} })));
      expect(result.outcome, String(status)).toBe(outcome);
    }
  });
});

describe('429 with Retry-After', () => {
  it('waits at least Retry-After before the next attempt, even when forced, and keeps the order', async () => {
    const ids = await queueThreeOffline();
    vi.setSystemTime(T0 + 60_000); // the backoff from going offline is over
    const tooMany = scriptedServer(() => ({ status: 429, body: { error: 'too many' }, headers: { 'Retry-After': '30' } }));
    const { retryInMs } = await queue.flush(tooMany.fetcher, { force: true });
    expect(tooMany.posts.map((p) => p.id)).toEqual([ids[0]]);
    expect(retryInMs).toBeGreaterThanOrEqual(30_000);

    const server = scriptedServer(({ id }) => created(id));
    for (const wait of [0, 10_000, 29_999]) {
      vi.setSystemTime(T0 + 60_000 + wait);
      await queue.flush(server.fetcher, { force: true });
      await queue.flush(server.fetcher);
      expect(server.posts, `${wait} ms after the 429`).toEqual([]);
    }
    vi.setSystemTime(T0 + 60_000 + 30_000);
    await queue.flush(server.fetcher, { force: true });
    expect(server.posts.map((p) => p.id)).toEqual(ids);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(queue.retryAfterSeconds('120')).toBe(120);
    expect(queue.retryAfterSeconds(new Date(T0 + 45_000).toUTCString(), T0)).toBe(45);
    expect(queue.retryAfterSeconds(null)).toBeUndefined();
    expect(queue.retryAfterSeconds('soon')).toBeUndefined();
  });

  it('backs off from 2 s, doubling, to 5 minutes; a longer Retry-After wins, within the cap', () => {
    expect([0, 1, 2, 3].map((n) => queue.retryDelay(n))).toEqual([2000, 4000, 8000, 16000]);
    expect(queue.retryDelay(20)).toBe(5 * 60_000);
    expect(queue.retryDelay(0, 30)).toBe(30_000);
    expect(queue.retryDelay(3, 1)).toBe(16_000);
    expect(queue.retryDelay(0, 3600)).toBe(5 * 60_000);
  });
});

describe('Background Sync', () => {
  it('is registered with the queue\'s tag when a request stays waiting, and not when it was sent', async () => {
    const register = vi.fn(async (_tag: string) => {});
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ sync: { register } }) } });
    await queue.submit('intake', '/api/intake', request('sent'), scriptedServer(() => created('sent')));
    expect(register).not.toHaveBeenCalled();
    await queue.submit('intake', '/api/intake', request('waits'), scriptedServer(() => offline));
    expect(register).toHaveBeenCalledWith(queue.SYNC_TAG);
  });

  it('missing or refused (no worker yet, no sync) leaves the request queued all the same', async () => {
    const refused = { sync: { register: async () => { throw new DOMException('no active worker', 'InvalidStateError'); } } };
    for (const [n, registration] of [undefined, {}, refused].entries()) {
      vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => registration } });
      expect(await queue.submit('intake', '/api/intake', request(`no-sync-${n}`), scriptedServer(() => offline))).toEqual({ outcome: 'queued' });
    }
    expect(await queue.countWaiting()).toBe(3);
  });
});

describe('the queue\'s database', () => {
  it('is not created by looking, and "clear everything" deletes it', async () => {
    expect(await queue.hasQueue()).toBe(false);
    expect(await queue.countWaiting()).toBe(0);
    expect(await indexedDB.databases()).toEqual([]);
    await queue.submit('intake', '/api/intake', request('x'), scriptedServer(() => offline));
    expect(await queue.hasQueue()).toBe(true);
    await queue.deleteAllDatabases();
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('counts only requests for help still waiting', async () => {
    await queue.submit('intake', '/api/intake', request('sent'), scriptedServer(() => created('sent')));
    await queue.submit('intake', '/api/intake', request('refused'), scriptedServer(() => ({ status: 422, body: {} })));
    await queue.submit('session', '/api/sessions', { id: 'session' }, scriptedServer(() => offline));
    await queue.submit('intake', '/api/intake', request('waiting'), scriptedServer(() => offline));
    expect(await queue.countWaiting('intake')).toBe(1);
    expect(await queue.countWaiting()).toBe(2);
  });
});

// Server code, kept here beside the phone's backoff it mirrors.
describe('the delivery worker backs off', () => {
  it('grows exponentially with jitter, capped, and a receiver\'s Retry-After wins', () => {
    const fixed = { baseMs: 1000, random: () => 1 };
    expect([0, 1, 2].map((n) => nextAttemptDelay(n, fixed))).toEqual([1000, 2000, 4000]);
    expect(nextAttemptDelay(30, fixed)).toBe(60 * 60_000);
    expect(nextAttemptDelay(0, { ...fixed, random: () => 0 })).toBe(500);
    expect(nextAttemptDelay(0, { ...fixed, retryAfterMs: 90_000 })).toBe(90_000);
  });
});

describe('the intake rate limit', () => {
  it('lets a burst through, then answers with how long to wait, and refills', async () => {
    const limiter = memoryRateLimiter({ perMinute: 60, burst: 3 });
    const t0 = 1_000_000;
    expect(await Promise.all([0, 1, 2].map(async () => (await limiter.take('a', t0)).ok))).toEqual([true, true, true]);
    expect(await limiter.take('a', t0)).toEqual({ ok: false, retryAfterS: 1 });
    expect((await limiter.take('b', t0)).ok).toBe(true); // another address is not affected
    expect((await limiter.take('a', t0 + 1000)).ok).toBe(true);
  });
});
