/**
 * A request's life in a partner's inbox (after Primero's referral states):
 * new → acknowledged → in_progress → closed (with an outcome), or referred to
 * another partner at any open step. Call attempts are recorded alongside.
 */
export const CASE_STATUSES = ['new', 'acknowledged', 'in_progress', 'closed', 'referred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OUTCOMES = ['helped', 'referred_elsewhere', 'not_reached', 'withdrawn', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CALL_RESULTS = ['reached', 'no_answer', 'wrong_number', 'not_safe_to_talk'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

const NEXT: Record<CaseStatus, CaseStatus[]> = {
  new: ['acknowledged', 'referred', 'closed'],
  acknowledged: ['in_progress', 'referred', 'closed'],
  in_progress: ['referred', 'closed'],
  closed: [],
  referred: [],
};

export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return NEXT[from];
}

export type StatusChange =
  | { status: 'acknowledged' | 'in_progress'; note?: string }
  | { status: 'closed'; outcome: Outcome; note?: string }
  | { status: 'referred'; to: string; reason: string };

/** Why a change is not allowed, or null when it is. */
export function checkStatusChange(from: CaseStatus, change: StatusChange): string | null {
  if (!NEXT[from].includes(change.status)) return `cannot go from ${from} to ${change.status}`;
  if (change.status === 'closed' && !OUTCOMES.includes(change.outcome)) return 'closing needs an outcome';
  if (change.status === 'referred' && (!change.to || !change.reason?.trim())) return 'a referral needs a partner and a reason';
  return null;
}
