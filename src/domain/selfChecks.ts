/**
 * The two self-checks' data (content/selfchecks/*.yaml) and the job-offer
 * scoring. The result never says "safe": only the warning signs found, or
 * "fewer warning signs" with what still to check.
 */
import { z } from 'zod';

const localized = z.object({ en: z.string().min(1), km: z.string().min(1) });
const articleRef = z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/, 'article: <subject-slug>/<article-slug>');

export const jobOfferCheckSchema = z.object({
  reviewed: z.object({ status: z.enum(['draft', 'reviewed']), date: z.coerce.date() }),
  questions: z.array(z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    warnIf: z.enum(['yes', 'no']),
    question: localized,
    sign: localized,
    explain: localized,
    article: articleRef,
  })).min(10).max(15),
  stillToCheck: z.array(localized).min(1),
});
export type JobOfferCheck = z.infer<typeof jobOfferCheckSchema>;

export const checklistSchema = z.object({
  reviewed: z.object({ status: z.enum(['draft', 'reviewed']), date: z.coerce.date() }),
  groups: z.array(z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: localized,
    items: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text: localized, article: articleRef.optional() })).min(1),
  })).min(1),
});
export type Checklist = z.infer<typeof checklistSchema>;

export type Answer = 'yes' | 'no';

/** The warning signs a set of answers shows, in the order of the questions, and how many went unanswered. */
export function scoreJobOffer<Q extends { id: string; warnIf: Answer }>(questions: readonly Q[], answers: Partial<Record<string, Answer>>): { signs: Q[]; unanswered: number } {
  return {
    signs: questions.filter((q) => answers[q.id] === q.warnIf),
    unanswered: questions.filter((q) => !answers[q.id]).length,
  };
}
