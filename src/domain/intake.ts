/**
 * A request for contact: one schema, used by the form in the browser (written
 * with zod/mini so it stays small there) and by the API (the authority).
 * Errors are reported per field as message keys (`intake.errors.<field>`);
 * each side turns them into words from the i18n strings.
 */
import * as z from 'zod/mini';
import { LOCALES } from './locales';
import { INTAKE_TOPICS } from './topics';
import { PROVINCE_CODES } from './provinces';
import { normalizeCambodianPhone } from './phone';
import { fieldErrors } from './fieldErrors';

export const MESSAGE_MAX = 1000;
export const SHORT_TEXT_MAX = 100;

/**
 * Characters removed from every text before it is checked and stored: control
 * characters other than tab and line breaks (PostgreSQL refuses NUL, and none
 * has a place in a message; a phone's keyboard or a paste can slip one in) and
 * lone surrogate halves (not text: refused by databases and mail servers).
 * Removing them, rather than refusing the request, means a young person's
 * request is never blocked by an invisible character.
 */
// eslint-disable-next-line no-control-regex
export const REMOVED_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const cleanText = (text: string) => text.replace(REMOVED_CHARACTERS, '');

/** Cleaned and trimmed; an empty answer to an optional question is no answer. */
const optionalText = (max: number) =>
  z.optional(z.pipe(z.string().check(z.maxLength(max * 4)), z.transform((s) => cleanText(s).trim() || undefined))).check(
    z.refine((s) => s === undefined || s.length <= max),
  );

export const intakeRequestSchema = z.object({
  id: z.uuid(),
  locale: z.enum(LOCALES),
  topic: z.enum(INTAKE_TOPICS),
  province: z.enum(PROVINCE_CODES),
  under18: z.boolean(),
  phone: z.pipe(
    z.string().check(z.maxLength(40), z.refine((v) => normalizeCambodianPhone(v) !== null)),
    z.transform((v) => normalizeCambodianPhone(v) as string),
  ),
  consent: z.literal(true),
  name: optionalText(SHORT_TEXT_MAX),
  callTime: optionalText(SHORT_TEXT_MAX),
  discreet: z.optional(z.boolean()),
  message: optionalText(MESSAGE_MAX),
});

export type IntakeInput = z.input<typeof intakeRequestSchema>;
export type IntakeRequest = z.output<typeof intakeRequestSchema>;

export const INTAKE_FIELDS = ['topic', 'province', 'under18', 'phone', 'consent', 'name', 'callTime', 'discreet', 'message'] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number] | 'form';

export interface FieldError {
  path: IntakeField;
  key: `intake.errors.${IntakeField}`;
}

/** One error per field, in the order of the form; anything not a field (id, locale, unknown) is "the form". */
export function validateIntake(input: unknown): { ok: true; value: IntakeRequest } | { ok: false; errors: FieldError[] } {
  const result = z.safeParse(intakeRequestSchema, input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: fieldErrors(result.error.issues, INTAKE_FIELDS).map((path) => ({ path, key: `intake.errors.${path}` as const })) };
}

/** The request as stored and compared: a retry with the same content is the same request. */
export function canonicalIntake(request: IntakeRequest): string {
  const { id, locale, topic, province, under18, phone, consent, name, callTime, discreet, message } = request;
  return JSON.stringify({ id, locale, topic, province, under18, phone, consent, name: name ?? null, callTime: callTime ?? null, discreet: discreet ?? false, message: message ?? null });
}
