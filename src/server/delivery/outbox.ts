/**
 * The outbox: delivery jobs claimed with a lease, so several workers can run
 * side by side (PostgreSQL: FOR UPDATE SKIP LOCKED) and a worker that dies
 * mid-delivery loses nothing (its lease runs out and another worker takes the
 * job; receivers deduplicate on Idempotency-Key).
 */
import type { Db } from '../db/connect';
import type { DeliveryChannel, DeliveryJob } from '../db/schema';

export const MAX_ATTEMPTS = 12;

/** New jobs, due now: one per channel of what leaves the server for this partner. */
export function deliveryJobRows(requestId: string, partnerId: string, channels: DeliveryChannel[], at: string) {
  return channels.map((channel) => ({
    request_id: requestId, partner_id: partnerId, channel, status: 'pending' as const, attempts: 0,
    next_attempt_at: at, locked_by: null, locked_until: null, last_error: null, created_at: at, updated_at: at, delivered_at: null,
  }));
}

export async function claimJobs(store: Db, workerId: string, { limit = 10, leaseMs = 60_000, now = new Date() } = {}): Promise<DeliveryJob[]> {
  const at = now.toISOString();
  const due = store.db
    .selectFrom('delivery_jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .orderBy('id')
    .limit(limit);
  const candidates = store.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
  return store.db
    .updateTable('delivery_jobs')
    .set({ locked_by: workerId, locked_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: at })
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}

export async function completeJob(store: Db, job: DeliveryJob, workerId: string, now = new Date()): Promise<void> {
  await store.db
    .updateTable('delivery_jobs')
    .set({ status: 'done', delivered_at: now.toISOString(), updated_at: now.toISOString(), locked_by: null, locked_until: null, attempts: job.attempts + 1, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Not sent, and never to be: the request is no longer this partner's. */
export async function dropJob(store: Db, job: DeliveryJob, workerId: string, reason: string, now = new Date()): Promise<void> {
  await store.db
    .updateTable('delivery_jobs')
    .set({ status: 'dropped', updated_at: now.toISOString(), locked_by: null, locked_until: null, last_error: reason })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Exponential backoff with jitter: base·2^attempt, capped; a Retry-After from the receiver wins when longer. */
export function nextAttemptDelay(attempts: number, { baseMs = 30_000, capMs = 60 * 60_000, retryAfterMs = 0, random = Math.random } = {}): number {
  const exponential = Math.min(capMs, baseMs * 2 ** attempts);
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, Math.min(retryAfterMs, capMs));
}

export async function failJob(store: Db, job: DeliveryJob, workerId: string, error: string, { retryAfterMs = 0, baseMs = 30_000, now = new Date() } = {}): Promise<'retry' | 'failed'> {
  const attempts = job.attempts + 1;
  const gaveUp = attempts >= MAX_ATTEMPTS;
  await store.db
    .updateTable('delivery_jobs')
    .set({
      status: gaveUp ? 'failed' : 'pending',
      attempts,
      last_error: error.slice(0, 500),
      next_attempt_at: new Date(now.getTime() + nextAttemptDelay(job.attempts, { baseMs, retryAfterMs })).toISOString(),
      locked_by: null,
      locked_until: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
  return gaveUp ? 'failed' : 'retry';
}
