import type { APIRoute } from 'astro';
import { logout, SESSION_COOKIE } from '../../server/partner/auth';

export const prerender = false;
export const POST: APIRoute = async ({ cookies, locals, redirect }) => {
  await logout(locals.app.store, cookies.get(SESSION_COOKIE)?.value);
  cookies.delete(SESSION_COOKIE, { path: '/partner' });
  return redirect('/partner/login', 303);
};
