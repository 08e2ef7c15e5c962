/**
 * One configuration: every variable is read and checked once (src/config.ts),
 * a bad value stops the start naming it, no other module reads the
 * environment, and the README's tables list exactly the variables it knows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, VARIABLES, WEBHOOK_SECRET_PREFIX } from '../../src/config';

const root = join(import.meta.dirname, '../..');

describe('reading the configuration', () => {
  it('gives every default when nothing is set', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ PORT: 4321, HOST: '127.0.0.1', TRUST_PROXY: false, RUN_WORKER: true, SQLITE_FILE: 'data/safe-journey.sqlite', DATABASE_POOL: 10, LOG_LEVEL: 'info', ESCALATE_AFTER_HOURS: 24 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.webhookSecrets).toEqual({});
  });

  it('turns values into what they mean', () => {
    const config = readConfig({ PORT: '8080', TRUST_PROXY: 'true', RUN_WORKER: '0', DATABASE_URL: 'postgres://u@h/db', WEBHOOK_SECRET_A: 's1', LOG_LEVEL: 'silent' });
    expect(config).toMatchObject({ PORT: 8080, TRUST_PROXY: true, RUN_WORKER: false, DATABASE_URL: 'postgres://u@h/db', LOG_LEVEL: 'silent' });
    expect(config.webhookSecrets).toEqual({ [`${WEBHOOK_SECRET_PREFIX}A`]: 's1' });
  });

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '12.5'], ['DATABASE_POOL', '0'], ['RUN_WORKER', 'maybe'], ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_SCHEMA', 'a;drop'], ['LOG_LEVEL', 'loud'], ['SITE_URL', 'example.org'], ['SESSION_IDLE_MINUTES', '-5'], ['SMTP_URL', 'http://mail'],
  ])('stops on %s=%s with a message naming it', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('lists every bad value at once', () => {
    expect(() => readConfig({ PORT: 'abc', RETENTION_DAYS: 'x' })).toThrow(/PORT=.*\n.*RETENTION_DAYS=/s);
  });
});

describe('one module reads the environment', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|astro|mjs)$/.test(name) ? [path] : [];
  });
  it('no file under src/ but src/config.ts touches process.env', () => {
    const readers = files(join(root, 'src')).filter((f) => !f.endsWith(join('src', 'config.ts')) && /process\.env|import\.meta\.env/.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('the README', () => {
  it('has one configuration row for each variable, and no other', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    const documented = [...section.matchAll(/^\| `([A-Z_<>]+)`/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual([...Object.keys(VARIABLES), `${WEBHOOK_SECRET_PREFIX}<NAME>`].sort());
  });
});
