/**
 * Reviews in the database: the reviewer role on staff accounts, and one row per
 * judgement (approved, or a proposal with a note), each written with its audit
 * row in one transaction. Rows are never changed or deleted: the latest
 * judgement of a paragraph's current Khmer text is the one that counts (./status.ts).
 * Nothing here holds personal data of the public.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db/connect';
import type { ReviewMarkTable } from '../db/schema';
import { normaliseEmail } from '../partner/auth';

/** A judgement as stored, with the reviewer's e-mail (null if the account is gone). */
export type ReviewMark = Selectable<ReviewMarkTable> & { email: string | null };

/** Whether this (enabled) account has the reviewer role: asked on every review page and every write, so a revoked role stops at once. */
export async function isReviewer(store: Db, userId: string): Promise<boolean> {
  const row = await store.db.selectFrom('partner_users').select(['reviewer', 'disabled']).where('id', '=', userId).executeTakeFirst();
  return !!row && Number(row.reviewer) === 1 && !Number(row.disabled);
}

/** Grants or revokes the role; false when there is no such account. */
export async function setReviewer(store: Db, email: string, reviewer: boolean): Promise<boolean> {
  const result = await store.db.updateTable('partner_users').set({ reviewer: reviewer ? 1 : 0 }).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface NewMark {
  unit: string;
  paragraphId: string;
  kmHash: string;
  kmText: string;
  verdict: 'approved' | 'proposed';
  proposal?: string;
  note?: string;
}

export async function recordMark(store: Db, actor: { orgId: string; userId: string }, mark: NewMark, at = new Date()): Promise<void> {
  const when = at.toISOString();
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('review_marks').values({
      unit: mark.unit, paragraph_id: mark.paragraphId, km_hash: mark.kmHash, km_text: mark.kmText, verdict: mark.verdict,
      proposal: mark.verdict === 'proposed' ? mark.proposal ?? null : null, note: mark.note || null,
      user_id: actor.userId, org_id: actor.orgId, at: when,
    }).execute();
    await trx.insertInto('audit_log').values({
      at: when, org_id: actor.orgId, user_id: actor.userId, action: mark.verdict === 'approved' ? 'review:approve' : 'review:propose',
      request_id: null, reference: null, detail: `${mark.unit}#${mark.paragraphId}`,
    }).execute();
  });
}

/** Every judgement (of one unit, or all), oldest first. */
export async function marksOf(store: Db, unit?: string): Promise<ReviewMark[]> {
  let query = store.db.selectFrom('review_marks').leftJoin('partner_users', 'partner_users.id', 'review_marks.user_id')
    .select(['review_marks.id', 'review_marks.unit', 'review_marks.paragraph_id', 'review_marks.km_hash', 'review_marks.km_text', 'review_marks.verdict',
      'review_marks.proposal', 'review_marks.note', 'review_marks.user_id', 'review_marks.org_id', 'review_marks.at', 'partner_users.email'])
    .orderBy('review_marks.id');
  if (unit) query = query.where('review_marks.unit', '=', unit);
  return (await query.execute()).map((r) => ({ ...r, id: Number(r.id), email: r.email ?? null }));
}
