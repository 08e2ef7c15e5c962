/** POST /partner/api/requests/<id>/status { status, note?, outcome?, to?, reason? } */
import type { APIRoute } from 'astro';
import { changeStatus } from '../../../../../server/partner/requests';
import { parseAction } from '../../../../../server/partner/actions';

export const prerender = false;
export const POST: APIRoute = async ({ locals, params, request }) => {
  const session = locals.partner!;
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const action = body && typeof body === 'object' ? parseAction(body) : { kind: 'invalid' as const };
  if (action.kind !== 'status') return Response.json({ error: 'give a valid status' }, { status: 422 });
  const result = await changeStatus(locals.services.store, { orgId: session.orgId, userId: session.userId }, params.id ?? '', action.change,
    locals.services);
  if (!result.ok) return result.reason === 'not_found' ? Response.json({ error: 'not found' }, { status: 404 }) : Response.json({ error: result.message }, { status: 422 });
  return Response.json({ status: result.status });
};
