/**
 * The delivery worker in-process, on SQLite and PostgreSQL, against a local
 * webhook receiver: a delivery that keeps failing gives up after its last
 * attempt; a job whose request was referred away is dropped, not sent; and
 * two runners claiming side by side (at the same moment, or while the other
 * is still sending) deliver each request exactly once.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type DbConfig } from '../../src/server/db/connect';
import { loadDirectory } from '../../src/data/directory';
import { storeIntake } from '../../src/server/intake/store';
import { deliveryRunner } from '../../src/server/delivery/worker';
import { MAX_ATTEMPTS } from '../../src/server/delivery/outbox';
import { channelsFor } from '../../src/server/delivery/channels';
import { changeStatus } from '../../src/server/partner/requests';
import { configureLog } from '../../src/server/log';
import { readConfig } from '../../src/config';
import { validateIntake } from '../../src/domain/intake';
import type { Directory } from '../../src/domain/routing';
import { dbTargets } from '../support/databases';
import { projectRoot } from '../support/content';

const targets = await dbTargets('it_delivery');

const NORTHWEST = 'sample-northwest-migration';
const COAST = 'sample-coast';
const SECRET_ENV = 'WEBHOOK_SECRET_DELIVERY_TEST';
// No SMTP_URL: webhooks are the only thing that leaves the server here.
const config = readConfig({ [SECRET_ENV]: `secret-${randomUUID()}`, WEBHOOK_TIMEOUT_MS: '5000' });
const LONG_AGO = new Date(0).toISOString();

interface Delivery { path: string; key: string; body: Record<string, unknown> }

/** A partner system on 127.0.0.1: answers every call with `status` after `delayMs`, and keeps what it was sent. */
async function webhookReceiver() {
  const state = { status: 200, delayMs: 0 };
  const received: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => { raw += chunk; });
    req.on('end', () => {
      received.push({ path: req.url ?? '', key: String(req.headers['idempotency-key']), body: JSON.parse(raw) });
      setTimeout(() => res.writeHead(state.status).end(), state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, state, received,
    reset(status: number, delayMs = 0) { received.length = 0; Object.assign(state, { status, delayMs }); },
    /** Deliveries per Idempotency-Key: a key seen twice is a request delivered twice. */
    countsByKey() {
      const counts = new Map<string, number>();
      for (const { key } of received) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    },
    close() { server.closeAllConnections(); return new Promise<void>((resolve) => server.close(() => resolve())); },
  };
}

/** The sample directory, with the north-west centre's and the coast network's webhooks pointed at the receiver. */
function directoryWithHooks(receiverUrl: string): Directory {
  const content = loadDirectory(join(projectRoot, 'content'));
  const hook = (path: string) => ({ url: `${receiverUrl}${path}`, secretEnv: SECRET_ENV });
  return {
    provinces: content.provinces,
    partners: content.partners.map((p) => (p.id === NORTHWEST || p.id === COAST ? { ...p, channels: { ...p.channels, webhook: hook(`/${p.id}`) } } : p)),
  };
}

describe.each(targets.map((t) => [t.name, t] as const))('delivery on %s', (_, target) => {
  let store: Db;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let directory: Directory;
  const dbConfig: DbConfig = target.name === 'postgres'
    ? { databaseUrl: target.env.DATABASE_URL, schema: target.env.DATABASE_SCHEMA, sqliteFile: 'unused' }
    : { sqliteFile: join(mkdtempSync(join(tmpdir(), 'sj-delivery-')), 'db.sqlite') };
  const runner = (db: Db) => deliveryRunner({ store: db, directory, channels: config, backoffBaseMs: 1, leaseMs: 60_000 });

  /** A request from Banteay Meanchey (the north-west centre's), stored with its webhook job as the intake API does. */
  async function storedForNorthwest(name = 'Sophea Child') {
    const checked = validateIntake({ id: randomUUID(), locale: 'en', topic: 'migration', province: 'KH-1', under18: true, phone: '012 345 678', consent: true, name, message: 'my employer keeps my passport' });
    if (!checked.ok) throw new Error('the test request is invalid');
    const partner = directory.partners.find((p) => p.id === NORTHWEST)!;
    const channels = channelsFor(partner, config);
    expect(channels).toEqual(['webhook']);
    await storeIntake(store, checked.value, partner.id, channels);
    return checked.value;
  }
  const jobsOf = (requestId: string) => store.db.selectFrom('delivery_jobs').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
  /** Makes every pending job due now, so the backoff does not make the test wait. */
  const makeDue = () => store.db.updateTable('delivery_jobs').set({ next_attempt_at: LONG_AGO }).where('status', '=', 'pending').execute();
  /** Runs until a run claims nothing (bounded: a job that is never finished must fail the test, not hang it). */
  async function drain(runOnce: () => Promise<number>, maxRuns = 50): Promise<number> {
    let claimed = 0;
    for (let run = 0; run < maxRuns; run += 1) {
      const n = await runOnce();
      if (n === 0) return claimed;
      claimed += n;
    }
    throw new Error(`still claiming jobs after ${maxRuns} runs`);
  }

  beforeAll(async () => {
    configureLog('silent');
    receiver = await webhookReceiver();
    directory = directoryWithHooks(receiver.url);
    store = await openDatabase(dbConfig);
  });
  afterAll(async () => {
    await store?.close();
    await receiver?.close();
    await target.cleanup();
  });
  // Each test's runners see only that test's jobs.
  beforeEach(async () => { await store.db.deleteFrom('delivery_jobs').execute(); });

  it(`gives up on a delivery that keeps failing after its last attempt (${MAX_ATTEMPTS}), and never claims it again`, async () => {
    receiver.reset(500);
    const request = await storedForNorthwest();
    const runOnce = runner(store);
    let runsThatClaimed = 0;
    for (let run = 0; run < MAX_ATTEMPTS + 3; run += 1) {
      if ((await runOnce()) > 0) runsThatClaimed += 1;
      await makeDue();
    }
    expect(runsThatClaimed).toBe(MAX_ATTEMPTS);
    expect(receiver.countsByKey().get(request.id)).toBe(MAX_ATTEMPTS);
    const [job] = await jobsOf(request.id);
    expect(job).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'webhook answered 500', locked_by: null, delivered_at: null });

    // Due or not, a failed job stays failed: an operator decides what happens next.
    await store.db.updateTable('delivery_jobs').set({ next_attempt_at: LONG_AGO }).where('id', '=', job!.id).execute();
    expect(await runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
  });

  it('drops a job whose request was referred to another partner after it was queued: only the new owner gets the data', async () => {
    receiver.reset(200);
    const request = await storedForNorthwest('Sophea Referred');
    const referred = await changeStatus(store, { orgId: NORTHWEST, userId: null }, request.id, { status: 'referred', to: COAST, reason: 'closer to the family' }, { directory, config });
    expect(referred).toEqual({ ok: true, status: 'referred' });
    // The stale job (north-west) and the new owner's (coast) are both due.
    expect((await jobsOf(request.id)).map((j) => [j.partner_id, j.status])).toEqual([[NORTHWEST, 'pending'], [COAST, 'pending']]);

    await drain(runner(store));

    expect(receiver.received.filter((d) => d.path === `/${NORTHWEST}`)).toEqual([]);
    expect(JSON.stringify(receiver.received.filter((d) => d.path !== `/${COAST}`))).not.toContain('Sophea Referred');
    expect(receiver.received.map((d) => [d.path, d.key, d.body.partner])).toEqual([[`/${COAST}`, request.id, COAST]]);
    // The stale job is finished with (not left to be retried); the new owner's is delivered.
    const [stale, current] = await jobsOf(request.id);
    expect(stale).toMatchObject({ partner_id: NORTHWEST, locked_by: null });
    expect(stale!.status).not.toBe('pending');
    expect(current).toMatchObject({ partner_id: COAST, status: 'done' });
  });

  /** Runs two runners on two connections (two pools on PostgreSQL), as two worker processes would; the second starts when `startSecond` resolves. */
  async function twoRunners(startSecond: () => Promise<unknown>) {
    const second = await openDatabase(dbConfig);
    try {
      const first = drain(runner(store));
      await startSecond();
      return await Promise.all([first, drain(runner(second))]);
    } finally {
      await second.close();
    }
  }
  async function expectEachDeliveredOnce(requests: { id: string }[], claimed: number[]) {
    const counts = receiver.countsByKey();
    expect(counts.size).toBe(requests.length);
    for (const request of requests) expect(counts.get(request.id), request.id).toBe(1);
    // Both runners really took part, and no job was claimed twice.
    for (const n of claimed) expect(n).toBeGreaterThan(0);
    expect(claimed[0]! + claimed[1]!).toBe(requests.length);
    const statuses = await store.db.selectFrom('delivery_jobs').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(requests.map(() => 'done'));
  }
  const storedMany = async (n: number) => {
    const requests = [];
    for (let i = 0; i < n; i += 1) requests.push(await storedForNorthwest(`Child ${i}`));
    return requests;
  };

  it('delivers each request exactly once at the receiver with two runners claiming at the same moment', async () => {
    receiver.reset(200, 50);
    const requests = await storedMany(25);
    await expectEachDeliveredOnce(requests, await twoRunners(async () => {}));
  });

  it('delivers each request exactly once when a runner claims while another is still sending (the lease)', async () => {
    // A slow receiver, and the second runner starts only once the first is mid-delivery.
    receiver.reset(200, 100);
    const requests = await storedMany(25);
    await expectEachDeliveredOnce(requests, await twoRunners(() => expect.poll(() => receiver.received.length, { interval: 5 }).toBeGreaterThan(0)));
  });
});
