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
import { Readable } from 'node:stream';
import { handleIntake } from './intake/api';
import { handleSessionLog } from './sessions/api';

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

const JSON_API: Record<string, (request: Request, clientAddress: string, services: Services) => Promise<Response>> = {
  '/api/intake': handleIntake,
  '/api/sessions': handleSessionLog,
};

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(`http://localhost${req.url ?? '/'}`, { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
}

async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader('Content-Length', body.length);
  res.writeHead(response.status).end(body);
}

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

    // The public write paths skip Astro's page pipeline: they are plain JSON handlers, and
    // the hottest path of the server (see bench/README.md). Same handlers as src/pages/api/*.
    const api = req.method === 'POST' && services ? JSON_API[pathname] : undefined;
    if (api && services) {
      if (!originAllowed(req, trustProxy, false)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden: cross-site request');
        return;
      }
      void api(toWebRequest(req), clientAddress(req, trustProxy), services)
        .then((response) => sendWebResponse(res, response))
        .catch(() => { if (!res.headersSent) res.writeHead(503, { 'Retry-After': '5' }).end(); });
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
