/**
 * The partner inbox on SQLite and PostgreSQL: each organisation sees only its
 * own requests (by list, id and reference); no session → 401; lockout after 5
 * failed logins; a login from another origin gives no session; every view is
 * audited; argon2id hashes; no personal data in the server's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite, PARTNER_PASSWORD as PASSWORD } from '../support/partnerSite';

const targets = await dbTargets('it_partner');

describe.each(targets.map((t) => [t.name, t] as const))('partner inbox on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let log = '';
  const env = () => ({ ...target.env, SQLITE_FILE: server.sqliteFile });

  const site = () => partnerSite(server, target);
  const cli = (args: string[], password?: string) => site().cli(args, password);
  const signIn = (email: string, password?: string, headers?: Record<string, string>) => site().signIn(email, password, headers);
  const api = (cookie: string | undefined, path: string, init?: RequestInit) => site().api(cookie, path, init);
  const submit = (province: string, topic?: string) => site().submit(province, topic);
  const rows = (sql: string, params?: unknown[]) => site().rows(sql, params);

  let a: { reference: string }; // routed to the coast network (Koh Kong)
  let b: { reference: string }; // routed to the south-east office (Prey Veng)

  beforeAll(async () => {
    // No worker: a stored request is in its partner's inbox at once (the inbox is the table).
    server = await startServer({ env: { ...target.env, TEST_LOG_LEVEL: 'info', LOG_LEVEL: 'info', RUN_WORKER: '0' } });
    server.process.stdout!.on('data', (chunk) => { log += chunk; });
    server.process.stderr!.on('data', (chunk) => { log += chunk; });
    await cli(['add-user', '--org', 'sample-coast', '--email', 'staff@coast.example.org']);
    await cli(['add-user', '--org', 'sample-southeast-migration', '--email', 'staff@southeast.example.org']);
    a = await submit('KH-9');
    b = await submit('KH-14');
  });

  afterAll(async () => {
    await server?.stop();
    await target.cleanup();
  });

  it('refuses weak passwords, saying why in both languages, and an unknown organisation', async () => {
    const refused = async (password: string, why: RegExp, email = 'x@coast.example.org') => {
      const error = await cli(['add-user', '--org', 'sample-coast', '--email', email], password).then(() => undefined, (e: { stderr: string }) => e);
      expect(error?.stderr, password).toMatch(why);
      expect(error?.stderr, password).toMatch(/[\u1780-\u17FF]/); // and in Khmer
    };
    await refused('short', /12 characters/);
    await refused('qwertyuiop12', /too easy to guess/);
    await refused('Passw0rd2026', /too easy to guess/);
    await refused('sample-coast', /organisation's id/);
    await refused('my sample-coast account', /organisation's id/);
    await refused('veasna.kim mango river', /e-mail name/, 'veasna.kim@coast.example.org');
    await refused('xxxxxxxxxxxxxxxxxxxx', /repeats one character/);
    await expect(cli(['add-user', '--org', 'no-such-org', '--email', 'z@example.org'])).rejects.toThrow(/unknown organisation/);
    // None of them made an account.
    expect((await rows("select email from partner_users where email like 'x@%' or email like 'veasna%'")).length).toBe(0);
  });

  it('stores argon2id hashes', async () => {
    const hashes = await rows('select password_hash from partner_users');
    expect(hashes.length).toBe(2);
    for (const h of hashes) expect(h.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers 401 without a session, and the pages send to the login', async () => {
    expect((await api(undefined, '/partner/api/requests')).status).toBe(401);
    const page = await fetch(`${server.url}/partner/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/partner/login');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in with a strict, HttpOnly session cookie limited to /partner', async () => {
    const { status, setCookie } = await signIn('staff@coast.example.org');
    expect(status).toBe(303);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/partner/);
  });

  it('shows each organisation only its own requests, by list, id and reference', async () => {
    const coast = (await signIn('staff@coast.example.org')).cookie;
    const southeast = (await signIn('staff@southeast.example.org')).cookie;
    const listA = (await (await api(coast, '/partner/api/requests')).json()) as { requests: { reference: string; id: string }[] };
    const listB = (await (await api(southeast, '/partner/api/requests')).json()) as { requests: { reference: string; id: string }[] };
    expect(listA.requests.map((r) => r.reference)).toEqual([a.reference]);
    expect(listB.requests.map((r) => r.reference)).toEqual([b.reference]);
    const idA = listA.requests[0]!.id;
    expect((await api(coast, `/partner/api/requests/${a.reference}`)).status).toBe(200);
    expect((await api(coast, `/partner/api/requests/${idA}`)).status).toBe(200);
    // The other organisation: exactly as if it did not exist.
    for (const key of [idA, a.reference, 'SJ-AAAA-AAAA']) {
      const response = await api(southeast, `/partner/api/requests/${key}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'not found' });
    }
    expect((await api(southeast, `/partner/api/requests/${idA}/status`, { method: 'POST', body: JSON.stringify({ status: 'acknowledged' }) })).status).toBe(404);
    expect((await fetch(`${server.url}/partner/requests/${idA}`, { headers: { Cookie: southeast! } })).status).toBe(404);
    const auditB = await (await fetch(`${server.url}/partner/audit`, { headers: { Cookie: southeast! } })).text();
    expect(auditB).not.toContain(a.reference);
  });

  it('changes status with the API, records it, and audits every view', async () => {
    const coast = (await signIn('staff@coast.example.org')).cookie;
    const before = Number((await rows("select count(*) as n from audit_log where org_id = 'sample-coast' and action = 'view'"))[0].n);
    expect((await api(coast, `/partner/api/requests/${a.reference}/status`, { method: 'POST', body: JSON.stringify({ status: 'acknowledged', note: 'called back' }) })).status).toBe(200);
    expect((await api(coast, `/partner/api/requests/${a.reference}/status`, { method: 'POST', body: JSON.stringify({ status: 'new' }) })).status).toBe(422);
    const detail = (await (await api(coast, `/partner/api/requests/${a.reference}`)).json()) as { status: string; events: { kind: string; value: string }[] };
    expect(detail.status).toBe('acknowledged');
    expect(detail.events).toContainEqual(expect.objectContaining({ kind: 'status', value: 'acknowledged' }));
    await fetch(`${server.url}/partner/requests/${a.reference}`, { headers: { Cookie: coast! } });
    const after = Number((await rows("select count(*) as n from audit_log where org_id = 'sample-coast' and action = 'view'"))[0].n);
    expect(after - before).toBe(2);
  });

  it('refuses a login from another origin, or with no Origin, and creates no session', async () => {
    const sessions = Number((await rows('select count(*) as n from partner_sessions'))[0].n);
    const { status, cookie } = await signIn('staff@coast.example.org', PASSWORD, { Origin: 'https://evil.example' });
    expect(status).toBe(403);
    expect(cookie).toBeUndefined();
    const bare = await fetch(`${server.url}/partner/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: 'staff@coast.example.org', password: PASSWORD }) });
    expect(bare.status).toBe(403);
    expect(Number((await rows('select count(*) as n from partner_sessions'))[0].n)).toBe(sessions);
  });

  it('locks an account after 5 failed logins, with the same answer as a wrong password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('staff@southeast.example.org', 'wrong password!!')).status).toBe(401);
    const locked = await signIn('staff@southeast.example.org');
    expect(locked.status).toBe(401);
    expect(locked.cookie).toBeUndefined();
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url };
    const unknown = await fetch(`${server.url}/partner/login`, { method: 'POST', headers: form, body: 'email=nobody%40example.org&password=whatever12345' });
    const lockedPage = await fetch(`${server.url}/partner/login`, { method: 'POST', headers: form, body: `email=staff%40southeast.example.org&password=${encodeURIComponent(PASSWORD)}` });
    const message = (html: string) => /role="alert"><p>([^<]+)</.exec(html)?.[1];
    expect(message(await lockedPage.text())).toBe(message(await unknown.text()));
  }, 30_000);

  it('logs no personal data', () => {
    expect(log).toContain('intake.created');
    for (const secret of ['Dara Secret', 'private words', '012 777 888', '+85512777888', '12777888', PASSWORD, 'staff@']) expect(log).not.toContain(secret);
  });
});
