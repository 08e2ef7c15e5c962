/**
 * Limits per client address: a token bucket for the public write paths, and
 * a count of failed sign-ins for the login slow-down. With SQLite (one
 * process) they live in memory; with PostgreSQL in the `rate_limits` table, so
 * that several server processes behind one proxy enforce one limit. Keys are
 * hashed: no address is stored as such.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db/connect';

export interface BucketRule {
  perMinute: number;
  burst: number;
}
export type Decision = { ok: true } | { ok: false; retryAfterS: number };

export interface RateLimiter {
  /** Takes one token for this client; `retryAfterS` when there is none. */
  take(client: string, now?: number): Promise<Decision>;
}
export interface FailureCounter {
  /** Failures of this client within the window. */
  count(client: string, now?: number): Promise<number>;
  /** Counts one more failure; returns the count within the window. */
  add(client: string, now?: number): Promise<number>;
}

const keyOf = (name: string, client: string) => `${name}:${createHash('sha256').update(client).digest('base64url').slice(0, 22)}`;
const MAX_CLIENTS = 50_000;

/** Memory: bounded; the least recently seen clients are forgotten first. */
function boundedMap<V>() {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set(key: string, value: V) {
      map.delete(key);
      map.set(key, value); // most recent last
      if (map.size > MAX_CLIENTS) map.delete(map.keys().next().value as string);
    },
  };
}

export function memoryRateLimiter({ perMinute, burst }: BucketRule): RateLimiter {
  const buckets = boundedMap<{ tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    async take(client, now = Date.now()) {
      const bucket = buckets.get(client) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}

export function memoryFailureCounter(windowMs: number): FailureCounter {
  const entries = boundedMap<{ count: number; at: number }>();
  const live = (client: string, now: number) => { const e = entries.get(client); return e && now - e.at < windowMs ? e : undefined; };
  return {
    async count(client, now = Date.now()) { return live(client, now)?.count ?? 0; },
    async add(client, now = Date.now()) {
      const e = live(client, now);
      const next = { count: (e?.count ?? 0) + 1, at: e?.at ?? now };
      entries.set(client, next);
      return next.count;
    },
  };
}

/**
 * PostgreSQL: one statement per take. A refused take leaves the bucket at -1
 * at most, so a client that keeps flooding waits two tokens' time.
 */
export function sharedRateLimiter(store: Db, name: string, { perMinute, burst }: BucketRule): RateLimiter {
  const rate = perMinute / 60_000;
  return {
    async take(client, now = Date.now()) {
      const { rows } = await sql<{ value: number }>`
        insert into rate_limits (key, value, at_ms) values (${keyOf(name, client)}, ${burst - 1}, ${now})
        on conflict (key) do update set
          value = greatest(-1, least(${burst}::double precision, rate_limits.value + (${now} - rate_limits.at_ms) * ${rate}::double precision) - 1),
          at_ms = ${now}
        returning value`.execute(store.db);
      const left = Number(rows[0]!.value);
      return left >= 0 ? { ok: true } : { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - left) / rate / 1000)) };
    },
  };
}

export function sharedFailureCounter(store: Db, name: string, windowMs: number): FailureCounter {
  return {
    async count(client, now = Date.now()) {
      const row = await store.db.selectFrom('rate_limits').select('value').where('key', '=', keyOf(name, client)).where('at_ms', '>', now - windowMs).executeTakeFirst();
      return Number(row?.value ?? 0);
    },
    async add(client, now = Date.now()) {
      const since = now - windowMs;
      const { rows } = await sql<{ value: number }>`
        insert into rate_limits (key, value, at_ms) values (${keyOf(name, client)}, 1, ${now})
        on conflict (key) do update set
          value = case when rate_limits.at_ms > ${since} then rate_limits.value + 1 else 1 end,
          at_ms = case when rate_limits.at_ms > ${since} then rate_limits.at_ms else ${now} end
        returning value`.execute(store.db);
      return Number(rows[0]!.value);
    },
  };
}

/** Rows untouched for a day are of no use to any limit. */
export async function expireRateLimits(store: Db, now = Date.now()): Promise<void> {
  await store.db.deleteFrom('rate_limits').where('at_ms', '<', now - 24 * 3_600_000).execute();
}

export interface Limits {
  publicWrites: RateLimiter;
  loginFailures: FailureCounter;
}

export function createLimits(store: Db, rule: BucketRule, loginWindowMs: number): Limits {
  return store.dialect === 'postgres'
    ? { publicWrites: sharedRateLimiter(store, 'public', rule), loginFailures: sharedFailureCounter(store, 'login', loginWindowMs) }
    : { publicWrites: memoryRateLimiter(rule), loginFailures: memoryFailureCounter(loginWindowMs) };
}
