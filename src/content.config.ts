/**
 * Content collections. A file that does not match its schema fails
 * `npm run build` with a message naming the file.
 * CONTENT_DIR lets the tests build against a fixture copy of content/.
 */
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { SUBJECT_CODES } from './domain/topics';
import { COUNTRY_CODES } from './domain/hotlines';
import { buildConfig } from './config';
import { LOCALES } from './domain/locales';

const contentDir = buildConfig().contentDir;

const isoDate = z.coerce.date();
const localized = z.object({ en: z.string().min(1), km: z.string().min(1) });

const reviewed = z.object({
  status: z.enum(['draft', 'reviewed']),
  date: isoDate,
});

const source = z.object({
  title: z.string().min(1),
  publisher: z.string().min(1),
  // A few sources (the project brief) have no public address: the URL is then left out, never guessed.
  url: z.string().url().optional(),
  // The source's own date as it states it: a year, a full date, or "n.d." when it has none.
  date: z.string().regex(/^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$/, 'date must be YYYY, YYYY-MM, YYYY-MM-DD or "n.d."'),
  // The language the source is written in, where known: a page in another language says so
  // («ជាភាសាអង់គ្លេស» on a Khmer page). Left out when unsure, never guessed.
  language: z.enum(['km', 'en', 'ko', 'th']).optional(),
});

// A recording of the page (issue 19): a file under content/audio/<lang>/, Opus or AAC, with its
// speaker and date; `sample: true` marks a generated test file (never a fake recording of speech).
// That the file exists is checked at build (src/data/recordings.ts) and by `npm run check:content`.
const audio = z.object({
  file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.(opus|ogg|m4a|aac)$/, 'audio.file: a file name in content/audio/<lang>/, ending .opus, .ogg, .m4a or .aac'),
  speaker: z.string().min(1),
  date: isoDate,
  sample: z.boolean().default(false),
}).optional();

const topics = defineCollection({
  loader: glob({ base: `${contentDir}/topics`, pattern: `{${LOCALES.join(',')}}/*.md` }),
  schema: z.object({
    title: z.string().min(3).max(120),
    summary: z.string().min(10).max(300),
    topic: z.enum(SUBJECT_CODES),
    order: z.number().int().min(1),
    sources: z.array(source).min(1),
    reviewed,
    audio,
    // `offline: core`: saved with the core pages when a language is over the offline budget (scripts/postbuild.mjs).
    offline: z.literal('core').optional(),
  }),
});

const pages = defineCollection({
  loader: glob({ base: `${contentDir}/pages`, pattern: `{${LOCALES.join(',')}}/*.md` }),
  schema: z.object({
    title: z.string().min(3).max(120),
    summary: z.string().min(10).max(300),
    reviewed,
  }),
});

const hotlines = defineCollection({
  loader: glob({ base: `${contentDir}/hotlines`, pattern: '*.yaml' }),
  schema: z.object({
    number: z.string().min(3),
    dial: z.string().regex(/^\d{3,15}$/, 'dial must be digits only'),
    international: z.string().regex(/^\+\d[\d ]+$/).nullable(),
    shortCode: z.boolean(),
    country: z.enum(COUNTRY_CODES),
    order: z.number().int().min(1),
    key: z.boolean(),
    sms: z.boolean(),
    whatsapp: z.string().nullable(),
    name: localized,
    operator: localized,
    purpose: localized,
    // null = "not stated" in the source: shown as such, never guessed.
    hours: localized.nullable(),
    cost: localized.nullable(),
    languages: localized.nullable(),
    notes: localized.nullable(),
    sources: z.array(z.object({ url: z.string().url() })).min(1, 'every hotline needs a source'),
    checked: isoDate,
    oldSource: z.boolean(),
    confidence: z.literal('confirmed', { errorMap: () => ({ message: 'only confirmed numbers may be published' }) }),
  }),
});

const sessions = defineCollection({
  loader: glob({ base: `${contentDir}/sessions`, pattern: `{${LOCALES.join(',')}}/*.md` }),
  schema: z.object({
    title: z.string().min(3).max(120),
    audience: z.string().min(3),
    duration: z.number().int().min(5).max(240),
    topic: z.enum(SUBJECT_CODES),
    sources: z.array(source).min(1),
    reviewed,
    audio,
  }),
});

export const collections = { topics, pages, hotlines, sessions };
