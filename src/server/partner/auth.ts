/**
 * Partner staff accounts and sessions. Passwords: argon2id. Sessions: a random
 * token in an HttpOnly cookie, only its hash in the database, ended after
 * inactivity or on logout. Five failed logins for an account within 15 minutes
 * lock it for 15 minutes; failures from one address slow that address down.
 * A wrong e-mail and a wrong password get the same answer, in the same time.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { FailureCounter } from '../rateLimit';
import { passwordMessage, passwordProblem } from './passwords';

export const LOCK_AFTER = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;
export const LOCK_FOR_MS = 15 * 60_000;
export const SESSION_COOKIE = 'sj_partner';

export interface SessionRules { SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number }
export const sessionIdleMs = (rules: SessionRules) => rules.SESSION_IDLE_MINUTES * 60_000;
export const sessionMaxMs = (rules: SessionRules) => rules.SESSION_MAX_HOURS * 3_600_000;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(store: Db, { orgId, email, password }: { orgId: string; email: string; password: string }) {
  const problem = passwordProblem(password, { email, orgId });
  if (problem) throw new Error(passwordMessage(problem));
  const id = randomUUID();
  await store.db.insertInto('partner_users').values({
    id, org_id: orgId, email: normaliseEmail(email), password_hash: await hash(password), disabled: 0,
    failed_count: 0, first_failed_at: null, locked_until: null, created_at: new Date().toISOString(),
  }).execute();
  return id;
}

export async function setPassword(store: Db, email: string, password: string): Promise<boolean> {
  const user = await store.db.selectFrom('partner_users').select('org_id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (!user) return false;
  const problem = passwordProblem(password, { email, orgId: user.org_id });
  if (problem) throw new Error(passwordMessage(problem));
  const result = await store.db.updateTable('partner_users').set({ password_hash: await hash(password), failed_count: 0, locked_until: null })
    .where('email', '=', normaliseEmail(email)).executeTakeFirst();
  await store.db.deleteFrom('partner_sessions').where('user_id', 'in', store.db.selectFrom('partner_users').select('id').where('email', '=', normaliseEmail(email))).execute();
  return Number(result.numUpdatedRows) > 0;
}

// Verified when the e-mail is unknown, so that the answer takes as long.
let dummyHash: Promise<string> | undefined;

/** Failing addresses are slowed down (shared by every process on PostgreSQL; see ../rateLimit.ts). */
export function addressDelayMs(failures: number): number {
  return Math.min(3000, Math.max(0, failures - 2) * 250);
}

export type LoginResult = { ok: true; token: string; orgId: string; userId: string } | { ok: false };

/** Sign-ins under way per address, in this process: a burst is slowed down before any of it has failed. */
const inFlight = new Map<string, number>();

/**
 * Counts one failure, atomically: one UPDATE … RETURNING, so a burst of
 * parallel wrong passwords counts every one of them; the lock is decided from
 * the count it returns.
 */
async function countFailure(store: Db, userId: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - LOCK_WINDOW_MS).toISOString();
  const inWindow = sql<boolean>`first_failed_at is not null and first_failed_at > ${windowStart}`;
  const row = await store.db.updateTable('partner_users')
    .set({
      failed_count: sql`case when ${inWindow} then failed_count + 1 else 1 end`,
      first_failed_at: sql`case when ${inWindow} then first_failed_at else ${now.toISOString()} end`,
    })
    .where('id', '=', userId)
    .returning('failed_count')
    .executeTakeFirst();
  if (row && Number(row.failed_count) >= LOCK_AFTER) {
    await store.db.updateTable('partner_users').set({ locked_until: new Date(now.getTime() + LOCK_FOR_MS).toISOString() })
      .where('id', '=', userId).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())])).execute();
  }
}

export async function login(store: Db, addressFailures: FailureCounter, { email, password, address, now = new Date() }: { email: string; password: string; address: string; now?: Date }): Promise<LoginResult> {
  const running = (inFlight.get(address) ?? 0) + 1;
  inFlight.set(address, running);
  try {
    const delay = addressDelayMs((await addressFailures.count(address, now.getTime())) + running - 1);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const user = await store.db.selectFrom('partner_users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
    const valid = user ? await verify(user.password_hash, password).catch(() => false) : await verify(await (dummyHash ??= hash('not-a-real-password-000')), password).catch(() => false);
    const at = now.toISOString();
    const locked = !!user?.locked_until && user.locked_until > at;
    if (!user || user.disabled || locked || !valid) {
      await addressFailures.add(address, now.getTime());
      if (user && !locked) await countFailure(store, user.id, now);
      return { ok: false };
    }
    // The right password clears the count only if no lock was set meanwhile by the failures of the same burst.
    const cleared = await store.db.updateTable('partner_users').set({ failed_count: 0, first_failed_at: null, locked_until: null })
      .where('id', '=', user.id).where('disabled', '=', 0)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst();
    if (!Number(cleared.numUpdatedRows)) return { ok: false };
    const token = randomBytes(32).toString('base64url');
    await store.db.insertInto('partner_sessions').values({ id: tokenHash(token), user_id: user.id, org_id: user.org_id, created_at: at, last_seen_at: at }).execute();
    return { ok: true, token, orgId: user.org_id, userId: user.id };
  } finally {
    const left = (inFlight.get(address) ?? 1) - 1;
    if (left > 0) inFlight.set(address, left);
    else inFlight.delete(address);
  }
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface PartnerSession { userId: string; orgId: string; email: string }

/** The session of a cookie, if it is still alive (used within the idle limit, and younger than the maximum age); refreshes its last-seen time. */
export async function readSession(store: Db, token: string | undefined, rules: SessionRules, now = new Date()): Promise<PartnerSession | undefined> {
  if (!token) return undefined;
  const id = tokenHash(token);
  const row = await store.db.selectFrom('partner_sessions').innerJoin('partner_users', 'partner_users.id', 'partner_sessions.user_id')
    .select(['partner_sessions.user_id', 'partner_sessions.org_id', 'partner_sessions.created_at', 'partner_sessions.last_seen_at', 'partner_users.email', 'partner_users.disabled'])
    .where('partner_sessions.id', '=', id).executeTakeFirst();
  if (!row || row.disabled) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > sessionIdleMs(rules) || now.getTime() - Date.parse(row.created_at) > sessionMaxMs(rules)) {
    await store.db.deleteFrom('partner_sessions').where('id', '=', id).execute();
    return undefined;
  }
  await store.db.updateTable('partner_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  return { userId: row.user_id, orgId: row.org_id, email: row.email };
}

export async function logout(store: Db, token: string | undefined): Promise<void> {
  if (token) await store.db.deleteFrom('partner_sessions').where('id', '=', tokenHash(token)).execute();
}
