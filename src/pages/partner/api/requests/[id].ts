/** GET /partner/api/requests/<id or reference>: 404 when it belongs to another organisation, exactly as if it did not exist. */
import type { APIRoute } from 'astro';
import { getRequest } from '../../../../server/partner/requests';

export const prerender = false;
export const GET: APIRoute = async ({ locals, params }) => {
  const session = locals.partner!;
  const found = await getRequest(locals.services.store, { orgId: session.orgId, userId: session.userId }, params.id ?? '');
  if (!found) return Response.json({ error: 'not found' }, { status: 404 });
  const { request: r, events } = found;
  return Response.json({
    id: r.id, reference: r.reference, status: r.status, outcome: r.outcome ?? null, topic: r.topic, province: r.province,
    under18: r.under18 === 1, phone: r.phone, name: r.name, callTime: r.call_time, discreet: r.discreet === 1, message: r.message,
    createdAt: r.created_at, events,
  });
};
