/**
 * POST /api/intake from outside the process, against the built server, on
 * SQLite and on PostgreSQL: every status code of the contract, idempotency,
 * concurrent posts, e-mail through a real SMTP server, and signed webhooks
 * retried after a failure.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, freePort } from '../support/server.mjs';
import { dbTargets, PG_URL, type DbTarget } from '../support/databases';
import { contentFixture, editFile } from '../support/content';
import { REFERENCE_PATTERN } from '../../src/domain/reference';

const targets = await dbTargets('it_intake');

const body = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(), locale: 'en', topic: 'migration', province: 'KH-1', under18: false, phone: '012 345 678', consent: true, ...over,
});

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/intake`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, json, headers: response.headers };
}

/** Rows of a table in the server's database, whichever it is. */
async function query(target: DbTarget, server: { sqliteFile: string }, sql: string, params: unknown[] = []): Promise<any[]> {
  if (target.name === 'sqlite') {
    const db = new Database(server.sqliteFile, { readonly: true });
    try { return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params); } finally { db.close(); }
  }
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${target.env.DATABASE_SCHEMA}`);
    return (await client.query(sql, params)).rows;
  } finally { await client.end(); }
}

/** A partner system: fails the first `failures` deliveries, then accepts; checks signatures. */
function webhookReceiver(secret: string, failures: number) {
  const received: { key: string; valid: boolean; body: any }[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      calls += 1;
      if (calls <= failures) { res.writeHead(503, { 'Retry-After': '0' }).end('busy'); return; }
      const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      received.push({ key: String(req.headers['idempotency-key']), valid: req.headers['x-signature'] === expected, body: JSON.parse(raw) });
      res.writeHead(200).end('ok');
    });
  });
  return { server, received, calls: () => calls };
}

describe.each(targets.map((t) => [t.name, t] as const))('POST /api/intake on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let smtp: SMTPServer;
  const mails: { to: string; text: string }[] = [];
  let hook: ReturnType<typeof webhookReceiver>;
  let hookServer: ReturnType<typeof createServer>;
  const secret = 'test-secret-' + randomUUID();

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (c) => { text += c; });
        stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text }); callback(); });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    hook = webhookReceiver(secret, 2);
    hookServer = hook.server;
    const hookPort = await freePort();
    await new Promise<void>((resolve) => hookServer.listen(hookPort, '127.0.0.1', resolve));
    const content = contentFixture((dir) => editFile(join(dir, 'partners/sample-northwest-migration.yaml'), (t) => t.replace('https://cases.border.example.org/hooks/intake', `http://127.0.0.1:${hookPort}/hook`)));

    server = await startServer({
      env: {
        ...target.env,
        CONTENT_DIR: content,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
        WEBHOOK_SECRET_SAMPLE_NORTHWEST: secret,
        DELIVERY_BACKOFF_MS: '100',
        INTAKE_RATE_PER_MINUTE: '100000',
        INTAKE_RATE_BURST: '100000',
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    smtp?.close();
    hookServer?.close();
    await target.cleanup();
  });

  it('201: stores the request and answers with a reference and the partner in the request\'s language', async () => {
    const request = body({ locale: 'km', province: 'KH-14' });
    const response = await post(server.url, request);
    expect(response.status).toBe(201);
    expect(response.json.reference).toMatch(REFERENCE_PATTERN);
    expect(response.json.partner).toEqual({ id: 'sample-southeast-migration', name: 'ការិយាល័យចំណាកស្រុកសុវត្ថិភាព ភាគអាគ្នេយ៍ (គំរូ)' });
    const rows = await query(target, server, 'select reference, phone, partner_id from intake_requests where id = $1', [request.id]);
    expect(rows).toEqual([{ reference: response.json.reference, phone: '+85512345678', partner_id: 'sample-southeast-migration' }]);
  });

  it('200 with the same reference for the same id and content (after normalising); 409 for other content', async () => {
    const request = body();
    const first = await post(server.url, request);
    const again = await post(server.url, { ...request, phone: '+855 12 345 678' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const other = await post(server.url, { ...request, phone: '097 123 4567' });
    expect(other.status).toBe(409);
  });

  it('422 with one bilingual message per field, and nothing stored', async () => {
    const request = body({ phone: '123', consent: false, province: 'KH-99' });
    const response = await post(server.url, request);
    expect(response.status).toBe(422);
    expect(response.json.errors.map((e: any) => e.path)).toEqual(['province', 'phone', 'consent']);
    for (const e of response.json.errors) {
      expect(e.message.en).toBeTruthy();
      expect(e.message.km).toMatch(/[\u1780-\u17FF]/);
    }
    expect(await query(target, server, 'select id from intake_requests where id = $1', [request.id])).toEqual([]);
  });

  it('400 for malformed JSON, 415 for another content type, 413 over 16 KB', async () => {
    expect((await post(server.url, '{"id": ')).status).toBe(400);
    expect((await post(server.url, JSON.stringify(body()), { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(server.url, body({ message: 'x'.repeat(17_000) }))).status).toBe(413);
  });

  it('20 concurrent posts of one id make exactly one row', async () => {
    const request = body();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(server.url, request)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(responses.map((r) => r.json.reference)).size).toBe(1);
    expect(await query(target, server, 'select count(*) as n from intake_requests where id = $1', [request.id])).toEqual([{ n: target.name === 'sqlite' ? 1 : '1' }]);
    expect((await query(target, server, 'select channel from delivery_jobs where request_id = $1 order by channel', [request.id])).map((r) => r.channel)).toEqual(['email', 'webhook']);
  });

  it('notifies by e-mail (no personal data) and by signed webhook, retried after failures', async () => {
    const request = body({ name: 'Sokha', message: 'please call after 6', phone: '012 999 888' });
    const { json } = await post(server.url, request);
    await expect.poll(async () => (await query(target, server, "select channel, status from delivery_jobs where request_id = $1 and status = 'done'", [request.id])).length, { timeout: 20_000 }).toBe(2);

    const mail = mails.find((m) => m.text.includes(json.reference));
    expect(mail?.to).toBe('cases@border.example.org');
    expect(mail?.text).not.toMatch(/Sokha|012 999 888|12999888|please call/);

    const deliveries = hook.received.filter((r) => r.key === request.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.valid).toBe(true);
    expect(deliveries[0]!.body).toMatchObject({ reference: json.reference, phone: '+85512999888', name: 'Sokha' });
    expect(hook.calls()).toBeGreaterThanOrEqual(3); // two failures, then accepted
  });

  it('refuses a post from another site (Origin) with 403', async () => {
    expect((await post(server.url, body(), { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(server.url, body(), { Origin: server.url })).status).toBe(201);
  });
});

describe('flooding', () => {
  it('429 with Retry-After for one client over the limit', async () => {
    const server = await startServer({ env: { INTAKE_RATE_PER_MINUTE: '6', INTAKE_RATE_BURST: '3', RUN_WORKER: '0' } });
    try {
      const statuses = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const r = await post(server.url, body());
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await server.stop();
    }
  });
});
