/**
 * For the service worker: recordings the person chose to save
 * (src/client/recordings.ts puts them in RECORDINGS_CACHE) are answered from
 * that cache, so they play with no network; any other recording comes from the
 * network, and is never saved by the worker itself. Media elements ask for
 * byte ranges: a saved file answers them with 206 and the slice asked for.
 *
 * Registered in src/sw/sw.ts; Workbox is not imported here so that this stays
 * testable in Node.
 */
import { RECORDINGS_CACHE, isRecordingPath } from '../domain/recordings';
import { parseRange } from '../domain/byteRange';

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
