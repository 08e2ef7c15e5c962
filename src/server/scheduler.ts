/**
 * What runs in the background: delivery of the outbox (woken when a request
 * with e-mail or webhook jobs is stored, else every second), escalation of
 * requests not acknowledged in time (every ESCALATION_CHECK_MS), the retention
 * purge (at start and daily) and the expiry of old rate-limit rows. Runs
 * inside `npm start`, or alone with `npm run worker`; several may run at once
 * (jobs are claimed with a lease).
 */
import type { Db } from './db/connect';
import type { Directory } from '../domain/routing';
import type { Config } from '../config';
import { deliveryRunner } from './delivery/worker';
import { escalateOverdue, maintenanceConfigOf, purgeExpired } from './partner/maintenance';
import { expireRateLimits } from './rateLimit';
import { log } from './log';

export interface Scheduler {
  /** Look for deliveries now (called after a request with outbound jobs is stored). */
  wake(): void;
  /** Delivers until nothing is due; for tests and tools. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export function startScheduler({ store, directory, config, pollMs = 1000 }: { store: Db; directory: Directory; config: Config; pollMs?: number }): Scheduler {
  const runOnce = deliveryRunner({ store, directory, channels: config, backoffBaseMs: config.DELIVERY_BACKOFF_MS, leaseMs: config.DELIVERY_LEASE_MS });
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let woken = false;

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

  const maintenance = maintenanceConfigOf(config);
  const escalate = () => escalateOverdue(store, directory, config, maintenance).then((n) => { if (n) tick(); }).catch((error) => log('escalation.error', { error: (error as Error).message }));
  const daily = () => Promise.all([
    purgeExpired(store, maintenance).catch((error) => log('retention.error', { error: (error as Error).message })),
    expireRateLimits(store).catch((error) => log('ratelimit.error', { error: (error as Error).message })),
  ]);
  const escalationTimer = setInterval(escalate, config.ESCALATION_CHECK_MS);
  const dailyTimer = setInterval(daily, 24 * 3_600_000);
  escalationTimer.unref();
  dailyTimer.unref();
  void daily();

  return {
    // A short pause gathers the requests of a busy moment into one batch.
    wake() { if (!running && !woken) { woken = true; clearTimeout(timer); timer = setTimeout(() => { woken = false; tick(); }, 20); } },
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(escalationTimer);
      clearInterval(dailyTimer);
      await running;
    },
  };
}
