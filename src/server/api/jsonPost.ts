/**
 * The public write paths' common rules (/api/intake, /api/sessions): one
 * client flooding → 429 with Retry-After; not JSON → 415; over 16 KB → 413;
 * malformed JSON → 400; invalid fields → 422 with bilingual messages; never a
 * 5xx for anything a client sends.
 */
import type { RateLimiter } from '../rateLimit';
import { log } from '../log';

export const MAX_BODY_BYTES = 16 * 1024;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
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
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: { path: string; message: { km: string; en: string } }[] };

export async function handleJsonPost<T>(
  request: Request,
  clientAddress: string,
  limiter: RateLimiter,
  spec: { name: string; validate(body: unknown): Validation<T>; store(value: T): Promise<Response> },
): Promise<Response> {
  const limited = limiter.take(clientAddress);
  if (!limited.ok) {
    log(`${spec.name}.limited`, { status: 429 });
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
  const result = spec.validate(body);
  if (!result.ok) return json(422, { errors: result.errors });
  return spec.store(result.value);
}
