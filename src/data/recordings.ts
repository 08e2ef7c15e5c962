/**
 * Recordings named by articles and decks (`audio:` in the frontmatter): the
 * file under content/audio/<lang>/ must exist (the build fails, naming the
 * page, when it does not), and its size is shown next to the player.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection } from 'astro:content';
import type { Locale } from '../domain/locales';
import { audioType, recordingUrl } from '../domain/recordings';
import { contentRoot } from './directory';
import { splitEntryId } from './content';

export interface AudioField { file: string; speaker: string; date: Date; sample: boolean }

export interface Recording extends AudioField {
  locale: Locale;
  /** The published address, /audio/<lang>/<file>. */
  url: string;
  /** Where the file is on disk. */
  path: string;
  type: string;
  bytes: number;
  /** The page that names it, e.g. content/topics/km/x.md. */
  namedBy: string;
}

/** The recording an entry names, checked against the disk. */
export function recordingOf(collection: 'topics' | 'sessions', entryId: string, audio: AudioField | undefined): Recording | undefined {
  if (!audio) return undefined;
  const { locale } = splitEntryId(entryId);
  const namedBy = `content/${collection}/${entryId}.md`;
  const path = join(contentRoot(), 'audio', locale, audio.file);
  if (!existsSync(path)) throw new Error(`${namedBy}: audio "${audio.file}" not found (expected content/audio/${locale}/${audio.file})`);
  const type = audioType(audio.file);
  if (!type) throw new Error(`${namedBy}: audio "${audio.file}" is not Opus or AAC`);
  return { ...audio, locale, url: recordingUrl(locale, audio.file), path, type, bytes: statSync(path).size, namedBy };
}

/** Every recording named anywhere, once per file. */
export async function allRecordings(): Promise<Recording[]> {
  const found = new Map<string, Recording>();
  for (const collection of ['topics', 'sessions'] as const) {
    for (const entry of await getCollection(collection)) {
      const recording = recordingOf(collection, entry.id, entry.data.audio);
      if (recording) found.set(recording.url, recording);
    }
  }
  return [...found.values()];
}
