/**
 * Slow or greedy clients: a request's headers must arrive within 20 s and the
 * whole request within 30 s, and one address may hold at most 100 open
 * connections (many phones share one mobile-network address, so the cap is
 * wide). Behind a trusted reverse proxy every connection comes from the proxy:
 * the proxy limits per client instead (README "Deploying").
 */
import type { Server } from 'node:http';

export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 30_000;
export const MAX_CONNECTIONS_PER_ADDRESS = 100;

export function limitConnections(server: Server, { trustProxy, maxPerAddress = MAX_CONNECTIONS_PER_ADDRESS }: { trustProxy: boolean; maxPerAddress?: number }): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = 5000;
  if (trustProxy) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
