/**
 * Moving a request to another partner (a staff referral, or escalation when
 * nobody acknowledged it in time): it becomes the new partner's, new again,
 * in its inbox at once, with fresh deliveries (e-mail notice, webhook) and the
 * escalation clock started again; the first partner keeps only
 * the reference and the fact it moved (the `referrals` row) and its audit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, DeliveryChannel, IntakeRow } from '../db/schema';
import { deliveryJobRows } from '../delivery/outbox';

/** The row changed (owner or state) since it was read: the transaction is rolled back and nothing is written. */
export class StaleRequest extends Error {
  constructor() { super('the request changed since it was read'); }
}

/**
 * Compare-and-set: moves the request only if it still has the owner and the
 * state that were read; else throws StaleRequest (call it inside a transaction,
 * so the loser of a race leaves no referral, event or delivery job).
 */
export async function reassign(trx: Transaction<Database> | Kysely<Database>, row: IntakeRow, to: string, channels: DeliveryChannel[], kind: 'referral' | 'escalation', note: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const tried = JSON.stringify([...new Set([...(JSON.parse(row.tried_partners ?? '[]') as string[]), row.partner_id])]);
  const moved = await trx.updateTable('intake_requests')
    .set({ partner_id: to, status: 'new', tried_partners: tried, updated_at: at, routed_at: at })
    .where('id', '=', row.id).where('partner_id', '=', row.partner_id).where('status', '=', row.status)
    .executeTakeFirst();
  if (!Number(moved.numUpdatedRows)) throw new StaleRequest();
  await trx.insertInto('referrals').values({ reference: row.reference, from_org: row.partner_id, to_org: to, at }).execute();
  await trx.insertInto('request_events').values({ request_id: row.id, org_id: to, at, user_id: null, kind, value: row.partner_id, note }).execute();
  if (!channels.length) return;
  await trx.insertInto('delivery_jobs').values(deliveryJobRows(row.id, to, channels, at)).onConflict((oc) => oc.columns(['request_id', 'partner_id', 'channel']).doUpdateSet({ status: 'pending', next_attempt_at: at, attempts: 0, updated_at: at }))
    .execute();
}
