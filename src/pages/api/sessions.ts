/** POST /api/sessions: a volunteer's session record (src/server/sessions/api.ts). */
import type { APIRoute } from 'astro';
import { handleSessionLog } from '../../server/sessions/api';

export const prerender = false;
export const POST: APIRoute = ({ request, locals }) => handleSessionLog(request, locals.clientAddress, locals.services);
export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ error: 'use POST' }), { status: 405, headers: { Allow: 'POST', 'Content-Type': 'application/json' } });
