/**
 * /audio/<lang>/<file>: the recordings that articles and decks name, copied
 * from content/audio/<lang>/ at build. Not in any offline pack: a recording is
 * saved on the phone only when the person asks (src/client/recordings.ts).
 */
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { allRecordings, type Recording } from '../../../data/recordings';

export const getStaticPaths: GetStaticPaths = async () =>
  (await allRecordings()).map((recording) => ({ params: { lang: recording.locale, file: recording.file }, props: { recording } }));

export const GET: APIRoute = ({ props }) => {
  const { recording } = props as { recording: Recording };
  return new Response(readFileSync(recording.path), { headers: { 'Content-Type': recording.type } });
};
