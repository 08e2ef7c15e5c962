/**
 * "Be discreet when calling" left unanswered reaches the partner as not
 * stated (be careful), never as "no": in the JSON API, highlighted on the
 * request page, and in the webhook payload; on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite } from '../support/partnerSite';
import { webhookPayload } from '../../src/server/delivery/channels';

const targets = await dbTargets('it_discreet');

describe.each(targets.map((t) => [t.name, t] as const))('the discreet question on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cookie: string | undefined;
  const site = () => partnerSite(server, target);
  beforeAll(async () => {
    server = await startServer({ env: { ...target.env, RUN_WORKER: '0' } });
    await site().cli(['add-user', '--org', 'sample-coast', '--email', 'staff@coast.example.org']);
    cookie = (await site().signIn('staff@coast.example.org')).cookie;
  });
  afterAll(async () => { await server?.stop(); await target.cleanup(); });

  it.each([
    ['unanswered', undefined, null],
    ['answered no', false, false],
    ['answered yes', true, true],
  ])('%s reaches the partner as %s', async (_label, discreet, expected) => {
    const stored = await site().submit('KH-9', 'migration', discreet === undefined ? {} : { discreet });
    expect(stored.status).toBe(201);
    const detail = await (await site().api(cookie, `/partner/api/requests/${stored.reference}`)).json();
    expect(detail.discreet).toBe(expected);
    const page = await (await fetch(`${server.url}/partner/requests/${stored.reference}`, { headers: { Cookie: cookie! } })).text();
    if (expected === null) expect(page).toMatch(/class="not-stated"[^>]*><strong>[^<]*(be careful|ប្រុងប្រយ័ត្ន)/);
    else expect(page).not.toContain('not-stated');
    const [row] = await site().rows('select * from intake_requests where reference = $1', [stored.reference]);
    expect(webhookPayload({ ...row, under18: Number(row.under18), discreet: Number(row.discreet), discreet_stated: Number(row.discreet_stated) }).discreet).toBe(expected);
  });
});
