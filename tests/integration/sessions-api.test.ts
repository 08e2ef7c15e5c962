/** POST /api/sessions on SQLite and PostgreSQL: the intake's rules, and the counts on every partner's stats page. */
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { projectRoot } from '../support/content';
import { REFERENCE_PATTERN } from '../../src/domain/reference';

const targets = await dbTargets('it_sessions');
const record = (over: Record<string, unknown> = {}) => ({ id: randomUUID(), locale: 'en', deck: 'safe-migration', province: 'KH-14', date: '2026-11-20', people: 30, under18: 9, ...over });
const post = async (url: string, body: unknown, type = 'application/json') => {
  const r = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'Content-Type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
};

describe.each(targets.map((t) => [t.name, t] as const))('POST /api/sessions on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => { server = await startServer({ env: { ...target.env, RUN_WORKER: '0' } }); });
  afterAll(async () => { await server?.stop(); await target.cleanup(); });

  it('201 with a reference; 200 for a replay; 409 for other content under the same id', async () => {
    const entry = record();
    const first = await post(server.url, entry);
    expect(first.status).toBe(201);
    expect(first.json.reference).toMatch(REFERENCE_PATTERN);
    expect(await post(server.url, entry)).toEqual({ status: 200, json: first.json });
    expect((await post(server.url, { ...entry, people: 31 })).status).toBe(409);
  });

  it('422 with bilingual messages per field; 400, 413, 415', async () => {
    const bad = await post(server.url, record({ people: 0, under18: 5, province: 'KH-0' }));
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: any) => e.path)).toEqual(['province', 'people']);
    const more = await post(server.url, record({ people: 4, under18: 5 }));
    expect(more.json.errors.map((e: any) => e.path)).toEqual(['under18']);
    expect(bad.json.errors[0].message.km).toMatch(/[\u1780-\u17FF]/);
    expect((await post(server.url, '{')).status).toBe(400);
    expect((await post(server.url, JSON.stringify(record()), 'text/plain')).status).toBe(415);
    expect((await post(server.url, { ...record(), padding: 'x'.repeat(17_000) })).status).toBe(413);
  });

  it('shows counts per province and month on every partner\'s stats page', async () => {
    await post(server.url, record({ province: 'KH-9', date: '2026-10-03', people: 12, under18: 4 }));
    await promisify(execFile)(process.execPath, ['dist/server/partner-cli.mjs', 'add-user', '--org', 'sample-national', '--email', 'stats@national.example.org'], {
      cwd: projectRoot, env: { ...process.env, ...target.env, SQLITE_FILE: server.sqliteFile, PARTNER_PASSWORD: 'a long enough passphrase' },
    });
    const login = await fetch(`${server.url}/partner/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: 'lang=en' }, body: new URLSearchParams({ email: 'stats@national.example.org', password: 'a long enough passphrase' }) });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('sj_partner='))!.split(';')[0]!;
    const html = await (await fetch(`${server.url}/partner/stats`, { headers: { Cookie: `${cookie}; lang=en` } })).text();
    expect(html).toContain('Koh Kong');
    expect(html).toMatch(/2026-10<\/td><td>Koh Kong<\/td><td>1<\/td><td>12<\/td><td>4<\/td>/);
  });
});
