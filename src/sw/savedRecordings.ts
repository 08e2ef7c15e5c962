/**
 * For the service worker: recordings the person chose to save
 * (src/client/recordings.ts puts them in RECORDINGS_CACHE) are answered from
 * that cache, so they play with no network; any other recording comes from the
 * network, and is never saved by the worker itself. Media elements ask for
 * byte ranges: a saved file answers them with 206 and the slice asked for.
 *
 * Wiring (src/sw/sw.ts, with its other routes; Workbox is not imported here so
 * that this stays testable in Node):
 *   import { recordingRoute } from './savedRecordings';
 *   registerRoute(recordingRoute.match, recordingRoute.handler);
 */
import { RECORDINGS_CACHE, isRecordingPath } from '../domain/recordings';

/** `bytes=10-`, `bytes=10-19`, `bytes=-5` of a body of `size` bytes → [start, end] inclusive; undefined if unusable. */
export function parseRange(header: string | null, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') { start = Math.max(0, size - Number(m[2])); end = size - 1; }
  else { start = Number(m[1]); end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1); }
  return start <= end && start < size ? [start, end] : undefined;
}

/** The saved answer for a recording's request, or undefined when it was not saved. */
export async function savedRecordingResponse(request: Request, storage: CacheStorage = caches): Promise<Response | undefined> {
  if (!(await storage.has(RECORDINGS_CACHE))) return undefined;
  const saved = await storage.match(new URL(request.url).pathname, { cacheName: RECORDINGS_CACHE });
  if (!saved) return undefined;
  const rangeHeader = request.headers.get('Range');
  if (!rangeHeader) return saved;
  const body = await saved.arrayBuffer();
  const range = parseRange(rangeHeader, body.byteLength);
  const type = saved.headers.get('Content-Type') ?? 'application/octet-stream';
  if (!range) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${body.byteLength}` } });
  const [start, end] = range;
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: { 'Content-Type': type, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${body.byteLength}`, 'Accept-Ranges': 'bytes' },
  });
}

/** A Workbox route: same-origin GETs of /audio/<lang>/<file>, from the saved copy, else the network. */
export const recordingRoute = {
  match: ({ request, url }: { request: Request; url: URL }): boolean =>
    request.method === 'GET' && url.origin === globalThis.location?.origin && isRecordingPath(url.pathname),
  handler: async ({ request }: { request: Request }): Promise<Response> => (await savedRecordingResponse(request)) ?? fetch(request),
};
