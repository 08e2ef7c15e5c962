/**
 * The HTTP request handler: security headers on everything, the prerendered
 * site from dist/client, and the few on-demand routes (`/`, /api/*, /partner/*)
 * handed to Astro. Anything else gets the 404 page in the URL's language.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { indexStaticFiles, sendStaticFile } from './staticFiles';
import { securityHeaders, type InlineHashes } from './securityHeaders';
import { splitLocalePath } from '../i18n/routes';
import { DEFAULT_LOCALE } from '../domain/locales';
import type { Services } from './services';

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void, locals?: object) => void;

export interface AppOptions {
  clientDir: string;
  astroHandler: AstroHandler;
  inlineHashes: InlineHashes;
  services?: Services;
  trustProxy?: boolean;
}

/** The connection's address; X-Forwarded-For only from a proxy we were told to trust. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded.length) return forwarded[forwarded.length - 1]!;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Writes must come from this site. Under /partner/ the Origin header is
 * required (browsers send it on every POST); on the public API a request with
 * no Origin (not a browser: a phone's retry from the service worker sends one,
 * curl does not) is let through, since CSRF needs a browser.
 */
export function originAllowed(req: IncomingMessage, trustProxy: boolean, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  const proto = trustProxy && req.headers['x-forwarded-proto'] ? String(req.headers['x-forwarded-proto']).split(',')[0]!.trim() : (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return origin === `${proto}://${req.headers.host}`;
}

const ON_DEMAND = /^\/($|api\/|partner(\/|$))/;

export function createApp({ clientDir, astroHandler, inlineHashes, services, trustProxy = false }: AppOptions) {
  const files = indexStaticFiles(clientDir);
  const headers = securityHeaders(inlineHashes);

  const notFound = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const locale = splitLocalePath(pathname).locale ?? DEFAULT_LOCALE;
    const page = files.get(`/${locale}/404/index.html`);
    if (page) sendStaticFile(req, res, page, 404);
    else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  };

  return function handle(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    let pathname: string;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
      if (pathname.includes('\0') || pathname.split('/').includes('..')) throw new Error('bad path');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }

    if (ON_DEMAND.test(pathname)) {
      // Children's details must not be left in a browser cache.
      if (pathname.startsWith('/partner')) res.setHeader('Cache-Control', 'no-store');
      if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET') && !originAllowed(req, trustProxy, pathname.startsWith('/partner'))) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden: cross-site request');
        return;
      }
      astroHandler(req, res, () => notFound(req, res, pathname), { services, clientAddress: clientAddress(req, trustProxy) });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }

    const file = files.get(pathname) ?? (pathname.endsWith('/') ? files.get(`${pathname}index.html`) : undefined);
    if (file) {
      sendStaticFile(req, res, file);
      return;
    }
    // /km/hotlines → /km/hotlines/ (the canonical address), keeping the query.
    if (!pathname.endsWith('/') && files.has(`${pathname}/index.html`)) {
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
      res.writeHead(301, { Location: `${encodeURI(pathname)}/${query}` }).end();
      return;
    }
    notFound(req, res, pathname);
  };
}
