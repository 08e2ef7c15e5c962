/**
 * Run by the scheduler (../scheduler.ts): escalation (a request not acknowledged in time
 * goes to the next suitable partner) and the retention purge (personal data
 * deleted, anonymous counts kept). Both take `now`, so tests can move the clock.
 */
import type { Db } from '../db/connect';
import type { Directory } from '../../domain/routing';
import { choosePartner } from '../../domain/routing';
import type { IntakeTopic } from '../../domain/topics';
import { channelsFor, type ChannelConfig } from '../delivery/channels';
import { reassign, StaleRequest } from './reassign';
import { audit } from './requests';
import { log } from '../log';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MaintenanceConfig {
  escalateAfterHours: number;
  retentionDays: number;
  maxAgeDays: number;
}

export const maintenanceConfigOf = (config: { ESCALATE_AFTER_HOURS: number; RETENTION_DAYS: number; MAX_AGE_DAYS: number }): MaintenanceConfig =>
  ({ escalateAfterHours: config.ESCALATE_AFTER_HOURS, retentionDays: config.RETENTION_DAYS, maxAgeDays: config.MAX_AGE_DAYS });

/** Moves every request still `new` that long after it was routed to the next suitable partner; both partners are told. */
export async function escalateOverdue(store: Db, directory: Directory, channels: ChannelConfig, config: MaintenanceConfig, now = new Date()): Promise<number> {
  const deadline = new Date(now.getTime() - config.escalateAfterHours * HOUR).toISOString();
  const overdue = await store.db.selectFrom('intake_requests').selectAll()
    .where('status', '=', 'new').where('routed_at', '<', deadline).execute();
  let moved = 0;
  for (const row of overdue) {
    const tried = [...new Set([...(JSON.parse(row.tried_partners ?? '[]') as string[]), row.partner_id])];
    const next = choosePartner({ topic: row.topic as IntakeTopic, province: row.province, under18: row.under18 === 1 }, directory, { exclude: tried });
    if (tried.includes(next.id)) continue; // nobody else can take it: it stays, and stays visible as overdue
    try {
      await store.db.transaction().execute((trx) => reassign(trx, row, next.id, channelsFor(next, channels), 'escalation', `not acknowledged within ${config.escalateAfterHours} h`, now));
    } catch (error) {
      if (error instanceof StaleRequest) continue; // acknowledged or referred meanwhile: it stays where it is
      throw error;
    }
    // Both are told: the old partner in its audit (and its "moved" list), the new one in its inbox and by e-mail.
    await audit(store, { orgId: row.partner_id, userId: null }, 'escalated:away', row, `to ${next.id}`);
    await audit(store, { orgId: next.id, userId: null }, 'escalated:in', row, `from ${row.partner_id}`);
    log('request.escalated', { id: row.id, reference: row.reference, partner: next.id, outcome: `from ${row.partner_id}` });
    moved += 1;
  }
  return moved;
}

/**
 * Deletes closed requests older than the retention period and every request
 * older than the maximum age, with their history and deliveries (cascade), and
 * referral records past retention; keeps only anonymous counts.
 */
export async function purgeExpired(store: Db, config: MaintenanceConfig, now = new Date()): Promise<number> {
  const retention = new Date(now.getTime() - config.retentionDays * DAY).toISOString();
  const maxAge = new Date(now.getTime() - config.maxAgeDays * DAY).toISOString();
  return store.db.transaction().execute(async (trx) => {
    const expired = await trx.selectFrom('intake_requests').select(['id', 'created_at', 'province', 'topic', 'partner_id', 'status', 'outcome'])
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'closed'), eb('updated_at', '<', retention)]),
        eb('created_at', '<', maxAge),
      ]))
      .execute();
    for (const r of expired) {
      await trx.insertInto('stats_counts')
        .values({ month: r.created_at.slice(0, 7), province: r.province, topic: r.topic, partner_id: r.partner_id, outcome: r.outcome ?? r.status, n: 1 })
        .onConflict((oc) => oc.columns(['month', 'province', 'topic', 'partner_id', 'outcome']).doUpdateSet((eb) => ({ n: eb('stats_counts.n', '+', 1) })))
        .execute();
    }
    if (expired.length) {
      const ids = expired.map((r) => r.id);
      await trx.deleteFrom('request_events').where('request_id', 'in', ids).execute();
      await trx.deleteFrom('delivery_jobs').where('request_id', 'in', ids).execute();
      await trx.deleteFrom('intake_requests').where('id', 'in', ids).execute();
    }
    await trx.deleteFrom('referrals').where('at', '<', retention).execute();
    if (expired.length) log('retention.purged', { n_requests: expired.length });
    return expired.length;
  });
}
