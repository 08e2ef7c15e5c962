/**
 * The public write paths' common rules (/api/intake, /api/sessions): one
 * client flooding → 429 with Retry-After; not JSON → 415; over 16 KB → 413;
 * malformed JSON → 400; invalid fields → 422 with bilingual messages; never a
 * 5xx for anything a client sends.
 */
import type { RouteContext } from './routes';
import { MAX_BODY_BYTES, readBody } from './body';
import { reply, type Reply } from './reply';
import { log } from '../log';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: { path: string; message: { km: string; en: string } }[] };

export async function handleJsonPost<T>(
  { req, app, clientAddress }: RouteContext,
  spec: { name: string; validate(body: unknown): Validation<T>; store(value: T): Promise<Reply> },
): Promise<Reply> {
  const limited = await app.limits.publicWrites.take(clientAddress);
  if (!limited.ok) {
    req.resume();
    log(`${spec.name}.limited`, { status: 429 });
    return reply(429, { error: 'too many requests' }, { 'Retry-After': String(limited.retryAfterS) });
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return reply(415, { error: 'send application/json' });
  }
  const text = await readBody(req, MAX_BODY_BYTES);
  if (text === undefined) return reply(413, { error: `the body is over ${MAX_BODY_BYTES} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply(400, { error: 'malformed JSON' });
  }
  const result = spec.validate(body);
  if (!result.ok) return reply(422, { errors: result.errors });
  return spec.store(result.value);
}
