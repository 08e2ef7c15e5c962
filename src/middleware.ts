/**
 * /partner/*: find the staff member's session from the cookie. Pages without
 * one go to the login; the JSON API answers 401. Everything else passes.
 */
import { defineMiddleware } from 'astro:middleware';
import { readSession, SESSION_COOKIE } from './server/partner/auth';

const OPEN = new Set(['/partner/login', '/partner/login/']);

export const onRequest = defineMiddleware(async (context, next) => {
  const path = context.url.pathname;
  if (!path.startsWith('/partner') || context.isPrerendered) return next();
  const { services } = context.locals;
  context.locals.partner = await readSession(services.store, context.cookies.get(SESSION_COOKIE)?.value);
  if (!context.locals.partner && !OPEN.has(path)) {
    if (path.startsWith('/partner/api/')) {
      return new Response(JSON.stringify({ error: 'sign in first' }), { status: 401, headers: { 'Content-Type': 'application/json' } });
    }
    return context.redirect('/partner/login', 303);
  }
  return next();
});
