/**
 * POST /<lang>/help/: the request form without JavaScript (feature phones,
 * proxy browsers, a script that failed to load). A real HTML form posted as
 * application/x-www-form-urlencoded, checked by the same schema, limited by
 * the same rate limit and stored by the same flow as POST /api/intake; the
 * answer is a page (the reference and what happens next, or the error summary
 * with what was typed kept), rendered by Astro (src/pages/[lang]/help/answer.astro).
 *
 * The page is prerendered, so it carries no per-visitor id: the server makes
 * one from the address, the content and a 5-minute window, so the same content
 * posted twice within a few minutes from one address is one request.
 */
import { createHash } from 'node:crypto';
import { isLocale, type Locale } from '../../domain/locales';
import type { IntakeField } from '../../domain/intake';
import { formInput, formValues, type HelpAnswer } from '../../domain/intakeForm';
import { readBody, MAX_BODY_BYTES } from '../http/body';
import { reply, type PageRender, type Reply } from '../http/reply';
import type { RouteContext } from '../http/routes';
import { routeAndStore, validate } from './api';
import { log } from '../log';

/** Posts of the same content from one address within this window (and the one before) are one request. */
const WINDOW_MS = 5 * 60_000;

/** A UUID (v4 layout) made from the address, the content and the time window: a double post is one request. */
export function formRequestId(address: string, input: ReturnType<typeof formInput>, windowIndex: number): string {
  const hex = createHash('sha256').update(JSON.stringify([address, input, windowIndex])).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const answerPage = (locale: Locale, helpAnswer: HelpAnswer, status: number): PageRender => ({ page: `/${locale}/help/answer/`, status, locals: { helpAnswer } });

export async function helpFormRoute(ctx: RouteContext, now = Date.now()): Promise<Reply | PageRender> {
  const locale = ctx.params.lang;
  if (!isLocale(locale)) return reply(404, { error: 'not found' });
  const limited = await ctx.app.limits.publicWrites.take(ctx.clientAddress);
  if (!limited.ok) {
    ctx.req.resume();
    log('intake.limited', { status: 429 });
    return reply(429, { error: 'too many requests' }, { 'Retry-After': String(limited.retryAfterS) });
  }
  const type = String(ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    ctx.req.resume();
    return reply(415, { error: 'send the form' });
  }
  const body = await readBody(ctx.req, MAX_BODY_BYTES);
  if (body === undefined) return reply(413, { error: `the form is over ${MAX_BODY_BYTES} bytes` });
  const values = formValues(body);
  const input = formInput(values, locale);
  const windowIndex = Math.floor(now / WINDOW_MS);
  const checked = validate({ id: formRequestId(ctx.clientAddress, input, windowIndex), ...input });
  if (!checked.ok) return answerPage(locale, { kind: 'invalid', values, errors: checked.errors.map((e) => e.path as IntakeField) }, 422);
  // The same post in the window before is the same request.
  const earlier = await ctx.app.store.db.selectFrom('intake_requests').select('id')
    .where('id', '=', formRequestId(ctx.clientAddress, input, windowIndex - 1)).executeTakeFirst();
  const routed = await routeAndStore(earlier ? { ...checked.value, id: earlier.id } : checked.value, ctx.app);
  if (routed.outcome === 'conflict') return answerPage(locale, { kind: 'invalid', values, errors: ['form'] }, 409);
  return answerPage(locale, { kind: 'sent', reference: routed.reference, partner: routed.partner.name }, routed.outcome === 'created' ? 201 : 200);
}
