/**
 * Recorded audio of an article or deck (`audio:` in its frontmatter): a file
 * under content/audio/<lang>/, published at /audio/<lang>/<file>. Saved on the
 * phone only when the person asks, in a cache of its own, so the offline
 * budget never counts a recording nobody chose.
 */

/** The Cache Storage name of recordings saved on request (the service worker answers from it). */
export const RECORDINGS_CACHE = 'sj-recordings';

/** Opus (in Ogg) or AAC (in MP4): small at speech quality, played by Android's browsers. */
export const AUDIO_TYPES = {
  opus: 'audio/ogg; codecs=opus',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4; codecs=mp4a.40.2',
  aac: 'audio/aac',
} as const;
export type AudioExtension = keyof typeof AUDIO_TYPES;

/** A file name as the frontmatter gives it: lower case, digits and dashes, an audio extension. */
export const AUDIO_FILE = /^[a-z0-9][a-z0-9-]*\.(opus|ogg|m4a|aac)$/;

export function audioType(file: string): string | undefined {
  const extension = file.split('.').pop() as AudioExtension;
  return AUDIO_TYPES[extension];
}

export function recordingUrl(locale: string, file: string): string {
  return `/audio/${locale}/${file}`;
}

/** Is this path a published recording? (`/audio/km/talk.opus`) */
export function isRecordingPath(path: string): boolean {
  const [, first, locale, file, ...rest] = path.split('/');
  return first === 'audio' && !!locale && /^[a-z]{2}$/.test(locale) && !!file && AUDIO_FILE.test(file) && rest.length === 0;
}
