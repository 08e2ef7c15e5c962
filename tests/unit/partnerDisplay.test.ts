/** The partner pages say things in words, in the reader's language and Phnom Penh time. */
import { describe, expect, it } from 'vitest';
import { describeAudit, describeEvent, partnerTime } from '../../src/server/partner/display';
import { uiResources } from '../../src/i18n/strings';
import type { Partner } from '../../src/domain/partners';

const partners = [
  { id: 'sample-coast', name: { en: 'Sample Coast Network', km: 'បណ្តាញឆ្នេរ (គំរូ)' } },
  { id: 'sample-national', name: { en: 'Sample National Line', km: 'ខ្សែជាតិ (គំរូ)' } },
] as unknown as Partner[];

describe('partner pages in words', () => {
  it('gives times in Phnom Penh time, 24-hour, with Khmer digits and month on Khmer pages', () => {
    expect(partnerTime('2026-12-01T16:44:00.000Z', 'en')).toBe('1 December 2026, 23:44');
    expect(partnerTime('2026-12-01T16:44:00.000Z', 'km')).toBe('១ ធ្នូ ២០២៦ ម៉ោង ២៣:៤៤');
    expect(partnerTime('2026-12-31T18:05:00.000Z', 'km')).toBe('១ មករា ២០២៧ ម៉ោង ០១:០៥'); // the next day in Phnom Penh
    expect(partnerTime('2026-12-01T16:44:00.000Z', 'km')).not.toMatch(/PM|AM|[0-9]/);
  });

  it.each(['en', 'km'] as const)('names actions, statuses, calls and organisations instead of codes (%s)', (locale) => {
    const strings = uiResources[locale].partner;
    const texts = [
      describeAudit('status:closed', null, strings, partners, locale),
      describeAudit('call:no_answer', null, strings, partners, locale),
      describeAudit('escalated:away', 'to sample-national', strings, partners, locale),
      describeAudit('view:not_found', 'SJ-ABCD-EFGH', strings, partners, locale),
      describeAudit('list', '3 requests', strings, partners, locale),
      describeEvent({ kind: 'referral', value: 'sample-coast' }, strings, partners, locale),
      describeEvent({ kind: 'status', value: 'closed:helped' }, strings, partners, locale),
    ];
    for (const text of texts) expect(text).not.toMatch(/status:[a-z]|call:[a-z]|escalated:|sample-|no_answer|closed:|\bview\b/);
    expect(texts[0]).toContain(strings.statuses.closed);
    expect(texts[1]).toContain(strings.callResults.no_answer);
    expect(texts[2]).toContain(partners[1]!.name[locale]);
    expect(texts[3]).not.toContain('SJ-ABCD-EFGH'); // what was typed into a failed lookup stays out of the page
    expect(texts[5]).toContain(partners[0]!.name[locale]);
    expect(texts[6]).toContain(strings.outcomes.helped);
    if (locale === 'km') for (const text of texts) expect(text).toMatch(/[\u1780-\u17FF]/);
  });
});
