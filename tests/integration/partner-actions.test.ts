/**
 * What partner staff do to a request, and how their access ends, against the
 * built server on SQLite and PostgreSQL: a referral goes only to another real
 * partner and moves the request between inboxes at once; a call recorded from
 * the request page leaves an event, an audit row and a line in the history;
 * an idle session, a disabled account and a reset password all end sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite, PARTNER_PASSWORD } from '../support/partnerSite';
import { tokenHash } from '../../src/server/partner/auth';

const targets = await dbTargets('it_partner_actions');

const COAST = 'sample-coast';
const SOUTHEAST = 'sample-southeast-migration';
const IDLE_MINUTES = 1;

describe.each(targets.map((t) => [t.name, t] as const))('partner actions on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const site = () => partnerSite(server, target);
  const rows = (sql: string, params?: unknown[]) => site().rows(sql, params);
  const count = async (sql: string, params?: unknown[]) => Number((await rows(sql, params))[0].n);
  const api = (cookie: string | undefined, path: string, init?: RequestInit) => site().api(cookie, path, init);
  const refer = (cookie: string | undefined, id: string, to: string) =>
    api(cookie, `/partner/api/requests/${id}/status`, { method: 'POST', body: JSON.stringify({ status: 'referred', to, reason: 'closer to the family' }) });
  const inbox = async (cookie: string | undefined) => {
    const response = await api(cookie, '/partner/api/requests');
    expect(response.status).toBe(200);
    return ((await response.json()) as { requests: { id: string; reference: string; status: string }[] }).requests;
  };
  const signedIn = async (email: string, password?: string) => {
    const { status, cookie } = await site().signIn(email, password);
    expect(status).toBe(303);
    return cookie!;
  };
  /** A request for contact from Koh Kong (routed to the coast network), with its id. */
  const coastRequest = async () => {
    const { status, reference, partner } = await site().submit('KH-9');
    expect([status, partner.id]).toEqual([201, COAST]);
    const [{ id }] = await rows('select id from intake_requests where reference = $1', [reference]);
    return { id: id as string, reference };
  };
  const sessionsOf = (email: string) => count('select count(*) as n from partner_sessions where user_id in (select id from partner_users where email = $1)', [email]);

  beforeAll(async () => {
    // No worker: the inbox is the table, so nothing here waits for a delivery.
    server = await startServer({ env: { ...target.env, RUN_WORKER: '0', SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });
    await site().cli(['add-user', '--org', COAST, '--email', 'staff@coast.example.org']);
    await site().cli(['add-user', '--org', SOUTHEAST, '--email', 'staff@southeast.example.org']);
  });
  afterAll(async () => {
    await server?.stop();
    await target.cleanup();
  });

  describe('referral', () => {
    it('refuses a referral to an unknown partner or to its own organisation, and changes nothing', async () => {
      const coast = await signedIn('staff@coast.example.org');
      const request = await coastRequest();
      const state = async () => ({
        row: (await rows('select partner_id, status, tried_partners from intake_requests where id = $1', [request.id]))[0],
        referrals: await count('select count(*) as n from referrals where reference = $1', [request.reference]),
        events: await count('select count(*) as n from request_events where request_id = $1', [request.id]),
        statusAudits: await count("select count(*) as n from audit_log where request_id = $1 and action like 'status:%'", [request.id]),
      });
      const before = await state();
      expect(before.row).toMatchObject({ partner_id: COAST, status: 'new' });

      for (const to of ['no-such-partner', COAST]) {
        const response = await refer(coast, request.id, to);
        expect(response.status, `referral to ${to}`).toBe(422);
      }
      expect(await state()).toEqual(before);
      expect((await inbox(coast)).map((r) => r.id)).toContain(request.id);
    });

    it('moves a request referred to another partner into that partner\'s inbox at once, and out of this one', async () => {
      const coast = await signedIn('staff@coast.example.org');
      const southeast = await signedIn('staff@southeast.example.org');
      const request = await coastRequest();
      expect((await inbox(southeast)).map((r) => r.id)).not.toContain(request.id);

      const response = await refer(coast, request.id, SOUTHEAST);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'referred' });

      expect((await inbox(coast)).map((r) => r.id)).not.toContain(request.id);
      expect((await inbox(southeast)).find((r) => r.id === request.id)).toMatchObject({ reference: request.reference, status: 'new' });
      // The first partner keeps only the fact it referred it: the request itself is as if it did not exist.
      for (const key of [request.id, request.reference]) expect((await api(coast, `/partner/api/requests/${key}`)).status).toBe(404);
      expect((await api(southeast, `/partner/api/requests/${request.id}`)).status).toBe(200);
      expect(await rows('select from_org, to_org from referrals where reference = $1', [request.reference])).toEqual([{ from_org: COAST, to_org: SOUTHEAST }]);
    });
  });

  describe('call records from the request page', () => {
    const postForm = (cookie: string, id: string, fields: Record<string, string>) =>
      fetch(`${server.url}/partner/requests/${id}`, {
        method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: cookie },
        body: new URLSearchParams(fields),
      });
    const calls = (id: string) => rows("select value, note, org_id from request_events where request_id = $1 and kind = 'call'", [id]);
    const callAudits = (id: string) => rows("select action, org_id from audit_log where request_id = $1 and action like 'call:%'", [id]);

    it('records a call: a request event, an audit row, and a line in the page\'s history', async () => {
      const coast = await signedIn('staff@coast.example.org');
      const request = await coastRequest();
      const response = await postForm(coast, request.id, { action: 'call', call: 'no_answer', note: 'rang twice' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/partner/requests/${request.id}`);

      expect(await calls(request.id)).toEqual([{ value: 'no_answer', note: 'rang twice', org_id: COAST }]);
      expect(await callAudits(request.id)).toEqual([{ action: 'call:no_answer', org_id: COAST }]);

      const page = await fetch(`${server.url}/partner/requests/${request.id}`, { headers: { Cookie: `${coast}; lang=en` } });
      expect(page.status).toBe(200);
      const history = /<ol class="history"[^>]*>([\s\S]*?)<\/ol>/.exec(await page.text())?.[1] ?? '';
      // The line says what happened, who recorded it (by e-mail, never an id) and the note.
      expect(history.replace(/<[^>]+>/g, '')).toMatch(/Call attempt: No answer · [^\s]+@[^\s]+ — rang twice/);
    });

    it('refuses a call result it does not know, and records nothing', async () => {
      const coast = await signedIn('staff@coast.example.org');
      const request = await coastRequest();
      const response = await postForm(coast, request.id, { action: 'call', call: 'hung_up', note: 'should not be kept' });
      // The page again with the problem shown, not the redirect of a recorded call.
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/role="alert"/);
      expect(await calls(request.id)).toEqual([]);
      expect(await callAudits(request.id)).toEqual([]);
    });
  });

  describe('the end of a session', () => {
    const lastSeen = (cookie: string, at: Date) =>
      rows('update partner_sessions set last_seen_at = $1 where id = $2', [at.toISOString(), tokenHash(cookie.slice(cookie.indexOf('=') + 1))]);
    const sessionRows = (cookie: string) => count('select count(*) as n from partner_sessions where id = $1', [tokenHash(cookie.slice(cookie.indexOf('=') + 1))]);

    it('ends a session idle longer than SESSION_IDLE_MINUTES: the next call is 401 and its row is gone', async () => {
      const idle = await signedIn('staff@coast.example.org');
      const recent = await signedIn('staff@coast.example.org');
      expect((await api(idle, '/partner/api/requests')).status).toBe(200);
      expect(await sessionRows(idle)).toBe(1);

      await lastSeen(idle, new Date(Date.now() - (IDLE_MINUTES * 60 + 60) * 1000));
      // Used within the idle time: still alive (the limit is minutes, not any age at all).
      await lastSeen(recent, new Date(Date.now() - (IDLE_MINUTES * 60 - 20) * 1000));

      expect((await api(idle, '/partner/api/requests')).status).toBe(401);
      expect(await sessionRows(idle)).toBe(0);
      expect((await api(recent, '/partner/api/requests')).status).toBe(200);
    });

    it('disable-user ends the user\'s live sessions at once, and the user cannot sign in again', async () => {
      const email = 'leaving@coast.example.org';
      await site().cli(['add-user', '--org', COAST, '--email', email]);
      const phone = await signedIn(email);
      const laptop = await signedIn(email);
      const colleague = await signedIn('staff@coast.example.org');
      for (const cookie of [phone, laptop]) expect((await api(cookie, '/partner/api/requests')).status).toBe(200);

      const { stdout } = await site().cli(['disable-user', '--email', email]);
      expect(stdout).toContain(`disabled ${email}`);

      expect(await sessionsOf(email)).toBe(0);
      for (const cookie of [phone, laptop]) expect((await api(cookie, '/partner/api/requests')).status).toBe(401);
      const again = await site().signIn(email);
      expect(again.status).toBe(401);
      expect(again.cookie).toBeUndefined();
      expect(await sessionsOf(email)).toBe(0);
      // Only that user's sessions end.
      expect((await api(colleague, '/partner/api/requests')).status).toBe(200);
    });

    it('refuses the session of a disabled account even while its session row is still there', async () => {
      // Disabled by another tool or by hand, with no session deleted: the account's flag alone must end access.
      const email = 'flagged@coast.example.org';
      await site().cli(['add-user', '--org', COAST, '--email', email]);
      const cookie = await signedIn(email);
      expect((await api(cookie, '/partner/api/requests')).status).toBe(200);
      await rows('update partner_users set disabled = 1 where email = $1', [email]);
      expect((await api(cookie, '/partner/api/requests')).status).toBe(401);
    });

    it('reset-password ends the user\'s sessions; the new password works and the old one does not', async () => {
      const email = 'reset@coast.example.org';
      const newPassword = 'a different long passphrase';
      await site().cli(['add-user', '--org', COAST, '--email', email]);
      const old = await signedIn(email);
      expect((await api(old, '/partner/api/requests')).status).toBe(200);

      await site().cli(['reset-password', '--email', email], newPassword);

      expect((await api(old, '/partner/api/requests')).status).toBe(401);
      expect(await sessionsOf(email)).toBe(0);
      expect((await site().signIn(email, PARTNER_PASSWORD)).status).toBe(401);
      const fresh = await signedIn(email, newPassword);
      expect((await api(fresh, '/partner/api/requests')).status).toBe(200);
    });
  });
});
