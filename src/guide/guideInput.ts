/**
 * Gathers one language's guide (src/guide/guideHtml.ts) from the content at
 * build: the articles as the site renders them, the hotlines, the two
 * self-checks, and the interface strings.
 */
import type { Locale } from '../domain/locales';
import { SUBJECTS } from '../domain/topics';
import { groupByCountry } from '../domain/hotlines';
import { allHotlines, articlesOf, splitEntryId } from '../data/content';
import { loadChecklist, loadJobOfferCheck } from '../data/selfChecks';
import { useTranslations } from '../i18n';
import { formatDate, formatSourceDate } from '../i18n/format';
import type { GuideInput } from './guideHtml';

export async function guideInput(locale: Locale, { siteUrl, madeOn = new Date() }: { siteUrl?: string; madeOn?: Date } = {}): Promise<GuideInput> {
  const t = useTranslations(locale);
  const stated = (value: { en: string; km: string } | null) => (value ? value[locale] : t('hotlines.notStated'));
  const subjects = [];
  for (const subject of SUBJECTS) {
    const articles = await articlesOf(locale, subject.code);
    subjects.push({
      slug: subject.slug,
      title: t(`subjects.${subject.code}.title`),
      description: t(`subjects.${subject.code}.description`),
      articles: articles.map((a) => {
        const html = a.rendered?.html;
        if (html === undefined) throw new Error(`guide: content/topics/${a.id}.md has no rendered HTML`);
        return {
          slug: splitEntryId(a.id).slug,
          title: a.data.title,
          summary: a.data.summary,
          html,
          sources: a.data.sources.map((s) => ({ ...s, date: formatSourceDate(s.date, locale) ?? t('article.sourceUndated') })),
          reviewed: t('article.lastReviewed', { date: formatDate(a.data.reviewed.date, locale) }),
          draft: a.data.reviewed.status === 'draft' ? t('article.draft') : undefined,
          core: a.data.offline === 'core',
        };
      }),
    });
  }
  const hotlineGroups = groupByCountry(await allHotlines()).map(({ country, hotlines }) => {
    const countryName = t(`hotlines.countries.${country}`);
    return {
      code: country,
      country: countryName,
      hotlines: hotlines.map((h) => ({
        id: h.id,
        name: h.name[locale],
        number: h.number,
        dial: h.dial,
        international: h.international,
        insideOnly: h.shortCode ? t('hotlines.insideOnly', { country: countryName }) : undefined,
        purpose: h.purpose[locale],
        details: [
          [t('hotlines.hours'), stated(h.hours)],
          [t('hotlines.cost'), stated(h.cost)],
          [t('hotlines.languages'), stated(h.languages)],
          [t('hotlines.operator'), h.operator[locale]],
          ...(h.whatsapp ? [['WhatsApp', h.whatsapp]] : []),
        ] as [string, string][],
        // Notes and an old source's warning go with the date it was checked.
        checked: [h.notes?.[locale], h.oldSource ? t('hotlines.oldSource') : undefined, t('hotlines.checked', { date: formatDate(h.checked, locale) })].filter(Boolean).join(' · '),
      })),
    };
  });
  const checklist = loadChecklist();
  const job = loadJobOfferCheck();
  return {
    locale,
    title: t('guide.title'),
    intro: t('guide.intro'),
    made: t('guide.made', { date: formatDate(madeOn, locale) }),
    siteUrl: siteUrl ? new URL(`/${locale}/`, siteUrl).href : undefined,
    labels: {
      contents: t('guide.contents'),
      backToContents: t('guide.backToContents'),
      sources: t('article.sources'),
      hotlines: t('hotlines.title'),
      hotlinesIntro: t('guide.hotlinesIntro'),
      call: (number) => t('help.call', { number }),
      fromAbroad: (number) => t('hotlines.fromAbroad', { number }),
      checklists: t('guide.checklists'),
      printHint: t('guide.printHint'),
      website: t('guide.website'),
    },
    subjects,
    hotlineGroups,
    checklist: {
      title: t('checks.listTitle'),
      intro: t('guide.listIntro'),
      groups: checklist.groups.map((g) => ({ title: g.title[locale], items: g.items.map((i) => i.text[locale]) })),
    },
    jobCheck: {
      title: t('checks.jobTitle'),
      intro: t('guide.jobIntro'),
      yes: t('checks.yes'),
      no: t('checks.no'),
      warningIf: (answer, sign) => t('guide.warningIf', { answer, sign }),
      after: t('guide.after'),
      questions: job.questions.map((q) => ({ question: q.question[locale], warnIf: q.warnIf, sign: q.sign[locale] })),
    },
    draftNote: locale === 'km' ? t('footer.review') : undefined,
  };
}
