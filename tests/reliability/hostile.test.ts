/**
 * Hostile input, a flood, and privacy: 10,000 generated bodies never get a 5xx
 * or a dropped connection and store nothing; a valid request works after; one
 * client far over its limit gets 429 + Retry-After while another's request in
 * the same seconds gets 201; and the logs hold none of the test's personal data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer } from '../support/server.mjs';
import { agentFrom, postJson, validIntake } from '../support/load.mjs';
import { readRows } from './rows';

let server: Awaited<ReturnType<typeof startServer>>;
let log = '';
const sqlite = { name: 'sqlite' as const, env: {}, cleanup: async () => {} };

beforeAll(async () => {
  // E-mail to a closed port: every request gets a delivery job that fails, so the worker's log lines (errors included) are checked too.
  const smtp = `smtp://127.0.0.1:${await freePort()}`;
  server = await startServer({ env: { LOG_LEVEL: 'info', TEST_LOG_LEVEL: 'info', INTAKE_RATE_PER_MINUTE: '60', INTAKE_RATE_BURST: '20', RUN_WORKER: '1', SMTP_URL: smtp } });
  server.process.stdout!.on('data', (c) => { log += c; });
  server.process.stderr!.on('data', (c) => { log += c; });
});
afterAll(async () => server?.stop());

const SECRET_NAME = 'Chanthou Hostile-Test';
const SECRET_MESSAGE = 'my secret message 4711';
const SECRET_PHONE = '012 987 654';

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });
const oddText = fc.string({ unit: 'binary', maxLength: 300 });
const invalidBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  oddText,
  fc.constantFrom('{', '{"id":', '[', 'null', '"', '\uFEFF{}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', JSON.stringify(deep(200)), '1e309', '{"id": NaN}'),
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
    locale: fc.oneof(fc.constantFrom('km', 'en', 'fr', ''), fc.integer()),
    topic: fc.oneof(fc.string(), fc.constant(null)),
    province: fc.oneof(fc.constantFrom('KH-0', 'KH-26', 'kh-1', ''), fc.integer()),
    under18: fc.oneof(fc.string(), fc.integer()),
    phone: fc.oneof(oddText, fc.string({ minLength: 1000, maxLength: 3000 })),
    consent: fc.oneof(fc.constant(false), fc.string()),
    name: fc.string({ minLength: 101, maxLength: 500 }),
  }).map((v) => JSON.stringify(v)),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1');

describe('hostile input', () => {
  it('10,000 generated bodies: never a 5xx or a dropped connection, nothing stored', async () => {
    const before = (await readRows(sqlite, server.sqliteFile, 'select count(*) as n from intake_requests'))[0]!.n;
    const agents = Array.from({ length: 200 }, (_, i) => agentFrom(i + 10)); // spread: the limit is per address
    const statuses = new Map<string, number>();
    let i = 0;
    await fc.assert(
      fc.asyncProperty(invalidBody, contentType, async (body, type) => {
        const agent = agents[i++ % agents.length];
        const r = await postJson(`${server.url}/api/intake`, body, { agent, headers: type ? { 'Content-Type': type } : {} });
        statuses.set(String(r.status ?? r.error), (statuses.get(String(r.status ?? r.error)) ?? 0) + 1);
        expect(r.error, 'connection dropped').toBeUndefined();
        expect(r.status).toBeLessThan(500);
        expect(r.status).not.toBe(201);
      }),
      { numRuns: 10_000 },
    );
    agents.forEach((a) => a.destroy());
    expect((await readRows(sqlite, server.sqliteFile, 'select count(*) as n from intake_requests'))[0]!.n).toBe(before);
    // Listed, so a failure names the unexpected status (or connection error) and how often it came.
    expect([...statuses].filter(([s]) => !['400', '413', '415', '422', '429'].includes(s))).toEqual([]);
    // A valid request still works after all that.
    const ok = await postJson(`${server.url}/api/intake`, { ...validIntake(1), name: SECRET_NAME, message: SECRET_MESSAGE, phone: SECRET_PHONE }, { agent: agentFrom(250) });
    expect(ok.status).toBe(201);
  });
});

describe('a flood from one client', () => {
  it('gets 429 with Retry-After, while another client gets 201 in the same seconds', async () => {
    const flooder = agentFrom(1);
    const floods = await Promise.all(Array.from({ length: 60 }, (_, i) => postJson(`${server.url}/api/intake`, validIntake(i), { agent: flooder })));
    const other = await postJson(`${server.url}/api/intake`, validIntake(999), { agent: agentFrom(2) });
    flooder.destroy();
    const limited = floods.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(30);
    expect(Number(limited[0]!.headers!['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(floods.every((r) => r.status === 201 || r.status === 429)).toBe(true);
    expect(other.status).toBe(201);
  });
});

describe('privacy', () => {
  it('logs no phone number, name or message from the test data', async () => {
    // Its own request, so the test holds on its own: stored, then its e-mail tried by the worker, both logged.
    const body = { ...validIntake(2), name: SECRET_NAME, message: SECRET_MESSAGE, phone: SECRET_PHONE };
    const created = await postJson(`${server.url}/api/intake`, body, { agent: agentFrom(3) }); // an address no other test floods
    expect(created.status).toBe(201);
    const logged = (event: RegExp) => server.events.some((e) => e.id === body.id && event.test(String(e.event)));
    const deliveryOutcome = /^delivery\.(done|failed)$/;
    for (let waited = 0; !logged(deliveryOutcome) && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(logged(/^intake\.created$/), 'the request was logged').toBe(true);
    expect(logged(deliveryOutcome), 'the outcome of its delivery was logged').toBe(true);
    for (const secret of [SECRET_NAME, SECRET_MESSAGE, SECRET_PHONE, '+85512987654', '12987654', 'Chanthou', '+855']) expect(log).not.toContain(secret);
  });
});
