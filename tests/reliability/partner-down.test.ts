/**
 * A partner's system is down (errors, timeouts, slow answers) for a while, then
 * recovers: every delivery is accepted exactly once by the receiver (it counts
 * per Idempotency-Key, so a second delivery would show), the retry state is
 * visible meanwhile, and a worker killed in the middle of a delivery loses nothing.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer } from '../support/server.mjs';
import { postJson, validIntake, agentFrom } from '../support/load.mjs';
import { contentFixture, editFile, projectRoot } from '../support/content';
import { readRows } from './rows';

const sqlite = { name: 'sqlite' as const, env: {}, cleanup: async () => {} };
const closers: (() => unknown)[] = [];
afterAll(async () => { for (const close of closers.reverse()) await close(); });

/** A partner receiver whose behaviour the test switches: 'error' | 'timeout' | 'slow' | 'ok'. */
async function receiver() {
  /** `accepted`: how many times each Idempotency-Key was accepted (answered 200). */
  const state = { mode: 'error' as 'error' | 'timeout' | 'slow' | 'ok', total: 0, accepted: new Map<string, number>() };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.total += 1;
      const accept = () => {
        const key = String(req.headers['idempotency-key']);
        state.accepted.set(key, (state.accepted.get(key) ?? 0) + 1);
        res.writeHead(200).end('ok');
      };
      if (state.mode === 'error') res.writeHead(500).end('down');
      else if (state.mode === 'timeout') { /* never answers: the worker's timeout ends it */ }
      else if (state.mode === 'slow') setTimeout(accept, 300);
      else accept();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  closers.push(() => { server.closeAllConnections(); server.close(); });
  return { state, url: `http://127.0.0.1:${port}/hook` };
}

function partnerWithWebhook(url: string) {
  return contentFixture((dir) => editFile(join(dir, 'partners/sample-northwest-migration.yaml'), (t) => t.replace('https://cases.border.example.org/hooks/intake', url)));
}

describe('a partner down, then back', () => {
  it('delivers every request exactly once after errors, timeouts and slow answers', async () => {
    const hook = await receiver();
    const server = await startServer({ env: { CONTENT_DIR: partnerWithWebhook(hook.url), WEBHOOK_SECRET_SAMPLE_NORTHWEST: 's3cret', DELIVERY_BACKOFF_MS: '150', WEBHOOK_TIMEOUT_MS: '400' } });
    closers.push(() => server.stop());
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const body = { ...validIntake(i), province: 'KH-1', topic: 'migration' }; // all to the partner with the webhook
      ids.push(body.id);
      expect((await postJson(`${server.url}/api/intake`, body, { agent: agentFrom(i) })).status).toBe(201);
    }
    await new Promise((r) => setTimeout(r, 800));
    // Meanwhile the retry state is visible: attempts and the last error are kept.
    const failing = await readRows(sqlite, server.sqliteFile, "select attempts, last_error from delivery_jobs where channel = 'webhook' and status = 'pending' and attempts > 0");
    expect(failing.length).toBeGreaterThan(0);
    expect(String(failing[0]!.last_error)).toMatch(/webhook answered 500/);
    hook.state.mode = 'timeout';
    await new Promise((r) => setTimeout(r, 1200));
    hook.state.mode = 'slow';
    await new Promise((r) => setTimeout(r, 800));
    hook.state.mode = 'ok';
    await expect.poll(async () => (await readRows(sqlite, server.sqliteFile, "select count(*) as n from delivery_jobs where channel = 'webhook' and status = 'done'"))[0]!.n, { timeout: 60_000, interval: 500 }).toBe(30);
    // Every one was accepted, exactly once each, and nothing else.
    expect([...hook.state.accepted.keys()].sort()).toEqual([...ids].sort());
    expect([...hook.state.accepted.values()].every((n) => n === 1)).toBe(true);
    expect(hook.state.total).toBeGreaterThan(30); // after retries
  });

  it('a worker killed in the middle of a delivery does not lose the job', async () => {
    const hook = await receiver();
    hook.state.mode = 'slow';
    const content = partnerWithWebhook(hook.url);
    const env = { CONTENT_DIR: content, WEBHOOK_SECRET_SAMPLE_NORTHWEST: 's3cret', DELIVERY_BACKOFF_MS: '100', DELIVERY_LEASE_MS: '1000', RUN_WORKER: '0' };
    const server = await startServer({ env });
    closers.push(() => server.stop());
    const body = { ...validIntake(7), province: 'KH-1', topic: 'migration' };
    expect((await postJson(`${server.url}/api/intake`, body)).status).toBe(201);
    const startWorker = () => spawn(process.execPath, [`${process.env.TEST_DIST_DIR || 'dist'}/server/worker.mjs`], { cwd: projectRoot, env: { ...process.env, ...env, SQLITE_FILE: server.sqliteFile, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'ignore'] });
    const first = startWorker();
    // Killed once it has claimed the job, while the slow receiver has the request in hand.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker never claimed the job')), 10_000);
      first.stdout!.on('data', (chunk: Buffer) => {
        if (String(chunk).split('\n').some((line) => line.includes('"delivery.claimed"') && line.includes(body.id))) { clearTimeout(timer); resolve(); }
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await readRows(sqlite, server.sqliteFile, "select status, locked_by from delivery_jobs where channel = 'webhook'")).toEqual([expect.objectContaining({ status: 'pending' })]);
    const second = startWorker();
    closers.push(() => second.kill('SIGKILL'));
    await expect.poll(async () => (await readRows(sqlite, server.sqliteFile, "select count(*) as n from delivery_jobs where channel = 'webhook' and status = 'done'"))[0]!.n, { timeout: 20_000, interval: 300 }).toBe(1);
    // At least once: the receiver may have accepted the killed worker's delivery too; every delivery carries the same key.
    expect(hook.state.accepted.get(body.id)).toBeGreaterThanOrEqual(1);
    expect([...hook.state.accepted.keys()]).toEqual([body.id]);
  });
});
