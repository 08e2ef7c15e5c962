/** Turns a posted action (form or JSON) into a status change or a call record, checked by the domain. */
import { CALL_RESULTS, OUTCOMES, type CallResult, type StatusChange } from '../../domain/caseStatus';

export type PartnerAction = { kind: 'status'; change: StatusChange } | { kind: 'call'; result: CallResult; note?: string } | { kind: 'invalid' };

export function parseAction(input: Record<string, unknown>): PartnerAction {
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).trim().slice(0, 1000) : undefined);
  const note = text('note') || undefined;
  if (input.action === 'call' || input.call) {
    const result = text('call') ?? text('result');
    return CALL_RESULTS.includes(result as CallResult) ? { kind: 'call', result: result as CallResult, note } : { kind: 'invalid' };
  }
  const status = text('status');
  if (status === 'acknowledged' || status === 'in_progress') return { kind: 'status', change: { status, note } };
  if (status === 'closed') {
    const outcome = text('outcome');
    return OUTCOMES.includes(outcome as never) ? { kind: 'status', change: { status, outcome: outcome as (typeof OUTCOMES)[number], note } } : { kind: 'invalid' };
  }
  if (status === 'referred') return { kind: 'status', change: { status, to: text('to') ?? '', reason: text('reason') ?? '' } };
  return { kind: 'invalid' };
}
