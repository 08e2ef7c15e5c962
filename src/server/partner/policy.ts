/**
 * The partner side's HTTP policy, in one place, applied by the dispatcher to
 * every URL under /partner however it is spelt or cased (it fails closed):
 * never cached; a write must carry the site's own Origin and declare a body of
 * at most 16 KB (read by nobody before this check); and a live session,
 * except for the sign-in page and its language switch. Without one, the JSON
 * API answers 401 and pages go to the sign-in page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context';
import { readSession, SESSION_COOKIE, type PartnerSession } from './auth';
import { cookieValue, originAllowed } from '../http/request';
import { MAX_BODY_BYTES } from '../http/body';
import { reply, type Reply } from '../http/reply';

const OPEN = /^\/partner\/(login|lang\/[a-z]{2})\/?$/;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type PolicyDecision = { reply: Reply } | { redirect: string } | { session?: PartnerSession };

export async function applyPartnerPolicy(req: IncomingMessage, res: ServerResponse, pathname: string, app: AppContext): Promise<PolicyDecision> {
  // Children's details must not be left in a browser or proxy cache.
  res.setHeader('Cache-Control', 'no-store');
  if (!READS.has(req.method ?? 'GET')) {
    if (!originAllowed(req, { trustProxy: app.config.TRUST_PROXY, siteUrl: app.config.SITE_URL, required: true })) return { reply: reply(403, { error: 'cross-site request' }) };
    const length = req.headers['content-length'];
    if (length === undefined && req.headers['transfer-encoding']) return { reply: reply(411, { error: 'send Content-Length' }) };
    if (Number(length ?? 0) > MAX_BODY_BYTES) return { reply: reply(413, { error: `the body is over ${MAX_BODY_BYTES} bytes` }) };
  }
  const session = await readSession(app.store, cookieValue(req, SESSION_COOKIE), app.config);
  if (session || OPEN.test(pathname)) return { session };
  if (/^\/partner\/api(\/|$)/i.test(pathname)) return { reply: reply(401, { error: 'sign in first' }) };
  return { redirect: '/partner/login' };
}
