/** A copy of content/ for a test to change (a partner's webhook address, say). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '../..');

export function contentFixture(change?: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sj-content-')), 'content');
  cpSync(join(projectRoot, 'content'), dir, { recursive: true });
  change?.(dir);
  return dir;
}

export function editFile(path: string, edit: (text: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
}
