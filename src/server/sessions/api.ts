/**
 * POST /api/sessions: a volunteer's session record, with the intake's rules:
 * 201 { reference }, the same id and content again 200, other content 409,
 * 422 with bilingual errors, 400/413/415/429, never a 5xx for client input.
 */
import { canonicalSessionLog, validateSessionLog, type SessionLog } from '../../domain/sessionLog';
import { uiResources } from '../../i18n/strings';
import { handleJsonPost, type Validation } from '../http/jsonPost';
import { reply } from '../http/reply';
import type { RouteContext } from '../http/routes';
import type { Db } from '../db/connect';
import { contentHash, createWithReference } from '../db/createWithReference';
import { log } from '../log';

function validate(body: unknown): Validation<SessionLog> {
  const result = validateSessionLog(body);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map(({ path }) => ({ path, message: { km: uiResources.km.present.recordErrors[path], en: uiResources.en.present.recordErrors[path] } })) };
}

async function store(entry: SessionLog, store: Db) {
  const hash = contentHash(canonicalSessionLog(entry));
  const stored = await createWithReference(hash, {
    find: () => store.db.selectFrom('session_logs').select(['reference', 'content_hash']).where('id', '=', entry.id).executeTakeFirst(),
    insert: async (reference) => {
      await store.db.insertInto('session_logs').values({ ...entry, reference, content_hash: hash, created_at: new Date().toISOString() }).execute();
      return {};
    },
  });
  if (stored.outcome === 'conflict') return reply(409, { error: 'this id was already used for a different record' });
  if (stored.outcome === 'created') log('session.created', { id: entry.id, reference: stored.reference, status: 201 });
  return reply(stored.outcome === 'created' ? 201 : 200, { reference: stored.reference });
}

export const sessionLogRoute = (ctx: RouteContext) => handleJsonPost(ctx, { name: 'session', validate, store: (value) => store(value, ctx.app.store) });
