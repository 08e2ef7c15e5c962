/**
 * `npm start`: serves the built site (dist/) with Node on HOST:PORT through
 * the one dispatcher (./http/dispatch.ts), with the database (migrated at
 * start) and the scheduler (delivery, escalation, purge) unless RUN_WORKER=0.
 * Bundled by scripts/postbuild.mjs to dist/server/main.mjs, beside Astro's entry.mjs.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type AstroHandler } from './http/dispatch';
import { limitConnections } from './http/connections';
import type { InlineHashes } from './securityHeaders';
import { createLimits } from './rateLimit';
import { startScheduler } from './scheduler';
import { LOCK_WINDOW_MS } from './partner/auth';
import { startUp } from './start';
import type { AppContext } from './context';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const clientDir = fileURLToPath(new URL('../client/', import.meta.url));

const inlineHashes = JSON.parse(readFileSync(`${serverDir}/inline-hashes.json`, 'utf8')) as InlineHashes;
const [entry, { config, store, directory }] = await Promise.all([
  // Astro's own server code, built by `astro build` (adapter in middleware mode).
  import(new URL('./entry.mjs', import.meta.url).href) as Promise<{ handler: AstroHandler }>,
  startUp(),
]);
const scheduler = config.RUN_WORKER ? startScheduler({ store, directory, config }) : undefined;
const app: AppContext = {
  config, store, directory, scheduler,
  limits: createLimits(store, { perMinute: config.INTAKE_RATE_PER_MINUTE, burst: config.INTAKE_RATE_BURST }, LOCK_WINDOW_MS),
};

const server = createServer(createApp({ clientDir, astroHandler: entry.handler, inlineHashes, app }));
limitConnections(server, { trustProxy: config.TRUST_PROXY });
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  // Always printed (even with LOG_LEVEL=silent): tools wait for this line.
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'server.listening', host: config.HOST, port, database: store.dialect, partners: directory.partners.length })}\n`);
});

async function stop() {
  server.close();
  await scheduler?.stop();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
