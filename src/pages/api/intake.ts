/** POST /api/intake: a request for contact (contract in src/server/intake/api.ts). */
import type { APIRoute } from 'astro';
import { handleIntake } from '../../server/intake/api';

export const prerender = false;

export const POST: APIRoute = ({ request, locals }) => handleIntake(request, locals.clientAddress, locals.services);

export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ error: 'use POST' }), { status: 405, headers: { Allow: 'POST', 'Content-Type': 'application/json' } });
