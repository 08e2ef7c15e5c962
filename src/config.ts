/**
 * Every setting of the site, read from the environment once and validated
 * here (the only module that reads `process.env`). The build reads the
 * `build` variables, the server, the worker and the command-line tools the
 * `run` ones, and pass the values down. A bad value stops the start with a
 * message naming the variable. The README's configuration tables list exactly
 * these variables (a test checks it).
 */
import { z } from 'zod';

type Phase = 'build' | 'run' | 'tool';

interface Variable<S extends z.ZodType> {
  phase: Phase[];
  /** As written in the README's table. */
  default: string;
  meaning: string;
  schema: S;
}

const text = z.string().trim();
const optionalText = text.optional().transform((v) => (v ? v : undefined));
const integer = (min: number, max: number) =>
  z.string().trim().regex(/^-?\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const flag = (fallback: boolean) =>
  z.string().trim().toLowerCase()
    .refine((v) => /^(1|0|true|false|yes|no|)$/.test(v), 'must be 1 or 0')
    .transform((v) => (v === '' ? fallback : /^(1|true|yes)$/.test(v)));
const url = (protocols: RegExp) => optionalText.refine((v) => v === undefined || (URL.canParse(v) && protocols.test(v)), 'must be a full address');

function variable<S extends z.ZodType>(phase: Phase[], fallback: string, meaning: string, schema: S): Variable<S> {
  return { phase, default: fallback, meaning, schema };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Name → definition. `undefined` input means unset; defaults are applied by the schemas. */
export const VARIABLES = {
  SITE_URL: variable(['build', 'run'], 'unset', 'public address, e.g. `https://safejourney.example.org`: absolute canonical, `hreflang` and QR links at build; links in partner e-mails and the accepted `Origin` at run time', url(/^https?:\/\//)),
  QUICK_EXIT_URL: variable(['build'], '`https://www.google.com/`', 'where "Exit this page" goes: a neutral site', url(/^https?:\/\//).transform((v) => v ?? 'https://www.google.com/')),
  CONTENT_DIR: variable(['build', 'run', 'tool'], '`content/`', 'where content, partners and provinces are read from', optionalText.transform((v) => v ?? 'content')),
  ASTRO_OUT_DIR: variable(['build'], '`dist/`', 'where the build is written (tests build fixtures elsewhere)', optionalText.transform((v) => v ?? './dist')),
  ASTRO_CACHE_DIR: variable(['build'], '`node_modules/.astro`', "Astro's build cache", optionalText.transform((v) => v ?? './node_modules/.astro')),

  PORT: variable(['run'], '`4321`', 'port to listen on', integer(0, 65535).optional().transform((v) => v ?? 4321)),
  HOST: variable(['run'], '`127.0.0.1`', 'address to listen on (`0.0.0.0` to listen on all)', optionalText.transform((v) => v ?? '127.0.0.1')),
  TRUST_PROXY: variable(['run'], '`0`', '`1` behind a reverse proxy you control: then `X-Forwarded-For` and `X-Forwarded-Proto` are believed', flag(false).optional().transform((v) => v ?? false)),
  DATABASE_URL: variable(['run', 'tool'], 'unset', '`postgres://user@host/db` to use PostgreSQL; unset, SQLite', url(/^postgres(ql)?:\/\//)),
  DATABASE_SCHEMA: variable(['run', 'tool'], '`public`', 'PostgreSQL schema of this deployment (created if missing; its tables and migration records stay in it, so several deployments can share one database)', optionalText.refine((v) => v === undefined || /^[a-z_][a-z0-9_]{0,62}$/.test(v), 'letters, digits and _ only, starting with a letter')),
  DATABASE_POOL: variable(['run', 'tool'], '`10`', 'PostgreSQL connections per process', integer(1, 200).optional().transform((v) => v ?? 10)),
  SQLITE_FILE: variable(['run', 'tool'], '`data/safe-journey.sqlite`', 'the SQLite file (WAL, `synchronous=FULL`)', optionalText.transform((v) => v ?? 'data/safe-journey.sqlite')),
  RUN_WORKER: variable(['run'], '`1`', '`0` to run the delivery worker and scheduler separately (`npm run worker`)', flag(true).optional().transform((v) => v ?? true)),
  SMTP_URL: variable(['run'], 'unset', 'e.g. `smtps://user:pass@mail.example.org` to send e-mail notices to partners', url(/^smtps?:\/\//)),
  SMTP_FROM: variable(['run'], '`Safe Journey Cambodia <no-reply@localhost>`', 'sender of those e-mails', optionalText.transform((v) => v ?? 'Safe Journey Cambodia <no-reply@localhost>')),
  WEBHOOK_TIMEOUT_MS: variable(['run'], '`10000`', 'how long a partner webhook may take to answer', integer(100, 120_000).optional().transform((v) => v ?? 10_000)),
  INTAKE_RATE_PER_MINUTE: variable(['run'], '`120`', 'requests per minute per client address on the public API (generous: many phones share one mobile-network address); shared by all processes on PostgreSQL', integer(1, 1_000_000_000).optional().transform((v) => v ?? 120)),
  INTAKE_RATE_BURST: variable(['run'], '`240`', 'how many at once before that rate applies', integer(1, 1_000_000_000).optional().transform((v) => v ?? 240)),
  DELIVERY_BACKOFF_MS: variable(['run'], '`30000`', 'first retry delay of a failed e-mail or webhook (doubles, capped at 1 hour; 12 attempts)', integer(1, 24 * HOUR).optional().transform((v) => v ?? 30_000)),
  DELIVERY_LEASE_MS: variable(['run'], '`60000`', 'how long a worker holds a claimed delivery before another may take it', integer(1_000, HOUR).optional().transform((v) => v ?? 60_000)),
  ESCALATION_CHECK_MS: variable(['run'], '`300000`', 'how often the scheduler looks for requests to escalate', integer(100, 24 * HOUR).optional().transform((v) => v ?? 5 * MINUTE)),
  ESCALATE_AFTER_HOURS: variable(['run'], '`24`', 'a request not acknowledged this long after it was routed moves to the next partner', integer(1, 24 * 30).optional().transform((v) => v ?? 24)),
  SESSION_IDLE_MINUTES: variable(['run'], '`30`', 'a partner session ends after this long without use', integer(1, 24 * 60).optional().transform((v) => v ?? 30)),
  SESSION_MAX_HOURS: variable(['run'], '`12`', 'a partner session ends this long after sign-in, however much it is used', integer(1, 24 * 7).optional().transform((v) => v ?? 12)),
  RETENTION_DAYS: variable(['run', 'tool'], '`90`', 'the purge deletes closed requests after this many days', integer(1, 3650).optional().transform((v) => v ?? 90)),
  MAX_AGE_DAYS: variable(['run', 'tool'], '`365`', 'the purge deletes any request after this many days', integer(1, 3650).optional().transform((v) => v ?? 365)),
  LOG_LEVEL: variable(['run', 'tool'], '`info`', '`info` (one JSON line per event) or `silent`', z.enum(['info', 'silent']).optional().transform((v) => v ?? 'info')),
  PARTNER_PASSWORD: variable(['tool'], 'unset', '`npm run partner`: the password, instead of standard input', optionalText),
} as const;

/** Partners' webhook secrets: `WEBHOOK_SECRET_<NAME>`, named by the partner's file. */
export const WEBHOOK_SECRET_PREFIX = 'WEBHOOK_SECRET_';

type Values = { [K in keyof typeof VARIABLES]: z.output<(typeof VARIABLES)[K]['schema']> };
export type Config = Values & { webhookSecrets: Record<string, string> };

export class ConfigError extends Error {}

/** Validates every variable at once; throws one error that lists each bad value. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(VARIABLES)) {
    const raw = env[name];
    const parsed = def.schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration (see README "Configuration"):\n  ${problems.join('\n  ')}`);
  const webhookSecrets = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith(WEBHOOK_SECRET_PREFIX) && v) as [string, string][]);
  return { ...(values as Values), webhookSecrets };
}

let forBuild: Config | undefined;
/** For the build (pages, content collections, astro.config.mjs): read once, on first use. */
export function buildConfig() {
  const config = (forBuild ??= readConfig());
  return { siteUrl: config.SITE_URL, quickExitUrl: config.QUICK_EXIT_URL, contentDir: config.CONTENT_DIR, outDir: config.ASTRO_OUT_DIR, cacheDir: config.ASTRO_CACHE_DIR };
}
