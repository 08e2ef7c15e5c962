/**
 * The site's four subjects: one map, used by the pages (URL slugs), the
 * content schema (an article's `topic`) and the intake form (its topic codes).
 */
export const SUBJECTS = [
  { code: 'migration', slug: 'safe-migration' },
  { code: 'trafficking', slug: 'trafficking-signs' },
  { code: 'child_labour', slug: 'child-labour' },
  { code: 'getting_help', slug: 'getting-help' },
] as const;

export type Subject = (typeof SUBJECTS)[number];
export type SubjectCode = Subject['code'];
export const SUBJECT_CODES = SUBJECTS.map((s) => s.code) as [SubjectCode, ...SubjectCode[]];

/** What a person asking for contact can say the request is about (issue: intake). */
export const INTAKE_TOPICS = ['migration', 'trafficking', 'child_labour', 'exploitation', 'other'] as const;
export type IntakeTopic = (typeof INTAKE_TOPICS)[number];

/** First path segments kept for pages that are not subjects. */
export const RESERVED_SLUGS = [
  'help', 'present', 'search', 'offline', 'partner', 'api',
  'hotlines', 'about', 'staying-safe',
] as const;

export function subjectByCode(code: SubjectCode): Subject {
  const subject = SUBJECTS.find((s) => s.code === code);
  if (!subject) throw new Error(`Unknown subject code: ${code}`);
  return subject;
}

export function subjectBySlug(slug: string): Subject | undefined {
  return SUBJECTS.find((s) => s.slug === slug);
}
