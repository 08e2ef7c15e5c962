/**
 * How the partner pages say things, in the reader's language: times in Phnom
 * Penh time (24-hour, Khmer digits and month names on Khmer pages), actions
 * and events as words rather than codes, organisations by name, staff by
 * e-mail. Pure: it takes the strings and the directory.
 */
import type { Locale } from '../../domain/locales';
import type { Partner } from '../../domain/partners';
import { fillPlaceholders } from '../../i18n/placeholders';
import { localDigits, MONTHS } from '../../i18n/format';
import type { UiStrings } from '../../i18n/strings';

type PartnerStrings = UiStrings['partner'];

export function partnerTime(iso: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Phnom_Penh', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const month = MONTHS[locale][Number(part('month')) - 1];
  const date = `${localDigits(Number(part('day')), locale)} ${month} ${localDigits(part('year'), locale)}`;
  const time = `${localDigits(part('hour'), locale)}:${localDigits(part('minute'), locale)}`;
  return locale === 'km' ? `${date} ម៉ោង ${time}` : `${date}, ${time}`;
}

export const partnerName = (id: string, partners: readonly Partner[], locale: Locale) => partners.find((p) => p.id === id)?.name[locale] ?? id;

/** An audit row's action (`status:closed`, `call:no_answer`, `view`, …) and its detail (`to <id>`) in words. */
export function describeAudit(action: string, detail: string | null, strings: PartnerStrings, partners: readonly Partner[], locale: Locale): string {
  const [kind = '', value = ''] = action.split(/:(.*)/s);
  const actions = strings.auditActions as Record<string, string>;
  const statuses = strings.statuses as Record<string, string>;
  let text: string;
  if (kind === 'status') text = fillPlaceholders(actions.status!, { status: statuses[value] ?? value });
  else if (kind === 'call') text = fillPlaceholders(actions.call!, { result: (strings.callResults as Record<string, string>)[value] ?? value });
  else if (kind === 'conflict') text = actions.conflict!;
  else text = actions[action] ?? action;
  const moved = /^(to|from) ([a-z0-9-]+)$/.exec(detail ?? '');
  if (moved) return `${text} · ${fillPlaceholders(moved[1] === 'to' ? strings.toPartner : strings.fromPartner, { partner: partnerName(moved[2]!, partners, locale) })}`;
  if (kind === 'view' && value === 'not_found') return text; // what was typed stays out of the page
  return detail && kind !== 'list' ? `${text} · ${detail}` : text;
}

/** A request's history line. */
export function describeEvent(event: { kind: string; value: string | null }, strings: PartnerStrings, partners: readonly Partner[], locale: Locale): string {
  const statuses = strings.statuses as Record<string, string>;
  if (event.kind === 'call') return `${strings.callAt}: ${(strings.callResults as Record<string, string>)[event.value ?? ''] ?? event.value}`;
  if (event.kind === 'status') {
    const [status = '', outcome] = (event.value ?? '').split(':');
    return outcome ? `${statuses[status] ?? status} · ${(strings.outcomes as Record<string, string>)[outcome] ?? outcome}` : statuses[status] ?? status;
  }
  const kinds = strings.eventKinds as Record<string, string>;
  return kinds[event.kind] ? fillPlaceholders(kinds[event.kind]!, { partner: partnerName(event.value ?? '', partners, locale) }) : event.kind;
}
