/**
 * Where each paragraph stands, from the judgements stored: the latest
 * judgement of the paragraph's current Khmer text (same hash) counts; one of an
 * earlier text only says "changed since it was approved". Pure.
 */
import type { Paragraph } from './paragraph';
import type { ReviewMark } from './store';
import type { Unit } from './units';

export type ParagraphState = 'approved' | 'proposed' | 'open';

export interface ParagraphStatus {
  state: ParagraphState;
  /** The judgement that counts (approved or proposed), of the current text. */
  latest?: ReviewMark;
  /** When open: the last approval of an earlier Khmer text of this paragraph. */
  approvedBefore?: ReviewMark;
}

export interface UnitSummary {
  total: number;
  approved: number;
  proposed: number;
  /** Every Khmer paragraph approved as it is now. */
  complete: boolean;
  /** The latest approval that counts (ISO time). */
  lastApprovalAt?: string;
  /** Who made the approvals that count, by e-mail, with their organisation. */
  approvers: { email: string | null; orgId: string }[];
}

export function paragraphStatus(paragraph: Paragraph, marks: readonly ReviewMark[]): ParagraphStatus {
  let latest: ReviewMark | undefined;
  let approvedBefore: ReviewMark | undefined;
  for (const mark of marks) {
    if (mark.paragraph_id !== paragraph.id) continue;
    if (mark.km_hash === paragraph.kmHash) latest = mark;
    else if (mark.verdict === 'approved') approvedBefore = mark;
  }
  if (latest) return { state: latest.verdict === 'approved' ? 'approved' : 'proposed', latest };
  return { state: 'open', approvedBefore };
}

export function unitStatus(unit: Unit, marks: readonly ReviewMark[]): { summary: UnitSummary; statuses: Map<string, ParagraphStatus> } {
  const own = marks.filter((m) => m.unit === unit.id);
  const statuses = new Map(unit.paragraphs.map((p) => [p.id, paragraphStatus(p, own)] as const));
  const values = [...statuses.values()];
  const approvals = values.filter((s) => s.state === 'approved').map((s) => s.latest!);
  const approvers = new Map<string, { email: string | null; orgId: string }>();
  for (const a of approvals) approvers.set(a.user_id, { email: a.email, orgId: a.org_id });
  const approved = approvals.length;
  return {
    statuses,
    summary: {
      total: unit.paragraphs.length,
      approved,
      proposed: values.filter((s) => s.state === 'proposed').length,
      complete: unit.paragraphs.length > 0 && approved === unit.paragraphs.length,
      lastApprovalAt: approvals.map((a) => a.at).sort().pop(),
      approvers: [...approvers.values()],
    },
  };
}
