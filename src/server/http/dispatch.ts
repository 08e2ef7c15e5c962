/**
 * The one HTTP entry. For every request: security headers; the path
 * normalised once (./path.ts) and every decision made on it; the partner
 * policy for every /partner URL however spelt; then the JSON API route table
 * (./routes.ts), Astro for the on-demand pages (`/` and /partner/*), or the
 * prerendered files. A handler that throws is logged with an error id and
 * answered 500 with that id.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { indexStaticFiles, sendStaticFile } from '../staticFiles';
import { DOCUMENT_ONLY_HEADERS, isSubresource, securityHeaders, type InlineHashes } from '../securityHeaders';
import { splitLocalePath } from '../../i18n/routes';
import { DEFAULT_LOCALE } from '../../domain/locales';
import type { AppContext } from '../context';
import { applyPartnerPolicy } from '../partner/policy';
import type { PartnerSession } from '../partner/auth';
import { log } from '../log';
import { isPartnerPath, normalisePath } from './path';
import { matchRoute, type Route } from './routes';
import { clientAddress, cameOverHttps, originAllowed } from './request';
import { reply, sendReply } from './reply';

export type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void, locals?: object) => void;

export interface AppOptions {
  clientDir: string;
  astroHandler: AstroHandler;
  inlineHashes: InlineHashes;
  app: AppContext;
}

const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(body);

/** Logs a thrown error with an id (never the URL or the body: they may hold personal data) and answers 500 with it. */
export function internalError(res: ServerResponse, route: string, error: unknown): void {
  const errorId = randomUUID();
  log('http.error', { error_id: errorId, route, error: (error as Error)?.name ?? 'Error' });
  if (!res.headersSent) sendReply(res, reply(500, { error: 'internal error', id: errorId }));
  else res.destroy();
}

export function createApp({ clientDir, astroHandler, inlineHashes, app }: AppOptions) {
  const files = indexStaticFiles(clientDir);
  const headers = securityHeaders(inlineHashes);
  const { TRUST_PROXY: trustProxy, SITE_URL: siteUrl } = app.config;

  const notFound = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    // The site's 404 page is cacheable; nothing under /partner is.
    if (isPartnerPath(pathname)) return void text(res, 404, 'Not found');
    const locale = splitLocalePath(pathname).locale ?? DEFAULT_LOCALE;
    const page = files.get(`/${locale}/404/index.html`);
    if (page) sendStaticFile(req, res, page, 404);
    else text(res, 404, 'Not found');
  };

  const astroLocals = (req: IncomingMessage, session: PartnerSession | undefined) =>
    ({ app, clientAddress: clientAddress(req, trustProxy), partner: session, https: cameOverHttps(req, trustProxy) });

  async function runRoute(req: IncomingMessage, res: ServerResponse, route: Route, params: Record<string, string>, session: PartnerSession | undefined) {
    const routeName = `${route.method} ${route.pattern}`;
    try {
      const answer = await route.handle({ req, params, app, clientAddress: clientAddress(req, trustProxy), session });
      if (!('page' in answer)) return sendReply(res, answer);
      // A page answer: Astro renders the on-demand page with what the route decided.
      req.url = answer.page;
      req.method = 'GET'; // the body has been read: Astro must not try to read it again
      res.setHeader('Cache-Control', 'no-store');
      astroHandler(req, res, (err?: unknown) => internalError(res, routeName, err ?? new Error('no page')), { ...astroLocals(req, session), ...answer.locals, status: answer.status });
    } catch (error) {
      internalError(res, routeName, error);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const path = normalisePath(req.url);
    if (!path.ok) return void text(res, 400, 'Bad request');
    const { pathname, search } = path;
    const method = req.method ?? 'GET';
    const match = matchRoute(method, pathname);

    let session: PartnerSession | undefined;
    if (isPartnerPath(pathname)) {
      const decision = await applyPartnerPolicy(req, res, pathname, app);
      if ('reply' in decision) return void sendReply(res, decision.reply);
      if ('redirect' in decision) return void res.writeHead(303, { Location: decision.redirect }).end();
      session = decision.session;
    } else if (pathname.startsWith('/api/') || match) {
      if (method !== 'GET' && method !== 'HEAD' && !originAllowed(req, { trustProxy, siteUrl, required: false })) {
        return void sendReply(res, reply(403, { error: 'cross-site request' }));
      }
    }

    const jsonApi = pathname.startsWith('/api/') || /^\/partner\/api(\/|$)/i.test(pathname);
    if (match && 'route' in match) return runRoute(req, res, match.route, match.params, session);
    // A known path with another method: 405 for the JSON API; a page (GET /km/help/) is served below.
    if (match && (jsonApi || (method !== 'GET' && method !== 'HEAD'))) return void sendReply(res, reply(405, { error: `use ${match.allowed.join(' or ')}` }, { Allow: match.allowed.join(', ') }));
    if (jsonApi) return void sendReply(res, reply(404, { error: 'not found' }));

    if (pathname === '/' || isPartnerPath(pathname)) {
      astroHandler(req, res, (err?: unknown) => (err ? internalError(res, 'astro', err) : notFound(req, res, pathname)), astroLocals(req, session));
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') return void text(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const file = files.get(pathname) ?? (pathname.endsWith('/') ? files.get(`${pathname}index.html`) : undefined);
    if (file) {
      if (isSubresource(pathname, file.type)) for (const name of DOCUMENT_ONLY_HEADERS) res.removeHeader(name);
      return sendStaticFile(req, res, file);
    }
    // /km/hotlines → /km/hotlines/ (the canonical address), keeping the query.
    if (!pathname.endsWith('/') && files.has(`${pathname}/index.html`)) return void res.writeHead(301, { Location: `${encodeURI(pathname)}/${search}` }).end();
    notFound(req, res, pathname);
  }

  return function dispatch(req: IncomingMessage, res: ServerResponse): void {
    handle(req, res).catch((error) => internalError(res, 'dispatch', error));
  };
}
