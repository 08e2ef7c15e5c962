/** Reads rows from the server's database, SQLite file or PostgreSQL schema. */
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_URL, type DbTarget } from '../support/databases';

export async function readRows(target: DbTarget, sqliteFile: string, sql: string): Promise<Record<string, unknown>[]> {
  if (target.name === 'sqlite') {
    const db = new Database(sqliteFile, { readonly: true });
    try { return db.prepare(sql).all() as Record<string, unknown>[]; } finally { db.close(); }
  }
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${target.env.DATABASE_SCHEMA}` });
  await client.connect();
  try { return (await client.query(sql)).rows; } finally { await client.end(); }
}
