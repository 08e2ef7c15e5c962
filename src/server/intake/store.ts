/**
 * Storing a request: one transaction writes the request (and with it, its
 * partner's inbox: the inbox is this table) and the delivery jobs of what
 * leaves the server (e-mail, webhook: the outbox), so a request acknowledged
 * with a reference is always seen and always notified. The client's UUID is
 * the key: the same id with the same content is a replay, with other content a conflict.
 */
import type { Db } from '../db/connect';
import type { DeliveryChannel } from '../db/schema';
import { canonicalIntake, type IntakeRequest } from '../../domain/intake';
import { contentHash, createWithReference, type CreateOutcome } from '../db/createWithReference';
import { deliveryJobRows } from '../delivery/outbox';

export type StoreOutcome = CreateOutcome<{ partnerId: string }>;

export async function storeIntake(store: Db, request: IntakeRequest, partnerId: string, channels: DeliveryChannel[], now = new Date()): Promise<StoreOutcome> {
  const at = now.toISOString();
  const hash = contentHash(canonicalIntake(request));
  return createWithReference(hash, {
    find: async () => {
      const row = await store.db.selectFrom('intake_requests').select(['reference', 'partner_id', 'content_hash']).where('id', '=', request.id).executeTakeFirst();
      return row && { reference: row.reference, content_hash: row.content_hash, partnerId: row.partner_id };
    },
    insert: async (reference) => {
      const write = async (db: Db['db']) => {
        await db.insertInto('intake_requests').values({
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
          discreet_stated: request.discreet === undefined ? 0 : 1,
          message: request.message ?? null,
          content_hash: hash,
          status: 'new',
          created_at: at,
          updated_at: at,
          routed_at: at,
        }).execute();
        if (channels.length) await db.insertInto('delivery_jobs').values(deliveryJobRows(request.id, partnerId, channels, at)).execute();
      };
      // No outbound channel: one statement, already atomic (and one commit fewer).
      if (channels.length) await store.db.transaction().execute(write);
      else await write(store.db);
      return { partnerId };
    },
  });
}
