/**
 * A hotline without a source, or an article with bad frontmatter, must stop
 * `npm run build` with a message naming the file. Built from a fixture copy
 * of content/ into a temporary folder, so the real build is untouched.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const temps: string[] = [];

async function buildWith(change: (contentDir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'sj-content-'));
  temps.push(dir);
  const contentDir = join(dir, 'content');
  cpSync(join(root, 'content'), contentDir, { recursive: true });
  change(contentDir);
  try {
    await run('npm', ['run', 'build'], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: join(dir, 'cache'), ASTRO_OUT_DIR: join(dir, 'dist') },
      maxBuffer: 20 * 1024 * 1024,
    });
    return { failed: false, output: '' };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { failed: true, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('content validation at build', () => {
  it('fails on a hotline without a source, naming the file', async () => {
    const result = await buildWith((content) => {
      const file = join(content, 'hotlines/kh-1280.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/sources:\n(  - url: .*\n)+/, ''));
    });
    expect(result.failed).toBe(true);
    expect(result.output).toContain('hotlines/kh-1280.yaml');
    expect(result.output).toMatch(/sources/);
  });

  it('fails on an article with bad frontmatter, naming the file', async () => {
    const result = await buildWith((content) => {
      const file = join(content, 'topics/km/before-you-go.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^topic: .*$/m, 'topic: holidays'));
    });
    expect(result.failed).toBe(true);
    expect(result.output).toContain('topics/km/before-you-go.md');
    expect(result.output).toMatch(/topic/);
  });
});

describe('npm run check:content', () => {
  const check = async (contentDir: string) => {
    try {
      const { stdout } = await run(process.execPath, [join(root, 'scripts/check-content.mjs'), '--content', contentDir], { cwd: root });
      return { code: 0, output: stdout };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  it('passes on the real content and the built site', async () => {
    const result = await check(join(root, 'content'));
    expect(result.output).toContain('no problems found');
    expect(result.code).toBe(0);
  });

  it('reports a missing translation and a hotline without a checked date, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sj-check-'));
    temps.push(dir);
    cpSync(join(root, 'content'), dir, { recursive: true });
    rmSync(join(dir, 'topics/km/help-abroad.md'));
    const hotline = join(dir, 'hotlines/kh-117.yaml');
    writeFileSync(hotline, readFileSync(hotline, 'utf8').replace(/^checked: .*$/m, ''));
    const result = await check(dir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('missing translation: content/topics/km/help-abroad.md');
    expect(result.output).toContain('content/hotlines/kh-117.yaml: no checked date');
  });
});
