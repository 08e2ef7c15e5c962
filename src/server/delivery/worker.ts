/**
 * The delivery worker: takes due jobs from the outbox and sends what leaves
 * the server (e-mail notices, webhooks), one batch at a time; failures are
 * retried with backoff and stay visible (attempts, last_error,
 * next_attempt_at). Before sending, it checks that the job's partner still
 * owns the request (a referral may have moved it): a stale job is dropped.
 * Run by the scheduler (../scheduler.ts); several may run at once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect';
import type { Directory } from '../../domain/routing';
import { claimJobs, completeJob, dropJob, failJob } from './outbox';
import { deliver, DeliveryError, type ChannelConfig } from './channels';
import { log } from '../log';

export interface DeliveryOptions {
  store: Db;
  directory: Directory;
  channels: ChannelConfig;
  backoffBaseMs: number;
  leaseMs: number;
}

/** Claims and delivers one batch; returns how many jobs it claimed. */
export function deliveryRunner({ store, directory, channels, backoffBaseMs, leaseMs }: DeliveryOptions): () => Promise<number> {
  const workerId = randomUUID();
  return async function runOnce(): Promise<number> {
    const jobs = await claimJobs(store, workerId, { leaseMs });
    await Promise.all(jobs.map(async (job) => {
      const started = Date.now();
      log('delivery.claimed', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, attempts: job.attempts });
      try {
        const row = await store.db.selectFrom('intake_requests').selectAll().where('id', '=', job.request_id).executeTakeFirst();
        if (row && row.partner_id !== job.partner_id) {
          // Referred or escalated since: its personal data goes to the owner only.
          await dropJob(store, job, workerId, 'the request moved to another partner before it was sent');
          log('delivery.stale', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, outcome: 'dropped' });
          return;
        }
        const partner = directory.partners.find((p) => p.id === job.partner_id);
        if (!row || !partner) throw new DeliveryError(!row ? 'request no longer exists' : `unknown partner ${job.partner_id}`);
        await deliver(job.channel, row, partner, channels);
        await completeJob(store, job, workerId);
        log('delivery.done', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, attempts: job.attempts + 1, ms: Date.now() - started });
      } catch (error) {
        const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : 0;
        const message = (error as Error).message ?? String(error);
        const state = await failJob(store, job, workerId, message, { retryAfterMs, baseMs: backoffBaseMs });
        log('delivery.failed', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, attempts: job.attempts + 1, outcome: state, error: message });
      }
    }));
    return jobs.length;
  };
}
