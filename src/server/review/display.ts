/** How the review pages show a paragraph's text and its reviewers. Pure. */
import type { Locale } from '../../domain/locales';
import type { Partner } from '../../domain/partners';
import { partnerName } from '../partner/display';
import type { ReviewMark } from './store';

export interface InlinePart { text: string; strong?: boolean; link?: string }

/** `**bold**` and `[text](address)` in a paragraph, as safe pieces (the page escapes them); everything else as typed. */
export function inlineParts(text: string): InlinePart[] {
  return text.split(/(\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\))/).filter(Boolean).map((piece) => {
    if (/^\*\*[^*]+\*\*$/.test(piece)) return { text: piece.slice(2, -2), strong: true };
    const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(piece);
    return link ? { text: link[1]!, link: link[2]! } : { text: piece };
  });
}

/** A reviewer as the reader sees them: "you", a colleague by e-mail, someone of another organisation by its name. */
export function reviewerName(mark: ReviewMark, me: { userId: string; orgId: string }, partners: readonly Partner[], locale: Locale, you: string): string {
  if (mark.user_id === me.userId) return you;
  if (mark.org_id === me.orgId && mark.email) return mark.email;
  return partnerName(mark.org_id, partners, locale);
}
