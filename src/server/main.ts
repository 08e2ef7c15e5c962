/**
 * `npm start`: serves the built site (dist/) with Node on HOST:PORT.
 * Bundled by scripts/postbuild.mjs to dist/server/main.mjs, beside Astro's entry.mjs.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type AstroHandler } from './app';
import { readServerConfig } from './config';
import type { InlineHashes } from './securityHeaders';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const clientDir = fileURLToPath(new URL('../client/', import.meta.url));

const config = readServerConfig();
const inlineHashes = JSON.parse(readFileSync(`${serverDir}/inline-hashes.json`, 'utf8')) as InlineHashes;
// Astro's own server code, built by `astro build` (adapter in middleware mode).
const entry = (await import(new URL('./entry.mjs', import.meta.url).href)) as { handler: AstroHandler };

const app = createApp({ clientDir, astroHandler: entry.handler, inlineHashes });
const server = createServer(app);
server.keepAliveTimeout = 5000;
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(JSON.stringify({ event: 'server.listening', host: config.host, port }));
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
