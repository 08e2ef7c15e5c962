/** Tables, as Kysely sees them. Times are ISO 8601 UTC strings (they sort as text on both databases). */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface IntakeRequestTable {
  id: string; // the client's UUID: the idempotency key
  reference: string;
  partner_id: string;
  locale: string;
  topic: string;
  province: string;
  under18: number; // 0/1
  phone: string;
  name: string | null;
  call_time: string | null;
  discreet: number; // 0/1
  message: string | null;
  /** sha256 of the canonical request: a retry with other content is a conflict. */
  content_hash: string;
  status: string;
  created_at: string;
  updated_at: string;
  /** When the delivery worker put it in the partner's inbox. */
  inbox_at: string | null;
}

export type DeliveryChannel = 'inbox' | 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'done' | 'failed';

export interface DeliveryJobTable {
  id: Generated<number>;
  request_id: string;
  partner_id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

export interface Database {
  intake_requests: IntakeRequestTable;
  delivery_jobs: DeliveryJobTable;
}

export type IntakeRow = Selectable<IntakeRequestTable>;
export type NewIntakeRow = Insertable<IntakeRequestTable>;
export type DeliveryJob = Selectable<DeliveryJobTable>;
