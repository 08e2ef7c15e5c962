/**
 * Serves the prerendered site from dist/client: precompressed at build
 * (brotli and gzip next to each file), chosen by Accept-Encoding, hashed
 * assets cached for a year, HTML revalidated with an ETag. A file sent as
 * it is (a recording) answers a single byte range with 206 (seeking,
 * resuming on a bad connection); If-Range is honoured.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep, extname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSingleByteRange, parseRange } from '../domain/byteRange';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  // Recordings (content/audio): Opus in Ogg, AAC; answered in byte ranges, as media elements ask.
  '.opus': 'audio/ogg; codecs=opus',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
};

export interface StaticFile {
  path: string;
  type: string;
  etag: string;
  immutable: boolean;
  encodings: { br?: string; gzip?: string };
}

/** URL path → file, read once at start (a few hundred files: a few milliseconds). */
export function indexStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.(br|gz)$/.test(entry.name)) {
        const url = '/' + relative(root, full).split(sep).join('/');
        const body = readFileSync(full);
        const encodings: StaticFile['encodings'] = {};
        if (exists(`${full}.br`)) encodings.br = `${full}.br`;
        if (exists(`${full}.gz`)) encodings.gzip = `${full}.gz`;
        files.set(url, {
          path: full,
          type: TYPES[extname(full)] ?? 'application/octet-stream',
          etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
          immutable: url.startsWith('/_astro/'),
          encodings,
        });
      }
    }
  };
  walk(root);
  return files;
}

function exists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The best encoding the client accepts among those we have. */
export function chooseEncoding(acceptEncoding: string | undefined, available: StaticFile['encodings']): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (available.br && ok('br')) return 'br';
  if (available.gzip && ok('gzip')) return 'gzip';
  return undefined;
}

/** The ETag of one encoding of a file: `"<hash>-br"`, `"<hash>-gzip"`, or the plain one. */
export const etagFor = (etag: string, encoding: 'br' | 'gzip' | undefined) => (encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag);

/** If-None-Match: `*`, or a list of tags, weak or strong (a GET compares weakly, RFC 9110 §13.1.2). */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

// The whole site is a few MB: keep what was served in memory.
const bodies = new Map<string, Buffer>();
function readCached(path: string): Buffer {
  let body = bodies.get(path);
  if (!body) bodies.set(path, (body = readFileSync(path)));
  return body;
}

export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: StaticFile, status = 200): void {
  const encoding = chooseEncoding(req.headers['accept-encoding'], file.encodings);
  const path = encoding ? file.encodings[encoding]! : file.path;
  const body = readCached(path);
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'public, no-cache');
  if (file.encodings.br || file.encodings.gzip) res.setHeader('Vary', 'Accept-Encoding');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  if (status === 200) {
    // One tag per representation: a cache holding the brotli body must not revalidate it as the gzip one.
    const etag = etagFor(file.etag, encoding);
    res.setHeader('ETag', etag);
    if (ifNoneMatchMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304).end();
      return;
    }
  }
  if (!encoding && status === 200) {
    res.setHeader('Accept-Ranges', 'bytes');
    const asked = req.headers.range;
    const ifRange = req.headers['if-range'];
    if (asked && isSingleByteRange(asked) && (!ifRange || ifRange === file.etag)) {
      const range = parseRange(asked, body.length);
      if (!range) {
        res.setHeader('Content-Range', `bytes */${body.length}`);
        res.writeHead(416).end();
        return;
      }
      const [start, end] = range;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${body.length}`);
      res.setHeader('Content-Length', end - start + 1);
      res.writeHead(206);
      res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
      return;
    }
  }
  res.setHeader('Content-Length', body.length);
  res.writeHead(status);
  res.end(req.method === 'HEAD' ? undefined : body);
}
