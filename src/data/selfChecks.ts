/** The self-checks' data (content/selfchecks/*.yaml), loaded at build; a bad file stops the build, naming it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { contentRoot } from './directory';

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

function load<S extends z.ZodTypeAny>(file: string, schema: S): z.infer<S> {
  const path = join(contentRoot(), 'selfchecks', file);
  const parsed = schema.safeParse(yaml.load(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`content/selfchecks/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const loadJobOfferCheck = () => load('job-offer.yaml', jobOfferCheckSchema);
export const loadChecklist = () => load('before-you-go.yaml', checklistSchema);
