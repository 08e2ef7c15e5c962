/** GET /partner/api/requests: this organisation's requests only (401 without a session, from the middleware). */
import type { APIRoute } from 'astro';
import { listRequests } from '../../../../server/partner/requests';

export const prerender = false;
export const GET: APIRoute = async ({ locals }) => {
  const session = locals.partner!;
  const rows = await listRequests(locals.services.store, { orgId: session.orgId, userId: session.userId });
  return Response.json({ requests: rows.map((r) => ({ ...r, under18: r.under18 === 1 })) });
};
