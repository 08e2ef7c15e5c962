/**
 * POST /api/intake — the contract (keep it exactly):
 *   201 { reference, partner: { id, name } }   stored, and in the partner's inbox
 *   200 (same body)                            the same id with the same content again
 *   409                                        the same id with other content
 *   422 { errors: [{ path, message: { km, en } }] }   invalid fields, nothing stored
 *   400 malformed JSON · 415 not JSON · 413 over 16 KB · 429 + Retry-After flooding
 * Never a 5xx for anything a client sends.
 */
import { validateIntake, type IntakeRequest } from '../../domain/intake';
import { choosePartner } from '../../domain/routing';
import { channelsFor } from '../delivery/channels';
import { storeIntake } from './store';
import { uiResources } from '../../i18n/strings';
import { handleJsonPost, type Validation } from '../http/jsonPost';
import { reply } from '../http/reply';
import type { RouteContext } from '../http/routes';
import type { AppContext } from '../context';
import { log } from '../log';

export function validate(body: unknown): Validation<IntakeRequest> {
  const result = validateIntake(body);
  if (result.ok) return result;
  return {
    ok: false,
    errors: result.errors.map(({ path }) => ({ path, message: { km: uiResources.km.intake.errors[path], en: uiResources.en.intake.errors[path] } })),
  };
}

export type Routed = { outcome: 'created' | 'replayed'; reference: string; partner: { id: string; name: string } } | { outcome: 'conflict' };

/** Routes a valid request to its partner and stores it (in that partner's inbox, with its outbox jobs): one flow for the JSON API and the plain form. */
export async function routeAndStore(request: IntakeRequest, app: AppContext): Promise<Routed> {
  const partner = choosePartner(request, app.directory);
  const channels = channelsFor(partner, app.config);
  const stored = await storeIntake(app.store, request, partner.id, channels);
  if (stored.outcome === 'conflict') {
    log('intake.conflict', { id: request.id, status: 409 });
    return stored;
  }
  const owner = app.directory.partners.find((p) => p.id === stored.partnerId) ?? partner;
  log(`intake.${stored.outcome}`, { id: request.id, reference: stored.reference, partner: owner.id, status: stored.outcome === 'created' ? 201 : 200 });
  if (stored.outcome === 'created' && channels.length) app.scheduler?.wake();
  return { outcome: stored.outcome, reference: stored.reference, partner: { id: owner.id, name: owner.name[request.locale] } };
}

async function store(request: IntakeRequest, app: AppContext) {
  const routed = await routeAndStore(request, app);
  if (routed.outcome === 'conflict') return reply(409, { error: 'this id was already used for a different request' });
  return reply(routed.outcome === 'created' ? 201 : 200, { reference: routed.reference, partner: routed.partner });
}

export const intakeRoute = (ctx: RouteContext) => handleJsonPost(ctx, { name: 'intake', validate, store: (value) => store(value, ctx.app) });
