/**
 * The job-offer scoring (the check's island runs it on the phone, so nothing
 * here may import zod: the data's schemas are in src/data/selfChecks.ts). The
 * result never says "safe": only the warning signs found, or "fewer warning
 * signs" with what still to check.
 */
export type Answer = 'yes' | 'no';

/** The warning signs a set of answers shows, in the order of the questions, and how many went unanswered. */
export function scoreJobOffer<Q extends { id: string; warnIf: Answer }>(questions: readonly Q[], answers: Partial<Record<string, Answer>>): { signs: Q[]; unanswered: number } {
  return {
    signs: questions.filter((q) => answers[q.id] === q.warnIf),
    unanswered: questions.filter((q) => !answers[q.id]).length,
  };
}
