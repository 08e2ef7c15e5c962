/**
 * Several server processes on one PostgreSQL database enforce one limit: the
 * public write paths' token bucket and the count of failed sign-ins per
 * address live in the database. (SQLite runs one process: memory is enough.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { memoryFailureCounter, memoryRateLimiter, sharedFailureCounter, sharedRateLimiter } from '../../src/server/rateLimit';
import { dropSchema, PG_URL, postgresAvailable, uniqueSchema } from '../support/databases';
import { startServer } from '../support/server.mjs';

const available = await postgresAvailable();
const schemas: string[] = [];
afterAll(async () => { for (const s of schemas) await dropSchema(s); });

describe('limits, in memory and shared', () => {
  const t0 = 1_000_000;
  it('a bucket lets the burst through, then says how long to wait, and refills (memory)', async () => {
    const limiter = memoryRateLimiter({ perMinute: 60, burst: 3 });
    expect(await Promise.all([0, 1, 2].map(() => limiter.take('a', t0).then((d) => d.ok)))).toEqual([true, true, true]);
    expect(await limiter.take('a', t0)).toEqual({ ok: false, retryAfterS: 1 });
    expect((await limiter.take('b', t0)).ok).toBe(true); // another address is not affected
    expect((await limiter.take('a', t0 + 1000)).ok).toBe(true);
  });

  it.skipIf(!available)('the same bucket, in PostgreSQL, under a burst of concurrent takes', async () => {
    const schema = uniqueSchema('it_rl'); schemas.push(schema);
    const store = await openDatabase({ databaseUrl: PG_URL, schema, sqliteFile: 'unused' });
    try {
      const limiter = sharedRateLimiter(store, 'test', { perMinute: 60, burst: 5 });
      const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.take('a', t0)));
      expect(decisions.filter((d) => d.ok)).toHaveLength(5);
      expect(decisions.find((d) => !d.ok)).toEqual({ ok: false, retryAfterS: 2 });
      expect((await limiter.take('b', t0)).ok).toBe(true);
      expect((await limiter.take('a', t0 + 2000)).ok).toBe(true);
      // Addresses are not stored as such.
      expect(JSON.stringify(await store.db.selectFrom('rate_limits').selectAll().execute())).not.toContain(':a"');
    } finally { await store.close(); }
  });

  it.skipIf(!available)('failed sign-ins are counted within their window, in memory and in PostgreSQL alike', async () => {
    const schema = uniqueSchema('it_rlf'); schemas.push(schema);
    const store = await openDatabase({ databaseUrl: PG_URL, schema, sqliteFile: 'unused' });
    try {
      for (const counter of [memoryFailureCounter(60_000), sharedFailureCounter(store, 'login', 60_000)]) {
        await Promise.all(Array.from({ length: 7 }, () => counter.add('10.0.0.1', t0)));
        expect(await counter.count('10.0.0.1', t0 + 1)).toBe(7);
        expect(await counter.count('10.0.0.2', t0 + 1)).toBe(0);
        expect(await counter.count('10.0.0.1', t0 + 60_001)).toBe(0);
        expect(await counter.add('10.0.0.1', t0 + 60_001)).toBe(1);
      }
    } finally { await store.close(); }
  });
});

describe.skipIf(!available)('two server processes behind one proxy, one PostgreSQL schema', () => {
  it('enforce one intake limit between them', async () => {
    const schema = uniqueSchema('it_rl2'); schemas.push(schema);
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, RUN_WORKER: '0', INTAKE_RATE_PER_MINUTE: '1', INTAKE_RATE_BURST: '6' };
    const first = await startServer({ env });
    const second = await startServer({ env });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const server = i % 2 ? second : first;
        const response = await fetch(`${server.url}/api/intake`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        statuses.push(response.status);
      }
      // Six passed the limit (and were refused as invalid), the rest were limited, whichever process answered.
      expect(statuses.filter((s) => s === 422)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
