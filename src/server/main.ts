/**
 * `npm start`: serves the built site (dist/) with Node on HOST:PORT, with the
 * database (migrated at start) and the delivery worker (unless RUN_WORKER=0).
 * Bundled by scripts/postbuild.mjs to dist/server/main.mjs, beside Astro's entry.mjs.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type AstroHandler } from './app';
import { readServerConfig } from './config';
import type { InlineHashes } from './securityHeaders';
import { openDatabase } from './db/connect';
import { loadDirectory } from './directory';
import { createRateLimiter, rateLimitFromEnv } from './rateLimit';
import { channelConfigFromEnv } from './delivery/channels';
import { startDeliveryWorker } from './delivery/worker';
import type { Services } from './services';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const clientDir = fileURLToPath(new URL('../client/', import.meta.url));

const config = readServerConfig();
const inlineHashes = JSON.parse(readFileSync(`${serverDir}/inline-hashes.json`, 'utf8')) as InlineHashes;
const [entry, store] = await Promise.all([
  // Astro's own server code, built by `astro build` (adapter in middleware mode).
  import(new URL('./entry.mjs', import.meta.url).href) as Promise<{ handler: AstroHandler }>,
  openDatabase(),
]);
const directory = loadDirectory();
const channels = channelConfigFromEnv();
const services: Services = { store, directory, channels, intakeLimiter: createRateLimiter(rateLimitFromEnv()) };
if (process.env.RUN_WORKER !== '0') services.worker = startDeliveryWorker({ store, directory, channels });

const app = createApp({ clientDir, astroHandler: entry.handler, inlineHashes, services, trustProxy: config.trustProxy });
const server = createServer(app);
server.keepAliveTimeout = 5000;
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Always printed (even with LOG_LEVEL=silent): tools wait for this line.
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'server.listening', host: config.host, port, database: store.dialect, partners: directory.partners.length })}\n`);
});

async function stop() {
  server.close();
  await services.worker?.stop();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
