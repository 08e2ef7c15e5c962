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
import { loadDirectory } from '../../src/data/directory';
import { storeIntake } from '../../src/server/intake/store';
import { escalateOverdue, purgeExpired, type MaintenanceConfig } from '../../src/server/partner/maintenance';
import { changeStatus, listRequests } from '../../src/server/partner/requests';
import { readConfig } from '../../src/config';
import { validateIntake, type IntakeRequest } from '../../src/domain/intake';
import { choosePartner } from '../../src/domain/routing';
import { dbTargets } from '../support/databases';
import { projectRoot } from '../support/content';

const targets = await dbTargets('it_maint');
const directory = loadDirectory(join(projectRoot, 'content'));
// E-mail configured (never sent here): moved requests get a fresh e-mail job for their new partner.
const channels = readConfig({ SMTP_URL: 'smtp://127.0.0.1:9' });
const config: MaintenanceConfig = { escalateAfterHours: 24, retentionDays: 90, maxAgeDays: 365 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(targets.map((t) => [t.name, t] as const))('maintenance on %s', (_, target) => {
  let store: Db;
  const t0 = new Date('2026-01-10T08:00:00.000Z');

  beforeAll(async () => {
    store = await openDatabase(target.name === 'postgres'
      ? { databaseUrl: target.env.DATABASE_URL, schema: target.env.DATABASE_SCHEMA, sqliteFile: 'unused' }
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
    await storeIntake(store, checked.value, partner, [], at);
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
    expect(jobs).toEqual([{ partner_id: moved!.partner_id, channel: 'email', status: 'pending' }]);
    // In the new partner's inbox at once (the inbox is the table), gone from the old one's; the clock starts again.
    expect((await listRequests(store, { orgId: moved!.partner_id, userId: null })).map((r) => r.id)).toContain(request.id);
    expect((await listRequests(store, { orgId: 'sample-coast', userId: null })).map((r) => r.id)).not.toContain(request.id);
    expect(moved!.routed_at).toBe(new Date(t0.getTime() + 25 * HOUR).toISOString());
    expect((await store.db.selectFrom('referrals').selectAll().where('reference', '=', moved!.reference).execute())[0]).toMatchObject({ from_org: 'sample-coast', to_org: moved!.partner_id });

    // The clock runs from the move: not yet a day later, then on again, never back to a partner already tried.
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 48 * HOUR))).toBe(0);
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 50 * HOUR))).toBe(1);
    const again = await row(request.id);
    expect(JSON.parse(again!.tried_partners!)).toEqual(['sample-coast', moved!.partner_id]);
    expect(['sample-coast', moved!.partner_id]).not.toContain(again!.partner_id);
  });

  it('keeps a request with its last partner when no other suitable partner is left', async () => {
    // Child labour for an adult: only the national partner takes it, so nobody else can.
    const { request, partner } = await stored('KH-12', t0, 'child_labour');
    expect(partner).toBe('sample-national');
    expect(await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 30 * HOUR))).toBe(0);
    const kept = await row(request.id);
    expect(kept).toMatchObject({ partner_id: 'sample-national', status: 'new', routed_at: t0.toISOString() });
    expect(await store.db.selectFrom('delivery_jobs').select('id').where('request_id', '=', request.id).execute()).toEqual([]);
  });

  it('leaves acknowledged requests where they are', async () => {
    const { request, partner } = await stored('KH-14', t0);
    await changeStatus(store, { orgId: partner, userId: null }, request.id, { status: 'acknowledged' }, { directory, config: channels });
    await escalateOverdue(store, directory, channels, config, new Date(t0.getTime() + 100 * HOUR));
    expect((await row(request.id))?.partner_id).toBe(partner);
    expect(await store.db.selectFrom('referrals').select('id').where('reference', '=', (await row(request.id))!.reference).execute()).toEqual([]);
  });

  it('purges closed requests after the retention period and any request after the maximum age, keeping counts', async () => {
    const closed = await stored('KH-1', t0);
    await changeStatus(store, { orgId: closed.partner, userId: null }, closed.request.id, { status: 'closed', outcome: 'helped' }, { directory, config: channels });
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
