/**
 * A partner's requests. Every function takes the organisation and filters by
 * it: there is no query here that can return another organisation's row (a
 * request of another organisation is "not found", exactly as if it did not exist).
 * Every view and change writes an audit row.
 */
import type { Db } from '../db/connect';
import type { IntakeRow } from '../db/schema';
import { checkStatusChange, type CallResult, type CaseStatus, type StatusChange } from '../../domain/caseStatus';
import type { Directory } from '../../domain/routing';
import { channelsFor, type ChannelConfig } from '../delivery/channels';
import { reassign, StaleRequest } from './reassign';

export interface Actor { orgId: string; userId: string | null }

export async function audit(store: Db, actor: Actor, action: string, request?: { id: string; reference: string }, detail?: string): Promise<void> {
  await store.db.insertInto('audit_log').values({
    at: new Date().toISOString(), org_id: actor.orgId, user_id: actor.userId, action,
    request_id: request?.id ?? null, reference: request?.reference ?? null, detail: detail ?? null,
  }).execute();
}

export type InboxRow = Pick<IntakeRow, 'id' | 'reference' | 'status' | 'topic' | 'province' | 'under18' | 'created_at'>;

export async function listRequests(store: Db, actor: Actor): Promise<InboxRow[]> {
  const rows = await store.db.selectFrom('intake_requests')
    .select(['id', 'reference', 'status', 'topic', 'province', 'under18', 'created_at'])
    .where('partner_id', '=', actor.orgId)
    .orderBy('created_at', 'desc')
    .execute();
  await audit(store, actor, 'list', undefined, `${rows.length} requests`);
  return rows;
}

/** By id or by reference, of this organisation only. */
async function findOwn(store: Db, orgId: string, idOrReference: string): Promise<IntakeRow | undefined> {
  return store.db.selectFrom('intake_requests').selectAll()
    .where('partner_id', '=', orgId)
    .where((eb) => eb.or([eb('id', '=', idOrReference), eb('reference', '=', idOrReference.toUpperCase())]))
    .executeTakeFirst();
}

export async function getRequest(store: Db, actor: Actor, idOrReference: string) {
  const row = await findOwn(store, actor.orgId, idOrReference);
  if (!row) {
    // Still "not found" to the asker; but a look at a request that is not theirs (or at nothing) leaves a trace.
    await audit(store, actor, 'view:not_found', undefined, idOrReference.slice(0, 64));
    return undefined;
  }
  const events = await store.db.selectFrom('request_events').leftJoin('partner_users', 'partner_users.id', 'request_events.user_id')
    .select(['request_events.at', 'request_events.kind', 'request_events.value', 'request_events.note', 'partner_users.email'])
    .where('request_events.request_id', '=', row.id).where('request_events.org_id', '=', actor.orgId).orderBy('request_events.id').execute();
  await audit(store, actor, 'view', row);
  return { request: row, events };
}

export type ChangeResult =
  | { ok: true; status: CaseStatus }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; message: string }
  /** Someone changed it first (another action, a referral, escalation): nothing was written. */
  | { ok: false; reason: 'conflict' };

export interface Routing {
  directory: Directory;
  config: ChannelConfig;
}

export async function changeStatus(store: Db, actor: Actor, idOrReference: string, change: StatusChange, routing: Routing): Promise<ChangeResult> {
  const row = await findOwn(store, actor.orgId, idOrReference);
  if (!row) return { ok: false, reason: 'not_found' };
  const problem = checkStatusChange(row.status as CaseStatus, change);
  if (problem) return { ok: false, reason: 'invalid', message: problem };
  const target = change.status === 'referred' ? routing.directory.partners.find((p) => p.id === change.to) : undefined;
  if (change.status === 'referred' && (!target || target.id === actor.orgId)) return { ok: false, reason: 'invalid', message: 'unknown partner' };
  const at = new Date().toISOString();
  try {
    await store.db.transaction().execute(async (trx) => {
      if (change.status === 'referred' && target) {
        // The request now belongs to the other partner; this one keeps only the reference and the fact it referred it.
        await reassign(trx, row, target.id, channelsFor(target, routing.config), 'referral', change.reason);
        return;
      }
      // Compare-and-set: only from the state and owner that were read.
      const changed = await trx.updateTable('intake_requests').set({ status: change.status, outcome: change.status === 'closed' ? change.outcome : row.outcome ?? null, updated_at: at })
        .where('id', '=', row.id).where('partner_id', '=', actor.orgId).where('status', '=', row.status).executeTakeFirst();
      if (!Number(changed.numUpdatedRows)) throw new StaleRequest();
      await trx.insertInto('request_events').values({
        request_id: row.id, org_id: actor.orgId, at, user_id: actor.userId, kind: 'status',
        value: change.status === 'closed' ? `closed:${change.outcome}` : change.status, note: 'note' in change ? change.note ?? null : null,
      }).execute();
    });
  } catch (error) {
    if (!(error instanceof StaleRequest)) throw error;
    await audit(store, actor, `conflict:${change.status}`, row);
    return { ok: false, reason: 'conflict' };
  }
  await audit(store, actor, `status:${change.status}`, row, change.status === 'referred' ? `to ${change.to}` : undefined);
  return { ok: true, status: change.status };
}

/** A call attempt, on an open request this organisation still owns at the moment of writing (a referral may race it). */
export async function recordCall(store: Db, actor: Actor, idOrReference: string, result: CallResult, note?: string): Promise<boolean> {
  const row = await findOwn(store, actor.orgId, idOrReference);
  if (!row || row.status === 'closed') return false;
  const at = new Date().toISOString();
  const written = await store.db.insertInto('request_events')
    .columns(['request_id', 'org_id', 'at', 'user_id', 'kind', 'value', 'note'])
    .expression(store.db.selectFrom('intake_requests')
      .select((eb) => [eb.val(row.id).as('request_id'), eb.val(actor.orgId).as('org_id'), eb.val(at).as('at'), eb.val(actor.userId).as('user_id'), eb.val('call').as('kind'), eb.val(result).as('value'), eb.val(note ?? null).as('note')])
      .where('id', '=', row.id).where('partner_id', '=', actor.orgId).where('status', '!=', 'closed'))
    .executeTakeFirst();
  if (!Number(written.numInsertedOrUpdatedRows ?? 0)) return false;
  await audit(store, actor, `call:${result}`, row);
  return true;
}

/** What this organisation referred on, or what was moved away from it by escalation: the reference only. */
export async function referralsFrom(store: Db, orgId: string) {
  return store.db.selectFrom('referrals').select(['reference', 'to_org', 'at']).where('from_org', '=', orgId).orderBy('at', 'desc').execute();
}

/** This organisation's audit, newest first, with the staff member's e-mail (null: the system). */
export async function auditOf(store: Db, orgId: string, limit = 200) {
  return store.db.selectFrom('audit_log').leftJoin('partner_users', 'partner_users.id', 'audit_log.user_id')
    .select(['audit_log.at', 'partner_users.email', 'audit_log.action', 'audit_log.reference', 'audit_log.detail'])
    .where('audit_log.org_id', '=', orgId).orderBy('audit_log.id', 'desc').limit(limit).execute();
}
