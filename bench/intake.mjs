#!/usr/bin/env node
// npm run bench:intake — POST /api/intake under load, against the production build
// with SQLite and, in the same run, a bare node:http baseline (same zod schema,
// better-sqlite3 with the same durability); then ours on PostgreSQL. Sustained
// load (requests/s, p50/p95/p99) and a fixed 100 requests/s (p99). Loopback only,
// bounded in time. The intake rate limit is raised by environment for the load
// (INTAKE_RATE_PER_MINUTE / INTAKE_RATE_BURST), and clients come from many
// loopback addresses. Writes bench/results/intake.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { startServer, freePort } from '../tests/support/server.mjs';
import { fixedRate, sustained } from '../tests/support/load.mjs';

const root = new URL('..', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
if (!process.argv.includes('--no-build') && spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const raised = { INTAKE_RATE_PER_MINUTE: '100000000', INTAKE_RATE_BURST: '100000000', LOG_LEVEL: 'silent' };
async function measure(label, url) {
  await sustained(url, { connections: 4, seconds: 1 }); // warm up
  const load = await sustained(url, { connections: CONNECTIONS, seconds: SECONDS });
  const steady = await fixedRate(url, { rate: 100, seconds: SECONDS });
  console.log(`${label.padEnd(22)} ${String(load.rps).padStart(8)} req/s  p50 ${load.p50} ms  p95 ${load.p95} ms  p99 ${load.p99} ms  | at 100/s: p99 ${steady.p99} ms  ${JSON.stringify(load.byStatus)}`);
  return { sustained: load, at100: steady };
}

const results = {};
// Ours, SQLite.
{
  const server = await startServer({ env: raised });
  results.oursSqlite = await measure('ours (SQLite)', `${server.url}/api/intake`);
  await server.stop();
}
// An earlier build, measured in the same run (BENCH_BEFORE_DIST=/path/to/its/dist): before/after on one noisy machine.
if (process.env.BENCH_BEFORE_DIST) {
  const server = await startServer({ env: raised, outDir: process.env.BENCH_BEFORE_DIST });
  results.beforeSqlite = await measure('before (SQLite)', `${server.url}/api/intake`);
  await server.stop();
}
// Baseline, SQLite.
{
  mkdirSync(`${root}.tmp`, { recursive: true });
  await build({ entryPoints: [`${root}src/domain/intake.ts`], outfile: `${root}.tmp/intake-baseline.mjs`, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const port = await freePort();
  const child = spawn(process.execPath, [`${root}bench/baseline-server.mjs`], { env: { ...process.env, PORT: String(port), SQLITE_FILE: join(mkdtempSync(join(os.tmpdir(), 'sj-base-')), 'b.sqlite'), INTAKE_MODULE: `${root}.tmp/intake-baseline.mjs` }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.on('data', (c) => { if (String(c).includes('listening')) resolve(); }));
  results.baselineSqlite = await measure('baseline (SQLite)', `http://127.0.0.1:${port}/`);
  child.kill();
}
// Ours, PostgreSQL (when it answers).
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: pgUrl });
try {
  await client.connect();
  const schema = `bench_${process.pid}`;
  const server = await startServer({ env: { ...raised, DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema } });
  results.oursPostgres = await measure('ours (PostgreSQL)', `${server.url}/api/intake`);
  await server.stop();
  await client.query(`drop schema if exists ${schema} cascade`);
} catch (error) {
  console.log(`PostgreSQL skipped: ${error.message}`);
} finally {
  await client.end().catch(() => {});
}

const ratio = results.oursSqlite.sustained.rps / results.baselineSqlite.sustained.rps;
console.log(`\nratio ours/baseline (SQLite, sustained req/s): ${ratio.toFixed(2)}  (target ≥ 0.6)`);
if (results.beforeSqlite) console.log(`ratio before/baseline (SQLite, sustained req/s): ${(results.beforeSqlite.sustained.rps / results.baselineSqlite.sustained.rps).toFixed(2)}`);
console.log(`p99 at 100 req/s on SQLite: ${results.oursSqlite.at100.p99} ms  (target ≤ 25 ms)`);
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/intake.json`, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, seconds: SECONDS, connections: CONNECTIONS, raisedLimits: raised, results, ratio: Number(ratio.toFixed(3)) }, null, 2));
console.log('written to bench/results/intake.json');
