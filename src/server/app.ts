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

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

export interface AppOptions {
  clientDir: string;
  astroHandler: AstroHandler;
  inlineHashes: InlineHashes;
}

const ON_DEMAND = /^\/($|api\/|partner(\/|$))/;

export function createApp({ clientDir, astroHandler, inlineHashes }: AppOptions) {
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
      astroHandler(req, res, () => notFound(req, res, pathname));
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
