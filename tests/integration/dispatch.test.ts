/**
 * The one HTTP entry, on SQLite and PostgreSQL: a request answered 201 is in
 * its partner's inbox at once with no worker running; every spelling of a
 * partner URL is refused or closed, never data and never a 500, even with a
 * valid session; a handler that throws is logged with an error id and answered
 * 500 with it; the partner policy (Origin, body limit, no-store) holds on every
 * partner URL; the JSON API answers 404/405 as JSON.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite } from '../support/partnerSite';

const targets = await dbTargets('it_dispatch');

/** A request with the path exactly as written (fetch would normalise it). */
function raw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(targets.map((t) => [t.name, t] as const))('the dispatcher on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cookie: string | undefined;
  let stored: { status: number; reference: string; partner: { id: string } };
  const site = () => partnerSite(server, target);

  beforeAll(async () => {
    server = await startServer({ env: { ...target.env, RUN_WORKER: '0', LOG_LEVEL: 'info' } });
    await site().cli(['add-user', '--org', 'sample-coast', '--email', 'staff@coast.example.org']);
    cookie = (await site().signIn('staff@coast.example.org')).cookie;
    stored = await site().submit('KH-9');
  });
  afterAll(async () => {
    await server?.stop();
    await target.cleanup();
  });

  it('puts a request answered 201 in its partner\'s inbox at once, with no worker running', async () => {
    expect(stored.status).toBe(201);
    expect(stored.partner.id).toBe('sample-coast');
    const response = await site().api(cookie, '/partner/api/requests');
    expect(response.status).toBe(200);
    const { requests } = (await response.json()) as { requests: { reference: string }[] };
    expect(requests.map((r) => r.reference)).toContain(stored.reference);
    // Nothing is queued for the inbox: only what leaves the server is a delivery job.
    expect(await site().rows('select channel from delivery_jobs')).toEqual([]);
  });

  it.each([
    '//partner/api/requests', '/\\partner/', '/%2fpartner/api/requests', '/%2Fpartner/api/requests', '/partner//api/requests',
    '/partner/api/requests/..%2f..%2f', '/partner/api/%2e%2e/api/requests', '/%5cpartner/api/requests', '/partner/api/requests%00',
    '/PARTNER/api/requests', '/Partner/api/requests/', '/partner/API/requests', '/partner/./api/requests',
  ])('%s: never data and never a 5xx, signed in or not', async (path) => {
    for (const headers of [{}, { Cookie: cookie! }] as Record<string, string>[]) {
      const response = await raw(server.url, path, headers);
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
      expect([400, 401, 404]).toContain(response.status);
      expect(response.body).not.toContain(stored.reference);
    }
  });

  it('keeps partner pages and answers out of every cache, on every partner URL', async () => {
    for (const path of ['/partner/login', '/partner/', '/partner/api/requests', '/PARTNER/x']) {
      expect((await raw(server.url, path, { Cookie: cookie! })).headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses partner writes from another origin, without one, or over 16 KB before reading them', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await raw(server.url, '/partner/login', { ...form, Origin: 'https://evil.example' }, 'POST', 'email=a&password=b')).status).toBe(403);
    expect((await raw(server.url, '/partner/login', form, 'POST', 'email=a&password=b')).status).toBe(403);
    const big = `email=a&password=${'x'.repeat(20_000)}`;
    expect((await raw(server.url, '/partner/login', { ...form, Origin: server.url }, 'POST', big)).status).toBe(413);
    expect((await raw(server.url, '/partner/login', { ...form, Origin: server.url, 'Transfer-Encoding': 'chunked' }, 'POST', 'email=a')).status).toBe(411);
  });

  it('answers the JSON API\'s unknown paths and methods in JSON', async () => {
    const get = await raw(server.url, '/api/intake');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(JSON.parse(get.body)).toEqual({ error: 'use POST' });
    const unknown = await raw(server.url, '/api/nothing-here', {}, 'POST', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ error: 'not found' });
    // The same route with a trailing slash is the same route (one implementation).
    const slash = await raw(server.url, '/api/intake/', { 'Content-Type': 'application/json' }, 'POST', '{');
    expect(slash.status).toBe(400);
  });

  it('logs a handler that throws with an error id, no personal data, and answers 500 with that id', async () => {
    // A broken database (a table gone) is the fault; the client did nothing wrong.
    await site().rows('drop table audit_log');
    const response = await site().api(cookie, '/partner/api/requests');
    expect(response.status).toBe(500);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 100));
    const line = server.events.find((e: { event: string; error_id?: string }) => e.event === 'http.error' && e.error_id === id);
    expect(line).toMatchObject({ route: 'GET /partner/api/requests' });
    expect(JSON.stringify(server.events)).not.toMatch(/Dara Secret|private words|777 888/);
  });
});
