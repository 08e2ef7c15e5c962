/**
 * Storing a request: one transaction writes the request and its delivery jobs
 * (the outbox), so a request acknowledged with a reference always gets its
 * deliveries. The client's UUID is the key: the same id with the same content
 * is a replay (same reference), with other content a conflict.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import type { DeliveryChannel } from '../db/schema';
import { canonicalIntake, type IntakeRequest } from '../../domain/intake';
import { makeReference } from '../../domain/reference';

export type StoreOutcome =
  | { outcome: 'created'; reference: string; partnerId: string }
  | { outcome: 'replayed'; reference: string; partnerId: string }
  | { outcome: 'conflict' };

export function contentHash(request: IntakeRequest): string {
  return createHash('sha256').update(canonicalIntake(request)).digest('base64url');
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

async function existing({ db }: Db, request: IntakeRequest, hash: string): Promise<StoreOutcome | undefined> {
  const row = await db.selectFrom('intake_requests').select(['reference', 'partner_id', 'content_hash']).where('id', '=', request.id).executeTakeFirst();
  if (!row) return undefined;
  return row.content_hash === hash ? { outcome: 'replayed', reference: row.reference, partnerId: row.partner_id } : { outcome: 'conflict' };
}

export async function storeIntake(store: Db, request: IntakeRequest, partnerId: string, channels: DeliveryChannel[], now = new Date()): Promise<StoreOutcome> {
  const hash = contentHash(request);
  const before = await existing(store, request, hash);
  if (before) return before;
  const at = now.toISOString();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = makeReference(randomBytes(8));
    try {
      await store.db.transaction().execute(async (trx) => {
        await trx.insertInto('intake_requests').values({
          id: request.id,
          reference,
          partner_id: partnerId,
          locale: request.locale,
          topic: request.topic,
          province: request.province,
          under18: request.under18 ? 1 : 0,
          phone: request.phone,
          name: request.name ?? null,
          call_time: request.callTime ?? null,
          discreet: request.discreet ? 1 : 0,
          message: request.message ?? null,
          content_hash: hash,
          status: 'new',
          created_at: at,
          updated_at: at,
          inbox_at: null,
        }).execute();
        await trx.insertInto('delivery_jobs').values(channels.map((channel) => ({
          request_id: request.id, partner_id: partnerId, channel, status: 'pending' as const, attempts: 0,
          next_attempt_at: at, locked_by: null, locked_until: null, last_error: null, created_at: at, updated_at: at, delivered_at: null,
        }))).execute();
      });
      return { outcome: 'created', reference, partnerId };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another post of the same id won the race, or (rarely) the reference was taken.
      const now2 = await existing(store, request, hash);
      if (now2) return now2;
    }
  }
  throw new Error('could not allocate a unique reference');
}
