/**
 * Driving a running server as partner staff and as the public would: accounts
 * through the CLI, sign-in, the JSON API with the site's Origin, a request for
 * contact, and rows of the server's database (SQLite file or PostgreSQL schema).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_URL, type DbTarget } from './databases';
import { projectRoot } from './content';

export const PARTNER_PASSWORD = 'a long enough passphrase';

export function partnerSite(server: { url: string; sqliteFile: string }, target: DbTarget, distDir = process.env.TEST_DIST_DIR || 'dist') {
  const env = () => ({ ...target.env, SQLITE_FILE: server.sqliteFile });
  return {
    env,
    cli(args: string[], password = PARTNER_PASSWORD) {
      return promisify(execFile)(process.execPath, [`${distDir}/server/partner-cli.mjs`, ...args], { cwd: projectRoot, env: { ...process.env, ...env(), PARTNER_PASSWORD: password } });
    },
    async signIn(email: string, password = PARTNER_PASSWORD, headers: Record<string, string> = {}) {
      const response = await fetch(`${server.url}/partner/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, ...headers },
        body: new URLSearchParams({ email, password }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sj_partner='));
      return { status: response.status, cookie: cookie?.split(';')[0], setCookie: cookie };
    },
    api(cookie: string | undefined, path: string, init: RequestInit = {}) {
      return fetch(`${server.url}${path}`, { ...init, headers: { ...(cookie ? { Cookie: cookie } : {}), 'Content-Type': 'application/json', Origin: server.url, ...(init.headers ?? {}) } });
    },
    async submit(province: string, topic = 'migration', extra: Record<string, unknown> = {}) {
      const response = await fetch(`${server.url}/api/intake`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), locale: 'en', topic, province, under18: false, phone: '012 777 888', consent: true, name: 'Dara Secret', message: 'private words', ...extra }),
      });
      return { status: response.status, ...((await response.json()) as { reference: string; partner: { id: string } }) };
    },
    async rows(sql: string, params: unknown[] = []): Promise<any[]> {
      if (target.name === 'sqlite') {
        const db = new Database(server.sqliteFile, { readonly: !/^\s*(drop|alter|update|delete|insert)/i.test(sql) });
        try {
          const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
          return statement.reader ? statement.all(...params) : (statement.run(...params), []);
        } finally { db.close(); }
      }
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${target.env.DATABASE_SCHEMA}` });
      await client.connect();
      try { return (await client.query(sql, params)).rows; } finally { await client.end(); }
    },
  };
}
