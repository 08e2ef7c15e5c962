/**
 * The partner side tried as an attacker would, on SQLite and PostgreSQL:
 * parallel password guessing against the lockout, oversized posts without a
 * session, races between referrals, sessions that outlive their limits,
 * cookies marked Secure only over HTTPS, and lookups of other partners'
 * requests left in the audit.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite, PARTNER_PASSWORD } from '../support/partnerSite';

const targets = await dbTargets('it_attack');
const form = (email: string, password: string) => new URLSearchParams({ email, password });

describe.each(targets.map((t) => [t.name, t] as const))('the partner side under attack on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const site = () => partnerSite(server, target);

  beforeAll(async () => {
    server = await startServer({ env: { ...target.env, RUN_WORKER: '0', SESSION_MAX_HOURS: '12', LOG_LEVEL: 'info' } });
    for (const [org, email] of [['sample-coast', 'guard@coast.example.org'], ['sample-coast', 'staff@coast.example.org'], ['sample-southeast-migration', 'staff@southeast.example.org'], ['sample-national', 'staff@national.example.org'], ['sample-northwest-migration', 'staff@border.example.org']]) {
      await site().cli(['add-user', '--org', org!, '--email', email!]);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await target.cleanup();
  });

  const signInAll = (attempts: { email: string; password: string }[]) => Promise.all(attempts.map(({ email, password }) =>
    fetch(`${server.url}/partner/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Connection: 'close' }, body: form(email, password) })
      .then((r) => ({ status: r.status, session: r.headers.getSetCookie().some((c) => c.startsWith('sj_partner=')) }))));

  it('locks an account after 5 failures whatever the concurrency: a burst of guesses, then the right password among guesses', async () => {
    const email = 'guard@coast.example.org';
    const wrong = (n: number) => Array.from({ length: n }, (_, i) => ({ email, password: `wrong guess number ${i}` }));
    const first = await signInAll(wrong(30));
    expect(first.every((r) => r.status === 401 && !r.session)).toBe(true);
    const [user] = await site().rows('select failed_count, locked_until from partner_users where email = $1', [email]);
    expect(Number(user.failed_count)).toBeGreaterThanOrEqual(5);
    expect(user.locked_until).toBeTruthy();
    const second = await signInAll([...wrong(29), { email, password: PARTNER_PASSWORD }]);
    expect(second.some((r) => r.session)).toBe(false);
    expect((await signInAll([{ email, password: PARTNER_PASSWORD }]))[0]).toEqual({ status: 401, session: false });
  });

  it('refuses a 200 MB form post to /partner/login without reading it (413), and stays up', async () => {
    const { hostname, port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, path: '/partner/login', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, 'Content-Length': String(200 * 1024 * 1024) } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.write('email=a&password=' + 'x'.repeat(64 * 1024)); // a first piece; the rest never needs to be sent
    });
    expect(status).toBe(413);
    expect((await fetch(`${server.url}/km/`)).status).toBe(200);
  });

  it('lets exactly one of four concurrent referrals of one request win; the others get 409 and leave no rows', async () => {
    const { cookie } = await site().signIn('staff@coast.example.org');
    const stored = await site().submit('KH-9'); // the coast network
    const [row] = await site().rows('select id from intake_requests where reference = $1', [stored.reference]);
    const targetsTo = ['sample-southeast-migration', 'sample-national', 'sample-northwest-migration', 'sample-child-protection'];
    const answers = await Promise.all(targetsTo.map((to) => site().api(cookie, `/partner/api/requests/${row.id}/status`, { method: 'POST', body: JSON.stringify({ status: 'referred', to, reason: 'closer to the family' }) })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 404)).toHaveLength(3);
    const [owner] = await site().rows('select partner_id from intake_requests where id = $1', [row.id]);
    expect(owner.partner_id).toBe(targetsTo[statuses.indexOf(200)]);
    expect(await site().rows('select to_org from referrals where reference = $1', [stored.reference])).toEqual([{ to_org: owner.partner_id }]);
    expect((await site().rows("select org_id from request_events where request_id = $1 and kind = 'referral'", [row.id])).map((e) => e.org_id)).toEqual([owner.partner_id]);
    for (const job of await site().rows('select partner_id from delivery_jobs where request_id = $1', [row.id])) expect(job.partner_id).toBe(owner.partner_id);
  });

  it('lets one of two concurrent status changes from the same state win; the other changes nothing', async () => {
    const { cookie } = await site().signIn('staff@southeast.example.org');
    const stored = await site().submit('KH-14');
    const answers = await Promise.all(['acknowledged', 'acknowledged'].map((status) => site().api(cookie, `/partner/api/requests/${stored.reference}/status`, { method: 'POST', body: JSON.stringify({ status }) })));
    // The loser either read the old state and lost the compare-and-set (409), or read the new one (422: not a valid change from it).
    const [won, lost] = answers.map((a) => a.status).sort();
    expect(won).toBe(200);
    expect([409, 422]).toContain(lost);
    const [row] = await site().rows('select id from intake_requests where reference = $1', [stored.reference]);
    expect(await site().rows("select value from request_events where request_id = $1 and kind = 'status'", [row.id])).toEqual([{ value: 'acknowledged' }]);
  });

  it('ends a session 12 hours after sign-in however busy it is, and on the server', async () => {
    const { cookie } = await site().signIn('staff@national.example.org');
    expect((await site().api(cookie, '/partner/api/requests')).status).toBe(200);
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000).toISOString();
    // Used a second ago, signed in 13 h ago.
    await site().rows("update partner_sessions set created_at = $1 where user_id in (select id from partner_users where email = 'staff@national.example.org')", [thirteenHoursAgo]);
    expect((await site().api(cookie, '/partner/api/requests')).status).toBe(401);
    expect(await site().rows('select id from partner_sessions where created_at = $1', [thirteenHoursAgo])).toEqual([]);
  });

  it('marks the cookie Secure exactly when the request came over HTTPS', async () => {
    const plain = await site().signIn('staff@border.example.org');
    expect(plain.setCookie).not.toMatch(/;\s*Secure/i);
    const claimed = await site().signIn('staff@border.example.org', PARTNER_PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(claimed.setCookie).not.toMatch(/;\s*Secure/i); // no TRUST_PROXY: the header is not believed
  });

  it('leaves a trace of a lookup of another partner\'s request, and still answers 404', async () => {
    const mine = await site().submit('KH-14'); // south-east's
    const { cookie } = await site().signIn('staff@border.example.org');
    expect((await site().api(cookie, `/partner/api/requests/${mine.reference}`)).status).toBe(404);
    const audit = await site().rows("select org_id, action, detail from audit_log where action = 'view:not_found'");
    expect(audit).toContainEqual({ org_id: 'sample-northwest-migration', action: 'view:not_found', detail: mine.reference });
  });

  it('answers a bad id in a request action with 404, never a 500', async () => {
    const { cookie } = await site().signIn('staff@border.example.org');
    for (const id of ['%E2%80%A8', 'x%0Ay', '%22%3E%3Cscript%3E', 'a'.repeat(300)]) {
      const response = await fetch(`${server.url}/partner/requests/${id}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie!, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'status=acknowledged' });
      expect(response.status, id).toBeLessThan(500);
      const followed = await fetch(`${server.url}/partner/requests/${id}`, { headers: { Cookie: cookie! } });
      expect([400, 404], id).toContain(followed.status); // 400: a control character in the path is refused before routing
    }
  });
});

describe('behind a trusted proxy', () => {
  it('marks the cookie Secure when the proxy says the request came over HTTPS', async () => {
    const server = await startServer({ env: { TRUST_PROXY: '1', RUN_WORKER: '0' } });
    try {
      const site = partnerSite(server, { name: 'sqlite', env: {}, cleanup: async () => {} });
      await site.cli(['add-user', '--org', 'sample-coast', '--email', 'proxy@coast.example.org']);
      const https = await site.signIn('proxy@coast.example.org', PARTNER_PASSWORD, { 'X-Forwarded-Proto': 'https', Origin: server.url.replace('http:', 'https:') });
      expect(https.setCookie).toMatch(/;\s*Secure/i);
    } finally {
      await server.stop();
    }
  });
});
