/**
 * Rules of the browser code that a reviewer would otherwise have to remember:
 * IndexedDB only through the queue, the languages only from domain/locales.ts,
 * and {{name}} placeholders only through the one helper.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|astro|mjs)$/.test(e.name))
    .map((e) => { const path = join(e.parentPath, e.name); return { file: relative(root, path), text: readFileSync(path, 'utf8') }; });
}
const matching = (dirs: string[], pattern: RegExp, except: string[] = []) =>
  dirs.flatMap(sources).filter(({ file, text }) => !except.includes(file) && pattern.test(text)).map(({ file }) => file);

describe('the browser code', () => {
  it('reads and writes IndexedDB only through the queue module', () => {
    expect(matching(['src'], /\bindexedDB\b|from ['"]idb['"]/, ['src/client/queue.ts'])).toEqual([]);
  });

  it('takes the list of languages from src/domain/locales.ts, never a literal', () => {
    // A JavaScript string 'km' or 'en' in code that runs in the browser (an HTML lang="en"
    // on a Latin-script code is not a language list; build-time .astro components are not scanned).
    expect(matching(['src/client', 'src/sw', 'src/components/islands'], /['`](km|en)['`]/)).toEqual([]);
  });

  it('never reaches the full zod (only zod/mini, in the schemas the form shares with the server)', () => {
    // Classic zod in a module an island imports puts all of zod's core in the phone's download (~13 KB).
    const reachable = new Set<string>();
    const visit = (file: string) => {
      if (reachable.has(file)) return;
      reachable.add(file);
      const text = readFileSync(join(root, file), 'utf8');
      for (const [, spec] of text.matchAll(/^import\s+(?!type\b)[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
        const base = join(file, '..', spec!);
        const found = ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => { try { return readFileSync(join(root, f)) && /\.tsx?$/.test(f); } catch { return false; } });
        if (found) visit(found);
      }
    };
    for (const dir of ['src/client', 'src/components/islands', 'src/sw']) for (const { file } of sources(dir)) if (/\.tsx?$/.test(file)) visit(file);
    expect(reachable.size).toBeGreaterThan(20);
    expect([...reachable].filter((file) => /from ['"]zod['"]/.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('fills {{name}} placeholders only with fillPlaceholders', () => {
    expect(matching(['src'], /\\\{\\\{|['"`]\{\{/, ['src/i18n/placeholders.ts'])).toEqual([]);
  });
});
