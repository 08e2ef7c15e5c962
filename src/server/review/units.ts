/**
 * What a reviewer reviews, read from the content folder: every article, page,
 * presenter deck and self-check, and the interface strings by group; each as
 * Khmer paragraphs paired with their English twins, with stable ids (./paragraph.ts).
 * The English is the source; only Khmer paragraphs are reviewed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { SUBJECT_CODES } from '../../domain/topics';
import { markdownBlocks, type Block } from './markdown';
import { withIds, type Paragraph, type ParagraphKind } from './paragraph';
import { jsonStrings, khmerScalars } from './scalars';

export const COLLECTIONS = ['topics', 'pages', 'sessions', 'selfchecks', 'ui'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export interface UnitRef { id: string; collection: Collection; slug: string }

export interface Unit extends UnitRef {
  title: { en: string | null; km: string };
  paragraphs: Paragraph[];
  /** The Khmer file, relative to the content folder. */
  file: string;
}

/** Reads a file of the content folder (relative path); undefined when it is missing. Tests and the export pass overrides. */
export type Reader = (file: string) => string | undefined;

export const folderReader = (root: string): Reader => (file) => {
  const path = join(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

const SLUG = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const listDir = (root: string, dir: string, ext: string) => {
  try {
    return readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).filter((s) => SLUG.test(s)).sort();
  } catch {
    return [];
  }
};

/** Every unit, in the order the review list shows them. */
export function listUnits(root: string): UnitRef[] {
  const read = folderReader(root);
  const ref = (collection: Collection, slug: string): UnitRef => ({ id: `${collection}/${slug}`, collection, slug });
  const topicOrder = (slug: string) => {
    const data = (yaml.load(FRONTMATTER.exec(read(`topics/km/${slug}.md`) ?? '')?.[1] ?? '') ?? {}) as { topic?: string; order?: number };
    return [SUBJECT_CODES.indexOf(data.topic as never), data.order ?? 0] as const;
  };
  const topics = listDir(root, 'topics/km', '.md').map((s) => ({ s, o: topicOrder(s) }))
    .sort((a, b) => a.o[0] - b.o[0] || a.o[1] - b.o[1] || a.s.localeCompare(b.s)).map(({ s }) => ref('topics', s));
  let uiGroups: string[] = [];
  try {
    uiGroups = Object.keys(JSON.parse(read('ui/km.json') ?? '{}') as object).filter((k) => SLUG.test(k));
  } catch { /* an unreadable file: no groups */ }
  return [
    ...topics,
    ...listDir(root, 'pages/km', '.md').map((s) => ref('pages', s)),
    ...listDir(root, 'sessions/km', '.md').map((s) => ref('sessions', s)),
    ...listDir(root, 'selfchecks', '.yaml').map((s) => ref('selfchecks', s)),
    ...uiGroups.map((s) => ref('ui', s)),
  ];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?\r?\n)?---/;

/**
 * Pairs each Khmer block with the English block in the same place: the longest
 * common sequence of kinds (a missing or extra paragraph in one language
 * leaves the others paired).
 */
export function alignBlocks(en: Block[], km: Block[]): (Block | undefined)[] {
  const n = en.length;
  const m = km.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i]![j] = en[i]!.kind === km[j]!.kind ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const twins: (Block | undefined)[] = new Array(m).fill(undefined);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (en[i]!.kind === km[j]!.kind && table[i]![j] === table[i + 1]![j + 1]! + 1) { twins[j] = en[i]; i += 1; j += 1; }
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return twins;
}

