/**
 * The database: SQLite (better-sqlite3, a file under data/, WAL, synchronous=FULL)
 * by default; PostgreSQL when DATABASE_URL=postgres://…, in the deployment's own
 * schema (DATABASE_SCHEMA, default `public`): its tables and Kysely's migration
 * records live there, so deployments (and test files) can share one database.
 * Migrations run here, at start.
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
  sqliteFile: string;
  pool?: number;
}

export const dbConfigOf = (config: { DATABASE_URL?: string; DATABASE_SCHEMA?: string; SQLITE_FILE: string; DATABASE_POOL: number }): DbConfig =>
  ({ databaseUrl: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, sqliteFile: config.SQLITE_FILE, pool: config.DATABASE_POOL });

export async function openDatabase(config: DbConfig): Promise<Db> {
  let result: Db;
  let schema: string | undefined;
  if (config.databaseUrl) {
    schema = config.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('DATABASE_SCHEMA: letters, digits and _ only');
    // The schema is set on every connection as it opens, before any query; the migrator creates it if missing.
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pool ?? 10, options: `-c search_path=${schema}` });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    result = { db, dialect: 'postgres', close: () => db.destroy() };
  } else {
    const file = resolve(config.sqliteFile);
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
  try {
    await migrate(result.db, result.dialect, schema);
  } catch (error) {
    await result.close().catch(() => {});
    throw error;
  }
  return result;
}
