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
  /** 0 when the person left "be discreet" unanswered: not stated, so be careful when calling. */
  discreet_stated: number;
  message: string | null;
  /** sha256 of the canonical request: a retry with other content is a conflict. */
  content_hash: string;
  status: string;
  created_at: string;
  updated_at: string;
  /** When it was routed to its current partner (first routing, referral, escalation): the escalation clock. */
  routed_at: string;
  outcome?: string | null;
  /** JSON list of partner ids this request has been with (referral, escalation). */
  tried_partners?: string | null;
}

export interface PartnerUserTable {
  id: string;
  org_id: string;
  email: string;
  password_hash: string;
  disabled: number;
  failed_count: number;
  first_failed_at: string | null;
  locked_until: string | null;
  created_at: string;
}

export interface PartnerSessionTable {
  id: string;
  user_id: string;
  org_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  org_id: string;
  user_id: string | null;
  action: string;
  request_id: string | null;
  reference: string | null;
  detail: string | null;
}

export interface RequestEventTable {
  id: Generated<number>;
  request_id: string;
  org_id: string;
  at: string;
  user_id: string | null;
  kind: 'status' | 'call' | 'referral' | 'escalation';
  value: string | null;
  note: string | null;
}

export interface ReferralTable {
  id: Generated<number>;
  reference: string;
  from_org: string;
  to_org: string;
  at: string;
}

/** What leaves the server; the inbox is the table itself (no job). */
export type DeliveryChannel = 'email' | 'webhook';
/** `dropped`: not sent, because the request moved to another partner before it went. */
export type DeliveryStatus = 'pending' | 'done' | 'failed' | 'dropped';

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

export interface StatsCountTable {
  month: string;
  province: string;
  topic: string;
  partner_id: string;
  outcome: string;
  n: number;
}

export interface SessionLogTable {
  id: string;
  reference: string;
  locale: string;
  deck: string;
  province: string;
  date: string;
  people: number;
  under18: number;
  content_hash: string;
  created_at: string;
}

/** Shared rate limits (PostgreSQL only: one limit for every server process). */
export interface RateLimitTable {
  key: string;
  /** Tokens left (a bucket), or failures counted (a window). */
  value: number;
  /** Last refill, or the window's start (ms since the epoch). */
  at_ms: number;
}

export interface Database {
  rate_limits: RateLimitTable;
  session_logs: SessionLogTable;
  stats_counts: StatsCountTable;
  intake_requests: IntakeRequestTable;
  delivery_jobs: DeliveryJobTable;
  partner_users: PartnerUserTable;
  partner_sessions: PartnerSessionTable;
  audit_log: AuditLogTable;
  request_events: RequestEventTable;
  referrals: ReferralTable;
}

export type IntakeRow = Selectable<IntakeRequestTable>;
export type NewIntakeRow = Insertable<IntakeRequestTable>;
export type DeliveryJob = Selectable<DeliveryJobTable>;

// Review of the Khmer text (migration 006_reviews). Declared here, after the tables above, and
// merged into them by TypeScript: the role on staff accounts, and the reviews table.
export interface PartnerUserTable {
  /** 1: may review the Khmer text (`npm run partner -- grant-reviewer`). */
  reviewer: Generated<number>;
}

/** One judgement of one Khmer paragraph; never updated: the latest on the current text counts. */
export interface ReviewMarkTable {
  id: Generated<number>;
  /** `topics/before-you-go`, `ui/partner`, … (src/server/review/units.ts). */
  unit: string;
  /** The paragraph's stable id (src/server/review/paragraph.ts). */
  paragraph_id: string;
  /** Hash of the Khmer text judged: when the file's text no longer has it, the judgement no longer counts. */
  km_hash: string;
  /** That text, for the report when the paragraph has changed since. */
  km_text: string;
  verdict: 'approved' | 'proposed';
  /** The proposed Khmer wording (verdict `proposed`). */
  proposal: string | null;
  note: string | null;
  user_id: string;
  org_id: string;
  at: string;
}

export interface Database {
  review_marks: ReviewMarkTable;
}
