/**
 * Partner organisations: who handles which requests, where. The repository
 * ships only sample partners; a deploying organisation adds its own files
 * (README: "Adding a partner"). Validated when the server starts.
 */
import { z } from 'zod';
import { INTAKE_TOPICS } from './topics';
import { PROVINCE_CODES } from './provinces';

export const AGE_GROUPS = ['under18', 'adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const partnerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id: lower-case letters, digits and dashes'),
    sample: z.boolean().default(false),
    name: z.object({ km: z.string().min(2), en: z.string().min(2) }),
    /** A national partner takes what no partner nearer can. At least one must exist. */
    national: z.boolean().default(false),
    provinces: z.array(z.enum(PROVINCE_CODES)).default([]),
    position: z.object({ lat: z.number().min(9).max(15), lon: z.number().min(102).max(108) }),
    topics: z.array(z.enum(INTAKE_TOPICS)).min(1),
    ages: z.array(z.enum(AGE_GROUPS)).min(1),
    /** Lower first, among partners equally near. */
    priority: z.number().int().min(0).default(100),
    channels: z.object({
      inbox: z.literal(true).default(true),
      email: z.email().optional(),
      webhook: z
        .object({
          url: z.url({ protocol: /^https?$/ }),
          /** The name of the environment variable holding the signing secret: never the secret itself. */
          secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        })
        .optional(),
    }).default({ inbox: true }),
  })
  .refine((p) => p.national || p.provinces.length > 0, { message: 'a partner serves provinces, or is national' });

export type Partner = z.infer<typeof partnerSchema>;

export function validateDirectory(partners: Partner[]): Partner[] {
  const ids = new Set<string>();
  for (const p of partners) {
    if (ids.has(p.id)) throw new Error(`partner id "${p.id}" is used twice`);
    ids.add(p.id);
  }
  const fallback = partners.find((p) => p.national && INTAKE_TOPICS.every((t) => p.topics.includes(t)) && AGE_GROUPS.every((a) => p.ages.includes(a)));
  if (!fallback) throw new Error('the partner directory needs a national partner that takes every topic and age group');
  return partners;
}
