/**
 * No body a client can send gets a 5xx or a dropped connection: property-based,
 * with fast-check, against the built server (bounded in count and time). Text
 * fields with any code point (control characters such as NUL, which PostgreSQL
 * refuses; lone surrogates escaped in JSON; combining marks) are tried on
 * SQLite and PostgreSQL: valid requests are stored (without those characters),
 * never answered 5xx.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';

const raised = { INTAKE_RATE_PER_MINUTE: '1000000', INTAKE_RATE_BURST: '1000000', RUN_WORKER: '0' };
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ env: raised });
});
afterAll(async () => server?.stop());

const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double(), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const nearlyValid = fc.record({
  id: fc.oneof(fc.uuid(), fc.string()),
  locale: fc.oneof(fc.constantFrom('km', 'en'), field),
  topic: fc.oneof(fc.constantFrom('migration', 'trafficking', 'child_labour', 'exploitation', 'other'), field),
  province: fc.oneof(fc.integer({ min: 0, max: 30 }).map((n) => `KH-${n}`), field),
  under18: fc.oneof(fc.boolean(), field),
  phone: fc.oneof(fc.stringMatching(/^[0+][0-9 \-]{6,14}$/), fc.string({ unit: 'grapheme' }), field),
  consent: fc.oneof(fc.constant(true), field),
  name: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), field),
  message: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 1100 }), field),
}, { requiredKeys: [] });
const body = fc.oneof(
  nearlyValid.map((v) => JSON.stringify(v)),
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.constantFrom('', '{', '[]', 'null', '"x"', '{"id":', '\u0000', '{"__proto__":{"x":1}}'),
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', '');

describe('POST /api/intake under arbitrary input', () => {
  it('never answers 5xx and always answers', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
        const response = await fetch(`${server.url}/api/intake`, { method: 'POST', headers, body: payload });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        expect([200, 201, 400, 409, 413, 415, 422]).toContain(response.status);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

/** Any code point, lone surrogate halves included (JSON.stringify escapes them as \\udXXX). */
const anyCodePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
  fc.integer({ min: 0x300, max: 0x36f }).map((n) => String.fromCharCode(n)), // combining marks
  fc.integer({ min: 0x1780, max: 0x17ff }).map((n) => String.fromCharCode(n)), // Khmer, signs and all
  fc.constantFrom('\u200b', '\u200c', '\u200d', '\ufeff', '\u2028', '\u007f', '\u0085'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), // any code point
);
const anyText = (maxLength: number) => fc.array(anyCodePoint, { maxLength }).map((parts) => parts.join(''));

const targets = await dbTargets('it_fuzz');
describe.each(targets.map((t) => [t.name, t] as const))('text with any code point on %s', (_, target) => {
  let db: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => { db = await startServer({ env: { ...raised, ...target.env } }); });
  afterAll(async () => { await db?.stop(); await target.cleanup(); });

  it('never answers 5xx: a valid request is stored, the rest refused with 422', async () => {
    await fc.assert(
      fc.asyncProperty(anyText(60), anyText(60), anyText(300), fc.option(fc.boolean(), { nil: undefined }), async (name, callTime, message, discreet) => {
        const payload = { id: randomUUID(), locale: 'km', topic: 'migration', province: 'KH-12', under18: true, phone: '012 345 678', consent: true, name, callTime, message, discreet };
        const response = await fetch(`${db.url}/api/intake`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        expect([201, 422]).toContain(response.status);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('stores a NUL-laden request without the NUL, and answers it again as the same request', async () => {
    const payload = { id: randomUUID(), locale: 'en', topic: 'migration', province: 'KH-12', under18: false, phone: '012 345 678', consent: true, name: 'So\u0000kha', message: 'call\u0007 me \ud800 later' };
    const post = () => fetch(`${db.url}/api/intake`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    const first = await post();
    expect(first.status).toBe(201);
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
  });
});