function markdownUnit(ref: UnitRef, read: Reader): Unit | undefined {
  const file = `${ref.collection}/km/${ref.slug}.md`;
  const kmSource = read(file);
  if (kmSource === undefined) return undefined;
  const enSource = read(`${ref.collection}/en/${ref.slug}.md`);
  const deck = ref.collection === 'sessions';
  const options = { deck, fields: (deck ? ['title', 'audience'] : ['title', 'summary']) as ParagraphKind[] };
  const km = markdownBlocks(kmSource, options);
  const en = enSource === undefined ? [] : markdownBlocks(enSource, options);
  const twins = alignBlocks(en, km);
  const paragraphs = withIds(ref.id, km.map((block, i) => ({
    kind: block.kind,
    label: block.slide ? String(block.slide) : undefined,
    en: twins[i]?.text ?? null,
    km: block.text,
    locator: block.start >= 0 ? { file, start: block.start, end: block.end, encode: block.encode } : undefined,
  })), (p) => p.kind);
  const title = (blocks: Block[]) => blocks.find((b) => b.kind === 'title')?.text;
  return { ...ref, file, title: { en: title(en) ?? null, km: title(km) ?? ref.slug }, paragraphs };
}

/** Localized objects ({ en, km }) of a self-check, in document order, with their paths (array items by their id). */
function localizedFields(value: unknown, path: string[] = []): { path: string; en: string; km: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => localizedFields(item, [...path, (item as { id?: unknown })?.id ? String((item as { id: unknown }).id) : String(i)]));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.km === 'string' && typeof record.en === 'string') return [{ path: path.join('.'), en: record.en, km: record.km }];
  return Object.entries(record).flatMap(([key, v]) => localizedFields(v, [...path, key]));
}

const SELF_CHECK_TITLES: Record<string, string> = { 'job-offer': 'jobTitle', 'before-you-go': 'listTitle' };

function selfCheckUnit(ref: UnitRef, read: Reader): Unit | undefined {
  const file = `selfchecks/${ref.slug}.yaml`;
  const source = read(file);
  if (source === undefined) return undefined;
  const fields = localizedFields(yaml.load(source));
  const scalars = khmerScalars(source);
  const located = scalars.length === fields.length;
  const paragraphs = withIds(ref.id, fields.map((f, i) => {
    const scalar = located ? scalars[i] : undefined;
    return { kind: 'field' as const, label: f.path, en: f.en, km: f.km, locator: scalar && scalar.value === f.km ? { file, start: scalar.start, end: scalar.end, encode: 'quoted' as const } : undefined };
  }), (p) => p.label!);
  const key = SELF_CHECK_TITLES[ref.slug];
  const uiTitle = (lang: string) => {
    try { return key ? (JSON.parse(read(`ui/${lang}.json`) ?? '{}') as { checks?: Record<string, string> }).checks?.[key] : undefined; } catch { return undefined; }
  };
  return { ...ref, file, title: { en: uiTitle('en') ?? null, km: uiTitle('km') ?? ref.slug }, paragraphs };
}

function uiUnit(ref: UnitRef, read: Reader): Unit | undefined {
  const file = 'ui/km.json';
  const source = read(file);
  if (source === undefined) return undefined;
  let en: unknown = {};
  try { en = JSON.parse(read('ui/en.json') ?? '{}'); } catch { /* no English twins */ }
  const lookup = (path: string[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), en);
  const strings = jsonStrings(source).filter((s) => s.path[0] === ref.slug);
  if (!strings.length) return undefined;
  const paragraphs = withIds(ref.id, strings.map((s) => {
    const twin = lookup(s.path);
    return { kind: 'string' as const, label: s.path.join('.'), en: typeof twin === 'string' ? twin : null, km: s.value, locator: { file, start: s.start, end: s.end, encode: 'quoted' as const } };
  }), (p) => p.label!);
  return { ...ref, file, title: { en: ref.slug, km: ref.slug }, paragraphs };
}

/** A unit by id (`topics/before-you-go`, `ui/partner`), read through `read`; undefined when it does not exist. */
export function loadUnit(id: string, read: Reader): Unit | undefined {
  const [collection, slug, ...rest] = id.split('/');
  if (rest.length || !slug || !SLUG.test(slug) || !(COLLECTIONS as readonly string[]).includes(collection ?? '')) return undefined;
  const ref: UnitRef = { id, collection: collection as Collection, slug };
  if (ref.collection === 'selfchecks') return selfCheckUnit(ref, read);
  if (ref.collection === 'ui') return uiUnit(ref, read);
  return markdownUnit(ref, read);
}
