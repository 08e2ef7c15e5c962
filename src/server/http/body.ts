/** Reading a request body with a limit: a declared or streamed size over it stops reading at once. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 16 * 1024;

/** The body as text, or undefined when it is over `limit` bytes (or the client went away). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // drain without keeping it
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: string | undefined) => { if (!done) { done = true; resolve(value); } };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { chunks.length = 0; req.removeAllListeners('data'); req.resume(); finish(undefined); return; }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => finish(undefined));
    req.on('close', () => finish(undefined));
  });
}
