/**
 * The request form's fields as typed (strings, as a form holds them) and their
 * mapping to an intake request: one mapping for the React form and for the
 * same form posted without JavaScript (src/server/intake/form.ts).
 */
import type { Locale } from './locales';
import type { IntakeField } from './intake';

export interface FormValues { topic: string; province: string; under18: string; phone: string; name: string; callTime: string; discreet: string; message: string; consent: boolean }

export const EMPTY_FORM: FormValues = { topic: '', province: '', under18: '', phone: '', name: '', callTime: '', discreet: '', message: '', consent: false };

/** What the answer to a form posted without JavaScript shows. */
export type HelpAnswer =
  | { kind: 'sent'; reference: string; partner: string }
  | { kind: 'invalid'; values: FormValues; errors: IntakeField[] };

const yesNo = (value: string) => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** The request (without its id) that these answers make; unanswered optional questions are left out. */
export function formInput(values: FormValues, locale: Locale) {
  return {
    locale, topic: values.topic, province: values.province, under18: yesNo(values.under18), phone: values.phone, consent: values.consent,
    name: values.name || undefined, callTime: values.callTime || undefined, discreet: yesNo(values.discreet), message: values.message || undefined,
  };
}

/** A posted form (application/x-www-form-urlencoded) as typed. */
export function formValues(body: string): FormValues {
  const form = new URLSearchParams(body);
  const text = (name: string) => (form.get(name) ?? '').slice(0, 4000);
  return {
    topic: text('topic'), province: text('province'), under18: text('under18'), phone: text('phone'), name: text('name'),
    callTime: text('callTime'), discreet: text('discreet'), message: text('message'), consent: form.get('consent') === 'yes',
  };
}
