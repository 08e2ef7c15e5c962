/**
 * Astro's side of the on-demand pages (`/`, /partner/*). The dispatcher
 * (src/server/http/dispatch.ts) has already applied the partner policy and
 * put the session in `locals`; this only fails closed when a partner page is
 * reached without it (e.g. under `astro dev`), and logs a page that throws
 * with an error id, answered 500.
 */
import { defineMiddleware } from 'astro:middleware';
import { randomUUID } from 'node:crypto';
import { log } from './server/log';

export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  if (context.url.pathname.toLowerCase().startsWith('/partner') && !context.locals.app) {
    return new Response('The partner pages run only behind the site\'s server: npm run build && npm start', { status: 404 });
  }
  try {
    return await next();
  } catch (error) {
    const errorId = randomUUID();
    log('http.error', { error_id: errorId, route: context.routePattern, error: (error as Error)?.name ?? 'Error' });
    return new Response(JSON.stringify({ error: 'internal error', id: errorId }), { status: 500, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
});
