// Starts the built site (dist/server/main.mjs) on a free port for a test or benchmark.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `outDir`: another build (default TEST_DIST_DIR, else dist/). `events` holds the server's JSON log lines.
 * @param {{ env?: Record<string, string>, port?: number, outDir?: string }} [options]
 */
export async function startServer({ env = {}, port, outDir = process.env.TEST_DIST_DIR || `${root}dist` } = {}) {
  const entry = `${outDir}/server/main.mjs`;
  if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first');
  const usePort = port ?? (await freePort());
  // Each server gets its own SQLite file unless told otherwise: tests never touch data/.
  const sqliteFile = env.SQLITE_FILE ?? join(mkdtempSync(join(tmpdir(), 'sj-db-')), 'test.sqlite');
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(usePort), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SQLITE_FILE: sqliteFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Every JSON log line the server printed (tests that count what the server saw set LOG_LEVEL=info).
  const events = [];
  let partial = '';
  child.stdout.on('data', (chunk) => {
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) { try { events.push(JSON.parse(line)); } catch { /* not a log line */ } }
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 15 s:\n${output}`)), 15000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('"server.listening"')) { clearTimeout(timer); resolve(); }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url: `http://127.0.0.1:${usePort}`, port: usePort, stop, process: child, sqliteFile, events };
}
