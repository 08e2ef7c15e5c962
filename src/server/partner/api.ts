/**
 * The partner JSON API (routes declared in ../http/routes.ts; the session is
 * checked by ./policy.ts before any of these runs):
 *   GET  /partner/api/requests                 this organisation's requests
 *   GET  /partner/api/requests/<id or reference>   404 for another organisation's, as if it did not exist
 *   POST /partner/api/requests/<id>/status { status, note?, outcome?, to?, reason? }
 */
import type { Route, RouteContext } from '../http/routes';
import { readBody } from '../http/body';
import { reply } from '../http/reply';
import { changeStatus, getRequest, listRequests, type Actor } from './requests';
import { parseAction } from './actions';

function actorOf({ session }: RouteContext): Actor {
  if (!session) throw new Error('partner route without a session'); // the policy makes this unreachable
  return { orgId: session.orgId, userId: session.userId };
}

export const partnerRequestRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/partner/api/requests',
    async handle(ctx) {
      const rows = await listRequests(ctx.app.store, actorOf(ctx));
      return reply(200, { requests: rows.map((r) => ({ ...r, under18: r.under18 === 1 })) });
    },
  },
  {
    method: 'GET',
    pattern: '/partner/api/requests/:id',
    async handle(ctx) {
      const found = await getRequest(ctx.app.store, actorOf(ctx), ctx.params.id!);
      if (!found) return reply(404, { error: 'not found' });
      const { request: r, events } = found;
      return reply(200, {
        id: r.id, reference: r.reference, status: r.status, outcome: r.outcome ?? null, topic: r.topic, province: r.province,
        under18: r.under18 === 1, phone: r.phone, name: r.name, callTime: r.call_time, discreet: r.discreet_stated ? r.discreet === 1 : null, message: r.message,
        createdAt: r.created_at, routedAt: r.routed_at, events,
      });
    },
  },
  {
    method: 'POST',
    pattern: '/partner/api/requests/:id/status',
    async handle(ctx) {
      const actor = actorOf(ctx);
      const text = await readBody(ctx.req);
      if (text === undefined) return reply(413, { error: 'the body is too large' });
      let body: unknown;
      try { body = JSON.parse(text); } catch { return reply(400, { error: 'malformed JSON' }); }
      const action = body && typeof body === 'object' ? parseAction(body as Record<string, unknown>) : { kind: 'invalid' as const };
      if (action.kind !== 'status') return reply(422, { error: 'give a valid status' });
      const result = await changeStatus(ctx.app.store, actor, ctx.params.id!, action.change, ctx.app);
      if (!result.ok) {
        if (result.reason === 'not_found') return reply(404, { error: 'not found' });
        if (result.reason === 'conflict') return reply(409, { error: 'the request was changed by someone else first; reload it' });
        return reply(422, { error: result.message });
      }
      return reply(200, { status: result.status });
    },
  },
];
