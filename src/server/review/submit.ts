/**
 * A reviewer's form post on a review page: "correct" or a proposal with a note,
 * for one paragraph, checked against the Khmer text the reviewer saw (its hash
 * travels with the form). The role is checked by the page before this runs.
 */
import type { Db } from '../db/connect';
import { normaliseProposal } from './paragraph';
import { recordMark } from './store';
import type { Unit } from './units';

export const PROPOSAL_MAX = 4000;
export const NOTE_MAX = 1000;

export type ReviewProblem = 'unknown' | 'changed' | 'empty' | 'same' | 'tooLong' | 'invalid';

export type ReviewResult =
  | { ok: true; paragraphId: string }
  | { ok: false; status: 409 | 422; problem: ReviewProblem; paragraphId?: string; text?: string; note?: string };

export async function submitReview(store: Db, actor: { orgId: string; userId: string }, unit: Unit, form: FormData): Promise<ReviewResult> {
  const field = (name: string) => { const v = form.get(name); return typeof v === 'string' ? v : ''; };
  const paragraphId = field('paragraph');
  const action = field('action');
  const paragraph = unit.paragraphs.find((p) => p.id === paragraphId);
  if (action !== 'approve' && action !== 'propose') return { ok: false, status: 422, problem: 'invalid' };
  if (!paragraph) return { ok: false, status: 409, problem: 'unknown' };
  const rawText = field('text');
  const rawNote = field('note');
  const kept = { paragraphId, text: rawText.slice(0, PROPOSAL_MAX * 2), note: rawNote.slice(0, NOTE_MAX * 2) };
  // The text changed on disk after the page was opened: what the reviewer judged is not what is there now.
  if (field('seen') !== paragraph.kmHash) return { ok: false, status: 409, problem: 'changed', ...kept };
  const note = normaliseProposal(rawNote, 'p').replace(/\n/g, ' ');
  if (note.length > NOTE_MAX) return { ok: false, status: 422, problem: 'tooLong', ...kept };
  if (action === 'approve') {
    await recordMark(store, actor, { unit: unit.id, paragraphId, kmHash: paragraph.kmHash, kmText: paragraph.km, verdict: 'approved', note });
    return { ok: true, paragraphId };
  }
  const text = normaliseProposal(rawText, paragraph.kind);
  if (!text) return { ok: false, status: 422, problem: 'empty', ...kept };
  if (text.length > PROPOSAL_MAX) return { ok: false, status: 422, problem: 'tooLong', ...kept };
  if (text === paragraph.km) return { ok: false, status: 422, problem: 'same', ...kept };
  await recordMark(store, actor, { unit: unit.id, paragraphId, kmHash: paragraph.kmHash, kmText: paragraph.km, verdict: 'proposed', proposal: text, note });
  return { ok: true, paragraphId };
}
