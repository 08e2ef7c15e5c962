/**
 * The delivery worker: takes due jobs from the outbox and delivers them, one
 * batch at a time; failures are retried with backoff and stay visible
 * (attempts, last_error, next_attempt_at). Runs inside `npm start`, or alone
 * with `npm run worker`; several may run at once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect';
import type { Directory } from '../../domain/routing';
import { claimJobs, completeJob, failJob } from './outbox';
import { deliver, DeliveryError, type ChannelConfig } from './channels';
import { log } from '../log';
import { escalateOverdue, maintenanceFromEnv, purgeExpired } from '../partner/maintenance';

export interface WorkerOptions {
  store: Db;
  directory: Directory;
  channels: ChannelConfig;
  pollMs?: number;
  backoffBaseMs?: number;
}

export interface DeliveryWorker {
  /** Look for work now (called after a new request is stored). */
  wake(): void;
  /** Runs until there is nothing due; for tests and tools. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export function startDeliveryWorker({ store, directory, channels, pollMs = 1000, backoffBaseMs = Number(process.env.DELIVERY_BACKOFF_MS ?? 30_000) }: WorkerOptions): DeliveryWorker {
  const workerId = randomUUID();
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let woken = false;

  async function runOnce(): Promise<number> {
    const jobs = await claimJobs(store, workerId, { leaseMs: Number(process.env.DELIVERY_LEASE_MS ?? 60_000) });
    await Promise.all(jobs.map(async (job) => {
      const started = Date.now();
      try {
        const row = await store.db.selectFrom('intake_requests').selectAll().where('id', '=', job.request_id).executeTakeFirst();
        const partner = directory.partners.find((p) => p.id === job.partner_id);
        if (!row || !partner) throw new DeliveryError(!row ? 'request no longer exists' : `unknown partner ${job.partner_id}`);
        if (job.channel === 'inbox') {
          // Into the inbox and marked done in one commit: one disk write, not two.
          await store.db.transaction().execute(async (trx) => {
            const inTransaction = { ...store, db: trx };
            await deliver(job.channel, row, partner, inTransaction, channels);
            await completeJob(inTransaction, job, workerId);
          });
        } else {
          await deliver(job.channel, row, partner, store, channels);
          await completeJob(store, job, workerId);
        }
        log('delivery.done', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, attempts: job.attempts + 1, ms: Date.now() - started });
      } catch (error) {
        const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : 0;
        const message = (error as Error).message ?? String(error);
        const state = await failJob(store, job, workerId, message, { retryAfterMs, baseMs: backoffBaseMs });
        log('delivery.failed', { id: job.request_id, job: job.id, channel: job.channel, partner: job.partner_id, attempts: job.attempts + 1, outcome: state, error: message });
      }
    }));
    return jobs.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
    return total;
  }

  function tick() {
    if (stopped || running) return;
    running = drain()
      .catch((error) => { log('delivery.error', { error: (error as Error).message }); return 0; })
      .finally(() => {
        running = undefined;
        if (!stopped) { clearTimeout(timer); timer = setTimeout(tick, pollMs); }
      });
  }
  timer = setTimeout(tick, 0);

  // Escalation every few minutes, the retention purge once a day (and at start).
  const maintenance = maintenanceFromEnv();
  const escalate = () => escalateOverdue(store, directory, channels, maintenance).then((n) => { if (n) tick(); }).catch((error) => log('escalation.error', { error: (error as Error).message }));
  const purge = () => purgeExpired(store, maintenance).catch((error) => log('retention.error', { error: (error as Error).message }));
  const escalationTimer = setInterval(escalate, Number(process.env.ESCALATION_CHECK_MS ?? 5 * 60_000));
  const purgeTimer = setInterval(purge, 24 * 3_600_000);
  escalationTimer.unref();
  purgeTimer.unref();
  void purge();

  return {
    // A short pause gathers the requests of a busy moment into one batch.
    wake() { if (!running && !woken) { woken = true; clearTimeout(timer); timer = setTimeout(() => { woken = false; tick(); }, 20); } },
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(escalationTimer);
      clearInterval(purgeTimer);
      await running;
    },
  };
}
