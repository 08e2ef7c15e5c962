/**
 * The JSON API: every route declared once, here. The dispatcher
 * (./dispatch.ts) matches them; pages (`/`, /partner/*) go to Astro, and
 * everything else is a static file.
 */
import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../context';
import type { PartnerSession } from '../partner/auth';
import type { PageRender, Reply } from './reply';
import { intakeRoute } from '../intake/api';
import { sessionLogRoute } from '../sessions/api';
import { helpFormRoute } from '../intake/form';
import { partnerRequestRoutes } from '../partner/api';

export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
  app: AppContext;
  clientAddress: string;
  /** Under /partner/: the signed-in staff member (the partner policy has checked it). */
  session?: PartnerSession;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Segments; `:name` matches one segment. A trailing slash is the same route. */
  pattern: string;
  /** JSON, or a page for Astro to render (the plain help form's answer). */
  handle(ctx: RouteContext): Promise<Reply | PageRender>;
}

export const ROUTES: Route[] = [
  { method: 'POST', pattern: '/api/intake', handle: intakeRoute },
  { method: 'POST', pattern: '/api/sessions', handle: sessionLogRoute },
  { method: 'POST', pattern: '/:lang/help', handle: helpFormRoute },
  ...partnerRequestRoutes,
];

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = (pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname).split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i]!.startsWith(':')) {
      if (!got[i]) return undefined;
      params[want[i]!.slice(1)] = got[i]!;
    } else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** The route for this method and path; `{ allowed }` when the path is known but not the method (405). */
export function matchRoute(method: string, pathname: string, routes: Route[] = ROUTES): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    if (route.method === method || (route.method === 'GET' && method === 'HEAD')) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}
