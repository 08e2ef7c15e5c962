/**
 * POST /api/sessions: a volunteer's session record, with the intake's rules:
 * 201 { reference }, the same id and content again 200, other content 409,
 * 422 with bilingual errors, 400/413/415/429, never a 5xx for client input.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../services';
import { canonicalSessionLog, validateSessionLog, type SessionLog } from '../../domain/sessionLog';
import { makeReference } from '../../domain/reference';
import { uiResources } from '../../i18n/strings';
import { handleJsonPost, json, type Validation } from '../api/jsonPost';
import { isUniqueViolation } from '../intake/store';
import { log } from '../log';

function validate(body: unknown): Validation<SessionLog> {
  const result = validateSessionLog(body);
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map(({ path }) => ({ path, message: { km: uiResources.km.present.recordErrors[path], en: uiResources.en.present.recordErrors[path] } })) };
}

async function store(entry: SessionLog, { store: db }: Services): Promise<Response> {
  const hash = createHash('sha256').update(canonicalSessionLog(entry)).digest('base64url');
  const existing = async () => {
    const row = await db.db.selectFrom('session_logs').select(['reference', 'content_hash']).where('id', '=', entry.id).executeTakeFirst();
    if (!row) return undefined;
    return row.content_hash === hash ? json(200, { reference: row.reference }) : json(409, { error: 'this id was already used for a different record' });
  };
  const before = await existing();
  if (before) return before;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const reference = makeReference(randomBytes(8));
    try {
      await db.db.insertInto('session_logs').values({ ...entry, reference, content_hash: hash, created_at: new Date().toISOString() }).execute();
      log('session.created', { id: entry.id, reference, status: 201 });
      return json(201, { reference });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await existing();
      if (raced) return raced;
    }
  }
  throw new Error('could not allocate a unique reference');
}

export function handleSessionLog(request: Request, clientAddress: string, services: Services): Promise<Response> {
  return handleJsonPost(request, clientAddress, services.intakeLimiter, { name: 'session', validate, store: (value) => store(value, services) });
}

/** Sessions per province and month, for every partner's stats page. */
export async function sessionCounts({ store: db }: Services) {
  const rows = await db.db.selectFrom('session_logs').select(['province', 'date', 'people', 'under18']).execute();
  const counts = new Map<string, { month: string; province: string; sessions: number; people: number; under18: number }>();
  for (const r of rows) {
    const key = `${r.date.slice(0, 7)}|${r.province}`;
    const c = counts.get(key) ?? { month: r.date.slice(0, 7), province: r.province, sessions: 0, people: 0, under18: 0 };
    c.sessions += 1; c.people += Number(r.people); c.under18 += Number(r.under18);
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => b.month.localeCompare(a.month) || a.province.localeCompare(b.province));
}
