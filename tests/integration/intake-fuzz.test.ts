/**
 * No body a client can send gets a 5xx or a dropped connection: property-based,
 * with fast-check, against the built server (SQLite; bounded in count and time).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ env: { INTAKE_RATE_PER_MINUTE: '1000000', INTAKE_RATE_BURST: '1000000', RUN_WORKER: '0' } });
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
