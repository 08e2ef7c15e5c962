/**
 * Crash under load: while clients send requests, the server is killed with
 * SIGKILL three times and restarted. Every request that got a 201 is in the
 * database with the same reference (a replay gives 200), none twice — on
 * SQLite and on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startServer } from '../support/server.mjs';
import { agentFrom, postJson, validIntake } from '../support/load.mjs';
import { dbTargets } from '../support/databases';
import { readRows } from './rows';

const targets = await dbTargets('rel_crash');
const KILLS = 3;

describe.each(targets.map((t) => [t.name, t] as const))('crash under load on %s', (_, target) => {
  it('loses no acknowledged request through three SIGKILLs', async () => {
    const port = await freePort();
    const sqliteFile = join(mkdtempSync(join(tmpdir(), 'sj-crash-')), 'db.sqlite');
    const env = { ...target.env, SQLITE_FILE: sqliteFile, INTAKE_RATE_PER_MINUTE: '1000000', INTAKE_RATE_BURST: '1000000' };
    let server = await startServer({ port, env });
    const acknowledged = new Map<string, string>();
    const sent: Record<string, unknown>[] = [];
    let running = true;
    let n = 0;
    let dropped = 0; // requests that met a killed or restarting server: proof the kills came under load
    let restarts = 0;
    let acknowledgedAfterLastRestart = 0;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      const agent = agentFrom(c);
      while (running) {
        const body = validIntake(n++);
        sent.push(body);
        const r = await postJson(`http://127.0.0.1:${port}/api/intake`, body, { agent, timeoutMs: 3000 });
        if (r.status === 201) {
          acknowledged.set(body.id as string, JSON.parse(r.body!).reference);
          if (restarts === KILLS) acknowledgedAfterLastRestart += 1;
        }
        if (r.error) { dropped += 1; await new Promise((res) => setTimeout(res, 20)); } // down: try the next one shortly
      }
      agent.destroy();
    });
    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((r) => setTimeout(r, 700));
      server.process.kill('SIGKILL');
      await new Promise((r) => server.process.once('exit', r));
      server = await startServer({ port, env });
      restarts += 1;
    }
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(clients);

    expect(acknowledged.size).toBeGreaterThan(50);
    expect(dropped, 'no request was cut off: the kills did not happen under load').toBeGreaterThan(0);
    expect(acknowledgedAfterLastRestart, 'the restarted server took requests again').toBeGreaterThan(0);
    const rows = await readRows(target, sqliteFile, 'select id, reference from intake_requests');
    const stored = new Map(rows.map((r) => [r.id as string, r.reference as string]));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length); // none twice
    for (const [id, reference] of acknowledged) expect(stored.get(id), id).toBe(reference);
    // A replay of an acknowledged request answers 200 with the same reference.
    const [someId] = acknowledged.keys();
    const replay = await postJson(`http://127.0.0.1:${port}/api/intake`, sent.find((b) => b.id === someId));
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body!).reference).toBe(acknowledged.get(someId!));
    await server.stop();
    await target.cleanup();
  });
});
