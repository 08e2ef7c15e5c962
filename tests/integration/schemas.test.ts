/**
 * Two deployments sharing one PostgreSQL database, each in its own schema
 * (DATABASE_SCHEMA), must both start: one after the other, at the same time,
 * and beside a schema that already holds this project's tables. Kysely's
 * migration tables are kept in the deployment's schema.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/connect';
import { dropSchema, PG_URL, postgresAvailable, uniqueSchema } from '../support/databases';
import { startServer } from '../support/server.mjs';

const available = await postgresAvailable();
const created: string[] = [];
const fresh = (name: string) => { const schema = uniqueSchema(name); created.push(schema); return schema; };

async function tablesIn(schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query('select table_name from information_schema.tables where table_schema = $1 order by table_name', [schema]);
    return rows.map((r) => r.table_name as string);
  } finally { await client.end(); }
}

describe.skipIf(!available)('PostgreSQL schemas side by side', () => {
  it('starts while another schema is being dropped (no catalogue of other schemas is read)', async () => {
    const doomed = Array.from({ length: 6 }, () => fresh('it_doomed'));
    await Promise.all(doomed.map((schema) => openDatabase({ databaseUrl: PG_URL, schema, sqliteFile: 'unused' }).then((db) => db.close())));
    const mine = Array.from({ length: 4 }, () => fresh('it_alive'));
    await Promise.all([
      ...doomed.map((schema) => dropSchema(schema)),
      ...mine.map((schema) => openDatabase({ databaseUrl: PG_URL, schema, sqliteFile: 'unused' }).then((db) => db.close())),
    ]);
    for (const schema of mine) expect(await tablesIn(schema)).toContain('intake_requests');
  });

  afterAll(async () => { for (const schema of created) await dropSchema(schema); });

  it('starts a second schema after a first one holds its tables', async () => {
    const first = fresh('it_first');
    const second = fresh('it_second');
    const a = await openDatabase({ databaseUrl: PG_URL, schema: first, sqliteFile: 'unused' });
    await a.close();
    const b = await openDatabase({ databaseUrl: PG_URL, schema: second, sqliteFile: 'unused' });
    await b.db.insertInto('session_logs').values({ id: 'x', reference: 'R', locale: 'en', deck: 'd', province: 'KH-1', date: '2026-12-01', people: 1, under18: 0, content_hash: 'h', created_at: 'now' }).execute();
    await b.close();
    for (const schema of [first, second]) {
      expect(await tablesIn(schema)).toEqual(expect.arrayContaining(['intake_requests', 'kysely_migration', 'rate_limits']));
    }
    // The row went to the second schema only.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      expect((await client.query(`select count(*)::int as n from ${first}.session_logs`)).rows[0].n).toBe(0);
      expect((await client.query(`select count(*)::int as n from ${second}.session_logs`)).rows[0].n).toBe(1);
    } finally { await client.end(); }
  });

  it('starts several schemas at the same time, and the same schema twice at once', async () => {
    const schemas = [fresh('it_para'), fresh('it_parb'), fresh('it_parc')];
    const opened = await Promise.all([...schemas, schemas[0]!].map((schema) => openDatabase({ databaseUrl: PG_URL, schema, sqliteFile: 'unused' })));
    await Promise.all(opened.map((db) => db.close()));
    for (const schema of schemas) expect(await tablesIn(schema)).toContain('kysely_migration');
  });

  it('two servers (npm start) on one database in two schemas, started at the same time', async () => {
    const [one, two] = [fresh('it_srv1'), fresh('it_srv2')];
    const servers = await Promise.all([one, two].map((schema) => startServer({ env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, RUN_WORKER: '0' } })));
    try {
      for (const server of servers) expect((await fetch(`${server.url}/km/`)).status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
