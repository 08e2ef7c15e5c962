/**
 * Partner staff accounts and sessions. Passwords: argon2id. Sessions: a random
 * token in an HttpOnly cookie, only its hash in the database, ended after
 * inactivity or on logout. Five failed logins for an account within 15 minutes
 * lock it for 15 minutes; failures from one address slow that address down.
 * A wrong e-mail and a wrong password get the same answer, in the same time.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../db/connect';
import type { FailureCounter } from '../rateLimit';

export const LOCK_AFTER = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;
export const LOCK_FOR_MS = 15 * 60_000;
export const SESSION_COOKIE = 'sj_partner';

export interface SessionRules { SESSION_IDLE_MINUTES: number }
export const sessionIdleMs = (rules: SessionRules) => rules.SESSION_IDLE_MINUTES * 60_000;

const COMMON = new Set(['password1234', '123456789012', 'qwertyuiopas', 'passwordpassword', 'iloveyou1234', 'administrator', 'cambodia1234', 'phnompenh123', 'letmein12345', 'welcome12345', 'changeme1234', 'abc123456789', '111111111111', '000000000000', 'password123!', 'qwerty123456']);

/** Why a password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < 12) return 'the password must have at least 12 characters';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghijkl)/.test(lower)) return 'the password is too common';
  return null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(store: Db, { orgId, email, password }: { orgId: string; email: string; password: string }) {
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  const id = randomUUID();
  await store.db.insertInto('partner_users').values({
    id, org_id: orgId, email: normaliseEmail(email), password_hash: await hash(password), disabled: 0,
    failed_count: 0, first_failed_at: null, locked_until: null, created_at: new Date().toISOString(),
  }).execute();
  return id;
}

export async function setPassword(store: Db, email: string, password: string): Promise<boolean> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
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

export async function login(store: Db, addressFailures: FailureCounter, { email, password, address, now = new Date() }: { email: string; password: string; address: string; now?: Date }): Promise<LoginResult> {
  const delay = addressDelayMs(await addressFailures.count(address, now.getTime()));
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const user = await store.db.selectFrom('partner_users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  const valid = user ? await verify(user.password_hash, password).catch(() => false) : await verify(await (dummyHash ??= hash('not-a-real-password-000')), password).catch(() => false);
  const locked = !!user?.locked_until && user.locked_until > now.toISOString();
  if (!user || user.disabled || locked || !valid) {
    await addressFailures.add(address, now.getTime());
    if (user && !locked) {
      const inWindow = user.first_failed_at && now.getTime() - Date.parse(user.first_failed_at) < LOCK_WINDOW_MS;
      const count = inWindow ? user.failed_count + 1 : 1;
      await store.db.updateTable('partner_users').set({
        failed_count: count,
        first_failed_at: inWindow ? user.first_failed_at : now.toISOString(),
        locked_until: count >= LOCK_AFTER ? new Date(now.getTime() + LOCK_FOR_MS).toISOString() : null,
      }).where('id', '=', user.id).execute();
    }
    return { ok: false };
  }
  await store.db.updateTable('partner_users').set({ failed_count: 0, first_failed_at: null, locked_until: null }).where('id', '=', user.id).execute();
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await store.db.insertInto('partner_sessions').values({ id: tokenHash(token), user_id: user.id, org_id: user.org_id, created_at: at, last_seen_at: at }).execute();
  return { ok: true, token, orgId: user.org_id, userId: user.id };
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface PartnerSession { userId: string; orgId: string; email: string }

/** The session of a cookie, if it is still alive; refreshes its last-seen time. */
export async function readSession(store: Db, token: string | undefined, rules: SessionRules, now = new Date()): Promise<PartnerSession | undefined> {
  if (!token) return undefined;
  const id = tokenHash(token);
  const row = await store.db.selectFrom('partner_sessions').innerJoin('partner_users', 'partner_users.id', 'partner_sessions.user_id')
    .select(['partner_sessions.user_id', 'partner_sessions.org_id', 'partner_sessions.last_seen_at', 'partner_users.email', 'partner_users.disabled'])
    .where('partner_sessions.id', '=', id).executeTakeFirst();
  if (!row || row.disabled) return undefined;
  if (now.getTime() - Date.parse(row.last_seen_at) > sessionIdleMs(rules)) {
    await store.db.deleteFrom('partner_sessions').where('id', '=', id).execute();
    return undefined;
  }
  await store.db.updateTable('partner_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  return { userId: row.user_id, orgId: row.org_id, email: row.email };
}

export async function logout(store: Db, token: string | undefined): Promise<void> {
  if (token) await store.db.deleteFrom('partner_sessions').where('id', '=', tokenHash(token)).execute();
}
