/** Counts for /partner/stats, made by the database (GROUP BY): nothing personal, nothing per request. */
import { sql } from 'kysely';
import type { Db } from '../db/connect';

const month = (column: 'created_at' | 'date') => sql<string>`substr(${sql.ref(column)}, 1, 7)`;

/** A partner's requests by month, topic and outcome: the anonymous counts kept after purges, plus the requests still held. */
export async function statsOf(store: Db, orgId: string) {
  const kept = await store.db.selectFrom('stats_counts')
    .select(['month', 'topic', 'outcome', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('partner_id', '=', orgId).groupBy(['month', 'topic', 'outcome']).execute();
  const outcome = sql<string>`coalesce(outcome, status)`;
  const live = await store.db.selectFrom('intake_requests')
    .select([month('created_at').as('month'), 'topic', outcome.as('outcome'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('partner_id', '=', orgId).groupBy([month('created_at'), 'topic', outcome]).execute();
  const counts = new Map<string, { month: string; topic: string; outcome: string; n: number }>();
  for (const r of [...kept, ...live]) {
    const key = `${r.month}|${r.topic}|${r.outcome}`;
    const entry = counts.get(key) ?? { month: r.month, topic: r.topic, outcome: r.outcome, n: 0 };
    entry.n += Number(r.n);
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.month.localeCompare(a.month) || a.topic.localeCompare(b.topic));
}

/** Volunteers' sessions per province and month (every partner sees these). */
export async function sessionCounts(store: Db) {
  const rows = await store.db.selectFrom('session_logs')
    .select([month('date').as('month'), 'province', (eb) => eb.fn.countAll<number>().as('sessions'), (eb) => eb.fn.sum<number>('people').as('people'), (eb) => eb.fn.sum<number>('under18').as('under18')])
    .groupBy([month('date'), 'province'])
    .orderBy('month', 'desc').orderBy('province')
    .execute();
  return rows.map((r) => ({ month: r.month, province: r.province, sessions: Number(r.sessions), people: Number(r.people), under18: Number(r.under18) }));
}
