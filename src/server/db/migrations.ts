/** Schema migrations, run at start (server, worker, tools). Append new ones; never edit an applied one. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './connect';

function migrations(dialect: Dialect): Record<string, Migration> {
  const autoId = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    '001_intake': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('intake_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('reference', 'text', (c) => c.notNull().unique())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('province', 'text', (c) => c.notNull())
          .addColumn('under18', 'integer', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('name', 'text')
          .addColumn('call_time', 'text')
          .addColumn('discreet', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('message', 'text')
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('inbox_at', 'text')
          .execute();
        await db.schema.createIndex('intake_requests_partner').on('intake_requests').columns(['partner_id', 'created_at']).execute();
        await db.schema
          .createTable('delivery_jobs')
          .addColumn('id', autoId, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('request_id', 'text', (c) => c.notNull().references('intake_requests.id').onDelete('cascade'))
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('locked_by', 'text')
          .addColumn('locked_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('delivered_at', 'text')
          .addUniqueConstraint('delivery_jobs_one_per_channel', ['request_id', 'partner_id', 'channel'])
          .execute();
        await db.schema.createIndex('delivery_jobs_due').on('delivery_jobs').columns(['status', 'next_attempt_at']).execute();
      },
    },
    '002_partner_inbox': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('partner_users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('first_failed_at', 'text')
          .addColumn('locked_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('partner_sessions')
          .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie's token: a stolen table opens nothing
          .addColumn('user_id', 'text', (c) => c.notNull().references('partner_users.id').onDelete('cascade'))
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', autoId, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('request_id', 'text')
          .addColumn('reference', 'text')
          .addColumn('detail', 'text')
          .execute();
        await db.schema.createIndex('audit_log_org').on('audit_log').columns(['org_id', 'at']).execute();
        await db.schema
          .createTable('request_events')
          .addColumn('id', autoId, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('request_id', 'text', (c) => c.notNull().references('intake_requests.id').onDelete('cascade'))
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text')
          .addColumn('kind', 'text', (c) => c.notNull()) // status | call | referral | escalation
          .addColumn('value', 'text')
          .addColumn('note', 'text')
          .execute();
        await db.schema
          .createTable('referrals')
          .addColumn('id', autoId, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('reference', 'text', (c) => c.notNull())
          .addColumn('from_org', 'text', (c) => c.notNull())
          .addColumn('to_org', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        // Anonymous counts that outlive the purge of personal data.
        await db.schema
          .createTable('stats_counts')
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('province', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('n', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('stats_counts_key', ['month', 'province', 'topic', 'partner_id', 'outcome'])
          .execute();
        await db.schema.alterTable('intake_requests').addColumn('outcome', 'text').execute();
        await db.schema.alterTable('intake_requests').addColumn('tried_partners', 'text').execute();
      },
    },
    '003_session_logs': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('session_logs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('reference', 'text', (c) => c.notNull().unique())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('deck', 'text', (c) => c.notNull())
          .addColumn('province', 'text', (c) => c.notNull())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('people', 'integer', (c) => c.notNull())
          .addColumn('under18', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // The inbox is the table: a stored request is in its partner's inbox in the same
    // transaction; the escalation clock starts when it is routed (stored on the row).
    '004_inbox_is_the_table': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('intake_requests').renameColumn('inbox_at', 'routed_at').execute();
        await db.updateTable('intake_requests').set({ routed_at: sql`updated_at` }).where('routed_at', 'is', null).execute();
        await db.deleteFrom('delivery_jobs').where('channel', '=', 'inbox').execute();
        await db.schema.createIndex('intake_requests_overdue').on('intake_requests').columns(['status', 'routed_at']).execute();
        await db.schema
          .createTable('rate_limits')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addColumn('at_ms', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    // "Be discreet" left unanswered is not stated (be careful), never "no".
    '005_discreet_stated': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('intake_requests').addColumn('discreet_stated', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      },
    },
    // Review of the Khmer text by native speakers (issue 18): a role on staff accounts, and one row
    // per judgement: who, when, and the hash of the Khmer text judged (a changed paragraph no
    // longer matches it, so it is unreviewed again). Rows are never changed: the latest counts.
    '006_reviews': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('partner_users').addColumn('reviewer', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema
          .createTable('review_marks')
          .addColumn('id', autoId, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('unit', 'text', (c) => c.notNull())
          .addColumn('paragraph_id', 'text', (c) => c.notNull())
          .addColumn('km_hash', 'text', (c) => c.notNull())
          .addColumn('km_text', 'text', (c) => c.notNull())
          .addColumn('verdict', 'text', (c) => c.notNull()) // approved | proposed
          .addColumn('proposal', 'text')
          .addColumn('note', 'text')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('org_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('review_marks_unit').on('review_marks').columns(['unit', 'paragraph_id', 'id']).execute();
      },
    },
  };
}

/**
 * Runs what has not run yet, in one transaction under a lock: PostgreSQL's
 * advisory lock for this schema, SQLite's write lock (BEGIN IMMEDIATE). The
 * record of what ran is `kysely_migration` in the deployment's own schema
 * (the same table Kysely's migrator kept, so earlier databases carry on). It
 * reads no catalogue: Kysely's migrator listed every schema's tables, and
 * failed when another deployment or test dropped a schema meanwhile.
 */
export async function migrate(db: Kysely<any>, dialect: Dialect, schema?: string): Promise<void> {
  let current = '(start)';
  try {
    await db.connection().execute(async (conn) => {
      await sql.raw(dialect === 'postgres' ? 'begin' : 'begin immediate').execute(conn);
      try {
        if (dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(hashtext(${`safe-journey-migrate:${schema ?? 'public'}`}))`.execute(conn);
          if (schema) await conn.schema.createSchema(schema).ifNotExists().execute();
        }
        await conn.schema.createTable('kysely_migration').ifNotExists()
          .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
          .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
          .execute();
        const done = new Set((await conn.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name as string));
        for (const [name, migration] of Object.entries(migrations(dialect)).sort(([a], [b]) => a.localeCompare(b))) {
          if (done.has(name)) continue;
          current = name;
          await migration.up(conn);
          await conn.insertInto('kysely_migration').values({ name, timestamp: new Date().toISOString() }).execute();
        }
        await sql.raw('commit').execute(conn);
      } catch (error) {
        await sql.raw('rollback').execute(conn).catch(() => {});
        throw error;
      }
    });
  } catch (error) {
    throw new Error(`database migration ${current} failed: ${(error as Error).message ?? error}`);
  }
}
