/**
 * The databases the integration tests run against: SQLite always; PostgreSQL
 * when it answers (with CI=true a missing PostgreSQL is a failure, not a skip).
 * Each test file gets its own schema, so files can run in parallel.
 */
import pg from 'pg';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI and did not answer at ${PG_URL}: ${(error as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try { await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await client.end(); }
}

export interface DbTarget {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function dbTargets(prefix: string): Promise<DbTarget[]> {
  const targets: DbTarget[] = [{ name: 'sqlite', env: {}, cleanup: async () => {} }];
  if (await postgresAvailable()) {
    const schema = uniqueSchema(prefix);
    targets.push({ name: 'postgres', env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema }, cleanup: () => dropSchema(schema) });
  }
  return targets;
}
