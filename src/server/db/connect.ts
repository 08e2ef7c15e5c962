/**
 * The database: SQLite (better-sqlite3, a file under data/, WAL, synchronous=FULL)
 * by default; PostgreSQL when DATABASE_URL=postgres://… (DATABASE_SCHEMA picks a
 * schema, as the tests do, one per test file). Migrations run here, at start.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './schema';
import { migrate } from './migrations';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DbConfig {
  databaseUrl?: string;
  schema?: string;
  sqliteFile?: string;
}

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return { databaseUrl: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, sqliteFile: env.SQLITE_FILE };
}

export async function openDatabase(config: DbConfig = dbConfigFromEnv()): Promise<Db> {
  let result: Db;
  if (config.databaseUrl && /^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    const schema = config.schema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('DATABASE_SCHEMA: letters, digits and _ only');
    if (schema) {
      const admin = new pg.Client({ connectionString: config.databaseUrl });
      await admin.connect();
      try { await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); } finally { await admin.end(); }
    }
    // The schema is set on every connection as it opens, before any query.
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Number(process.env.DATABASE_POOL ?? 10),
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    result = { db, dialect: 'postgres', close: () => db.destroy() };
  } else {
    const file = resolve(config.sqliteFile ?? 'data/safe-journey.sqlite');
    mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL'); // an acknowledged request survives a power cut
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('secure_delete = ON'); // purged personal data is overwritten, not left in free pages
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    result = { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  await migrate(result.db, result.dialect);
  return result;
}
