/**
 * The partner directory and the provinces, read from content/ (CONTENT_DIR) by
 * the pages at build and by the server, the worker and the tools at start.
 * A bad partner file stops the start with a message naming the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { buildConfig } from '../config';
import { partnerSchema, validateDirectory, type Partner } from '../domain/partners';
import type { Province } from '../domain/provinces';
import type { Directory } from '../domain/routing';

/** The content folder; the server passes its own (CONTENT_DIR from its configuration). */
export function contentRoot(dir = buildConfig().contentDir): string {
  return resolve(dir);
}

export function loadProvinces(root = contentRoot()): Province[] {
  const rows = yaml.load(readFileSync(join(root, 'places/provinces.yaml'), 'utf8')) as Province[];
  if (!Array.isArray(rows) || rows.length !== 25) throw new Error('content/places/provinces.yaml must list the 25 provinces');
  return rows.map(({ code, name, lat, lon }) => ({ code, name, lat, lon }));
}

export function loadPartners(root = contentRoot()): Partner[] {
  const dir = join(root, 'partners');
  const partners = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((file) => {
      const parsed = partnerSchema.safeParse(yaml.load(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        throw new Error(`content/partners/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
      }
      return parsed.data;
    });
  return validateDirectory(partners);
}

export function loadDirectory(root = contentRoot()): Directory {
  return { partners: loadPartners(root), provinces: loadProvinces(root) };
}
