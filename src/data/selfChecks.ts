/** Loads the self-checks' data at build; a bad file stops the build, naming it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { checklistSchema, jobOfferCheckSchema } from '../domain/selfChecks';
import { contentRoot } from './directory';

function load<S extends z.ZodTypeAny>(file: string, schema: S): z.infer<S> {
  const path = join(contentRoot(), 'selfchecks', file);
  const parsed = schema.safeParse(yaml.load(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`content/selfchecks/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const loadJobOfferCheck = () => load('job-offer.yaml', jobOfferCheckSchema);
export const loadChecklist = () => load('before-you-go.yaml', checklistSchema);
