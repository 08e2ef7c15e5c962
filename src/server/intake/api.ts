/**
 * POST /api/intake — the contract (keep it exactly):
 *   201 { reference, partner: { id, name } }   stored
 *   200 (same body)                            the same id with the same content again
 *   409                                        the same id with other content
 *   422 { errors: [{ path, message: { km, en } }] }   invalid fields, nothing stored
 *   400 malformed JSON · 415 not JSON · 413 over 16 KB · 429 + Retry-After flooding
 * Never a 5xx for anything a client sends.
 */
import type { Services } from '../services';
import { validateIntake, type IntakeRequest } from '../../domain/intake';
import { choosePartner } from '../../domain/routing';
import { channelsFor } from '../delivery/channels';
import { storeIntake } from './store';
import { uiResources } from '../../i18n/strings';
import { log } from '../log';

export const MAX_BODY_BYTES = 16 * 1024;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });

/** Reads at most `limit` bytes; undefined when the body is larger. */
async function readBody(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) { await reader.cancel().catch(() => {}); return undefined; }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

export async function handleIntake(request: Request, clientAddress: string, services: Services): Promise<Response> {
  const limited = services.intakeLimiter.take(clientAddress);
  if (!limited.ok) {
    log('intake.limited', { status: 429 });
    return json(429, { error: 'too many requests' }, { 'Retry-After': String(limited.retryAfterS) });
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return json(415, { error: 'send application/json' });

  const text = await readBody(request, MAX_BODY_BYTES);
  if (text === undefined) return json(413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: 'malformed JSON' });
  }

  const result = validateIntake(body);
  if (!result.ok) {
    const errors = result.errors.map(({ path }) => ({
      path,
      message: { km: uiResources.km.intake.errors[path], en: uiResources.en.intake.errors[path] },
    }));
    return json(422, { errors });
  }
  return store(result.value, services);
}

async function store(request: IntakeRequest, services: Services): Promise<Response> {
  const partner = choosePartner(request, services.directory);
  const stored = await storeIntake(services.store, request, partner.id, channelsFor(partner, services.channels));
  if (stored.outcome === 'conflict') {
    log('intake.conflict', { id: request.id, status: 409 });
    return json(409, { error: 'this id was already used for a different request' });
  }
  const owner = services.directory.partners.find((p) => p.id === stored.partnerId) ?? partner;
  const status = stored.outcome === 'created' ? 201 : 200;
  log(`intake.${stored.outcome}`, { id: request.id, reference: stored.reference, partner: owner.id, status });
  if (stored.outcome === 'created') services.worker?.wake();
  return json(status, { reference: stored.reference, partner: { id: owner.id, name: owner.name[request.locale] } });
}
