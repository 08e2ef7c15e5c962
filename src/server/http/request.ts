/** What the server believes about a request's origin: its address, whether it came over HTTPS, and whether a write comes from this site. */
import type { IncomingMessage } from 'node:http';

/** The connection's address; X-Forwarded-For only from a proxy we were told to trust. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded.length) return forwarded[forwarded.length - 1]!;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** HTTPS when the socket is TLS, or when a trusted proxy says so. */
export function cameOverHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return trustProxy && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() === 'https';
}

/**
 * Writes must come from this site: its configured address (SITE_URL) when set,
 * else the address the request was sent to. `required`: under /partner/ the
 * Origin header must be there (browsers send it on every POST); on the public
 * API a request without one (not a browser: curl, a partner's script) passes,
 * since CSRF needs a browser.
 */
export function originAllowed(req: IncomingMessage, { trustProxy, siteUrl, required }: { trustProxy: boolean; siteUrl?: string; required: boolean }): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  if (siteUrl && origin === new URL(siteUrl).origin) return true;
  return origin === `${cameOverHttps(req, trustProxy) ? 'https' : 'http'}://${req.headers.host}`;
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
