/**
 * Which passwords partner staff may not use, and why (in both languages):
 * fewer than 12 characters; a run of one character; the e-mail's name or the
 * organisation's id inside; or a weak score from a kept strength estimator
 * (zxcvbn-ts with its common and English dictionaries: keyboard walks,
 * common passwords and words with digits and l33t added are all weak).
 * Used by the accounts tool (the only place passwords are set).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonWords } from '@zxcvbn-ts/language-common';
import { dictionary as englishWords, translations } from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

export const PASSWORD_PROBLEMS = {
  short: { en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, km: `ពាក្យសម្ងាត់ត្រូវមានយ៉ាងតិច ${MIN_PASSWORD_LENGTH} តួអក្សរ។` },
  repeated: { en: 'The password repeats one character too many times in a row.', km: 'ពាក្យសម្ងាត់មានតួអក្សរតែមួយដដែលៗច្រើនដងពេក។' },
  personal: { en: 'The password contains your e-mail name or your organisation\'s id.', km: 'ពាក្យសម្ងាត់មានឈ្មោះអ៊ីមែលរបស់អ្នក ឬលេខសម្គាល់អង្គការរបស់អ្នក។' },
  weak: { en: 'The password is too easy to guess (a common password, a keyboard pattern, or a word with numbers added). Use four or more unrelated words.', km: 'ពាក្យសម្ងាត់ងាយទាយពេក (ពាក្យសម្ងាត់ទូទៅ លំដាប់ក្ដារចុច ឬពាក្យមួយថែមលេខ)។ សូមប្រើពាក្យបួន ឬច្រើនជាងនេះ ដែលមិនទាក់ទងគ្នា។' },
} as const;
export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

let estimator: ZxcvbnFactory | undefined;
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...commonWords, ...englishWords }, graphs: adjacencyGraphs, translations }));

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Why this password is refused for this account, or null. */
export function passwordProblem(password: string, account: { email: string; orgId: string }): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'short';
  if (/(.)\1{3,}/u.test(password)) return 'repeated';
  const emailName = account.email.split('@')[0] ?? '';
  const personal = [emailName, account.orgId, ...account.orgId.split('-')].map(squash).filter((part) => part.length >= 4);
  if (personal.some((part) => squash(password).includes(part))) return 'personal';
  if (strength().check(password, personal).score < MIN_PASSWORD_SCORE) return 'weak';
  return null;
}

export const passwordMessage = (problem: PasswordProblem) => `${PASSWORD_PROBLEMS[problem].en}\n${PASSWORD_PROBLEMS[problem].km}`;
