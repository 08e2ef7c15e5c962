/**
 * A volunteer's record of an awareness session: numbers only, nothing about
 * the people who came. The same schema in the browser and on the server.
 */
import * as z from 'zod/mini';
import { LOCALES } from './locales';
import { PROVINCE_CODES } from './provinces';
import { fieldErrors } from './fieldErrors';

export const SESSION_FIELDS = ['date', 'province', 'people', 'under18', 'deck'] as const;
export type SessionField = (typeof SESSION_FIELDS)[number] | 'form';

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const sessionLogSchema = z
  .object({
    id: z.uuid(),
    locale: z.enum(LOCALES),
    deck: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/)),
    province: z.enum(PROVINCE_CODES),
    date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isCalendarDate)),
    people: z.int().check(z.gte(1), z.lte(1000)),
    under18: z.int().check(z.gte(0), z.lte(1000)),
  })
  .check(z.refine((v) => v.under18 <= v.people, { path: ['under18'] }));

export type SessionLog = z.output<typeof sessionLogSchema>;

export function validateSessionLog(input: unknown): { ok: true; value: SessionLog } | { ok: false; errors: { path: SessionField }[] } {
  const result = z.safeParse(sessionLogSchema, input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, SESSION_FIELDS).map((path) => ({ path })) };
}

export function canonicalSessionLog(log: SessionLog): string {
  const { id, locale, deck, province, date, people, under18 } = log;
  return JSON.stringify({ id, locale, deck, province, date, people, under18 });
}
