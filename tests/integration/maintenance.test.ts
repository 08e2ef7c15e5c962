/**
 * Escalation and the retention purge, on SQLite and PostgreSQL, with a clock
 * the test moves (the worker runs the same functions with the real time).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/connect';
import { loadDirectory } from '../../src/server/directory';
import { storeIntake } from '../../src/server/intake/store';
import { escalateOverdue, purgeExpired, type MaintenanceConfig } from '../../src/server/partner/maintenance';
import { changeStatus } from '../../src/server/partner/requests';
import { channelConfigFromEnv } from '../../src/server/delivery/channels';
import { validateIntake, type IntakeRequest } from '../../src/domain/intake';
import { choosePartner } from '../../src/domain/routing';
import { dbTargets } from '../support/databases';
import { projectRoot } from '../support/content';

const targets = await dbTargets('it_maint');
const directory = loadDirectory(join(projectRoot, 'content'));
const channels = channelConfigFromEnv({});
const config: MaintenanceConfig = { escalateAfterHours: 24, retentionDays: 90, maxAgeDays: 365 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(targets.map((t) => [t.name, t] as const))('maintenance on %s', (_, target) => {
  let store: Db;
  const t0 = new Date('2026-01-10T08:00:00.000Z');

  beforeAll(async () => {
    store = await openDatabase(target.name === 'postgres'
      ? { databaseUrl: target.env.DATABASE_URL, schema: target.env.DATABASE_SCHEMA }
      : { sqliteFile: join(mkdtempSync(join(tmpdir(), 'sj-maint-')), 'db.sqlite') });
  });
  afterAll(async () => {
    await store?.close();
    await target.cleanup();
  });

  async function stored(province: string, at: Date, topic = 'migration'): Promise<{ request: IntakeRequest; partner: string }> {
    const checked = validateIntake({ id: randomUUID(), locale: 'en', topic, province, under18: false, phone: '012 345 678', consent: true, name: 'Secret Name' });
    if (!checked.ok) throw new Error('invalid');
    const partner = choosePartner(checked.value, directory).id;
    await storeIntake(store, checked.value, partner, ['inbox'], at);
    await store.db.updateTable('intake_requests').set({ inbox_at: at.toISOString() }).where('id', '=', checked.value.id).execute();
    return { request: checked.value, partner };
  }
  const row = (id: string) => store.db.selectFrom('intake_requests').selectAll().where('id', '=', id).executeTakeFirst();

  it('moves a request nobody acknowledged in time to the next suitable partner, and tells both', async () => {
    const { request, partner } = await stored('KH-9', t0); // Koh Kong: the coast network first
    expect(partner).toBe('sample-coast');
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 23 * HOUR))).toBe(0);
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 25 * HOUR))).toBe(1);
    const moved = await row(request.id);
    expect(moved?.partner_id).not.toBe('sample-coast');
    expect(JSON.parse(moved!.tried_partners!)).toEqual(['sample-coast']);
    expect(moved?.status).toBe('new');
    const audits = await store.db.selectFrom('audit_log').select(['org_id', 'action']).where('request_id', '=', request.id).execute();
    expect(audits).toEqual(expect.arrayContaining([{ org_id: 'sample-coast', action: 'escalated:away' }, { org_id: moved!.partner_id, action: 'escalated:in' }]));
    const jobs = await store.db.selectFrom('delivery_jobs').select(['partner_id', 'channel', 'status']).where('request_id', '=', request.id).execute();
    expect(jobs).toContainEqual({ partner_id: moved!.partner_id, channel: 'inbox', status: 'pending' });
    expect((await store.db.selectFrom('referrals').selectAll().where('reference', '=', moved!.reference).execute())[0]).toMatchObject({ from_org: 'sample-coast', to_org: moved!.partner_id });

    // Delivered to the new inbox and still not acknowledged a day later: on again, never back to a partner already tried.
    await store.db.updateTable('intake_requests').set({ inbox_at: new Date(t0.getTime() + 26 * HOUR).toISOString() }).where('id', '=', request.id).execute();
    await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 51 * HOUR));
    const again = await row(request.id);
    expect(JSON.parse(again!.tried_partners!)).toEqual(['sample-coast', moved!.partner_id]);
    expect(['sample-coast', moved!.partner_id]).not.toContain(again!.partner_id);
  });

  it('leaves acknowledged requests where they are', async () => {
    const { request, partner } = await stored('KH-14', t0);
    await changeStatus(store, { orgId: partner, userId: null }, request.id, { status: 'acknowledged' }, { directory, channels });
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 100 * HOUR))).toBe(0);
    expect((await row(request.id))?.partner_id).toBe(partner);
  });

  it('purges closed requests after the retention period and any request after the maximum age, keeping counts', async () => {
    const closed = await stored('KH-1', t0);
    await changeStatus(store, { orgId: closed.partner, userId: null }, closed.request.id, { status: 'closed', outcome: 'helped' }, { directory, channels });
    await store.db.updateTable('intake_requests').set({ updated_at: t0.toISOString() }).where('id', '=', closed.request.id).execute();
    const open = await stored('KH-2', t0);
    const ancient = await stored('KH-3', new Date(t0.getTime() - 400 * DAY));

    const soon = new Date(t0.getTime() + 30 * DAY);
    expect(await purgeExpired(store, config, soon)).toBe(1); // only the one older than a year
    expect(await row(ancient.request.id)).toBeUndefined();

    const later = new Date(t0.getTime() + 91 * DAY);
    expect(await purgeExpired(store, config, later)).toBeGreaterThanOrEqual(1);
    expect(await row(closed.request.id)).toBeUndefined();
    expect(await row(open.request.id)).toBeDefined(); // still open: kept until the maximum age
    expect(await store.db.selectFrom('request_events').select('id').where('request_id', '=', closed.request.id).execute()).toEqual([]);
    const counts = await store.db.selectFrom('stats_counts').selectAll().where('partner_id', '=', closed.partner).where('outcome', '=', 'helped').execute();
    expect(counts.map((c) => ({ ...c, n: Number(c.n) }))).toEqual([{ month: '2026-01', province: 'KH-1', topic: 'migration', partner_id: closed.partner, outcome: 'helped', n: 1 }]);
    // Nothing is left of the purged requests but the count.
    for (const id of [closed.request.id, ancient.request.id]) {
      expect(await store.db.selectFrom('delivery_jobs').select('id').where('request_id', '=', id).execute()).toEqual([]);
      expect(await store.db.selectFrom('request_events').select('id').where('request_id', '=', id).execute()).toEqual([]);
    }
  });
});
