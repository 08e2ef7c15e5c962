/**
 * The built server's static serving: revalidation with ETags, HEAD, methods, the canonical
 * trailing slash, precompressed bodies, the 404 page in the URL's language; and the path rule:
 * a path that starts with `//`, holds a backslash, an encoded slash or backslash, NUL or a `..`
 * segment is answered 400 before any routing (such spellings mean another path to a proxy,
 * Astro or the file system), so no spelling of a partner URL ever returns data.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { validIntake } from '../support/load.mjs';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => server?.stop());

interface Answer { status: number; headers: IncomingHttpHeaders; body: Buffer }

/**
 * One request with the path sent byte for byte as written: fetch() and `new URL` would
 * resolve `..`, turn `\` into `/` and read `//x` as a host before the server saw them.
 */
function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, agent: false, headers: body === undefined ? headers : { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Everything the server writes on the socket for one request, as text (HTTP/1.1, Connection: close). */
function sendOnSocket(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.end(`${head}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

const PAGE = '/km/hotlines/';

describe('revalidation', () => {
  it('answers a matching If-None-Match with 304, no body, and the headers a cache and the browser need', async () => {
    const first = await send(PAGE, { headers: { 'Accept-Encoding': 'br' } });
    expect(first.status).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);

    const again = await send(PAGE, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A 304 stands in for the 200: a cache keeps using these from it.
    for (const name of ['etag', 'cache-control', 'vary', 'content-security-policy', 'x-content-type-options', 'referrer-policy']) {
      expect(again.headers[name], name).toBe(first.headers[name]);
    }
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('same-origin');
  });

  it('sends the page again for a stale ETag, and a different page gets a different ETag', async () => {
    const stale = await send(PAGE, { headers: { 'If-None-Match': '"not-this-one"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toContain('<html');
    const other = await send('/en/hotlines/');
    expect(other.headers.etag).not.toBe(stale.headers.etag);
  });

  it('finds the ETag in a list and in its weak form, as caches may send it', async () => {
    const { etag } = (await send(PAGE, { headers: { 'Accept-Encoding': 'br' } })).headers;
    for (const header of [`"other", ${etag}`, `W/${etag}`]) {
      expect((await send(PAGE, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': header } })).status, header).toBe(304);
    }
  });

  it('gives each encoding its own ETag: a cached brotli copy does not validate a gzip one', async () => {
    const br = await send(PAGE, { headers: { 'Accept-Encoding': 'br' } });
    const gzip = await send(PAGE, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers.etag).not.toBe(br.headers.etag);
    const crossed = await send(PAGE, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag! } });
    expect(crossed.status).toBe(200);
    expect(crossed.headers['content-encoding']).toBe('gzip');
  });

  it('revalidates pages on every visit and caches hashed assets for a year', async () => {
    const page = await send(PAGE);
    expect(page.headers['cache-control']).toBe('public, no-cache');
    const asset = /\/_astro\/[\w.-]+\.(?:css|js)/.exec(page.body.toString())?.[0];
    expect(asset, 'a hashed asset linked from the page').toBeDefined();
    const answer = await send(asset!);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('security headers by kind of file', () => {
  it('pages and the service worker carry the document headers; scripts, styles, fonts and data only nosniff and CORP', async () => {
    const page = await send(PAGE);
    const html = page.body.toString();
    const script = /src="(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script && style).toBeTruthy();
    for (const path of [PAGE, '/sw.js', '/en/guide.html']) {
      const answer = await send(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(answer.headers['x-frame-options'], path).toBe('DENY');
    }
    for (const path of [script!, style!, '/km/search-index.json', '/km/manifest.webmanifest', '/audio/km/sample-tone.opus']) {
      const answer = await send(path, { headers: { 'Accept-Encoding': 'br' } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['cross-origin-resource-policy'], path).toBe('same-origin');
      expect(answer.headers['content-security-policy'], path).toBeUndefined();
      expect(answer.headers['permissions-policy'], path).toBeUndefined();
    }
  });
});

describe('HEAD', () => {
  it('answers the same headers as GET and no body', async () => {
    const get = await send(PAGE, { headers: { 'Accept-Encoding': 'gzip' } });
    // On a raw socket: a body after a HEAD's headers would be seen here, where an HTTP client would drop it.
    const raw = await sendOnSocket(`HEAD ${PAGE} HTTP/1.1\r\nAccept-Encoding: gzip`);
    const [head = '', after] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(after).toBe('');
    const headers = Object.fromEntries(head.split('\r\n').slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    for (const name of ['content-type', 'content-encoding', 'etag', 'cache-control', 'vary', 'content-security-policy']) {
      expect(headers[name], name).toBe(get.headers[name]);
    }
    expect(Number(headers['content-length'])).toBe(get.body.length);
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE'])('%s to a static page is 405 with Allow: GET, HEAD', async (method) => {
    const answer = await send(PAGE, { method, body: 'x=1' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('the canonical trailing slash', () => {
  it('redirects /km/hotlines to /km/hotlines/ for good (301), keeping the query', async () => {
    const plain = await send('/km/hotlines');
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('/km/hotlines/');
    const query = '?from=qr&q=%E1%9E%90%E1%9F%83';
    const withQuery = await send(`/km/hotlines${query}`);
    expect(withQuery.status).toBe(301);
    expect(withQuery.headers.location).toBe(`/km/hotlines/${query}`);
  });

  it('does not redirect a path that is no page: that is a 404', async () => {
    expect((await send('/km/no-such-page')).status).toBe(404);
  });
});

describe('precompressed bodies', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['identity', undefined],
  ] as const)('Accept-Encoding %j → %s, the same page once decoded, with Vary: Accept-Encoding', async (accept, encoding) => {
    const plain = await send(PAGE, { headers: { 'Accept-Encoding': 'identity' } });
    const answer = await send(PAGE, { headers: { 'Accept-Encoding': accept } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(encoding);
    expect(answer.headers.vary).toMatch(/\bAccept-Encoding\b/i);
    const decoded = encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
    expect(decoded.equals(plain.body)).toBe(true);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
  });
});

describe('recordings', () => {
  const AUDIO = '/audio/km/sample-tone.opus';

  it('are served as Opus audio, whole, with byte ranges offered', async () => {
    const whole = await send(AUDIO, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/ogg; codecs=opus');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-encoding']).toBeUndefined();
    expect(whole.body.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(Number(whole.headers['content-length'])).toBe(whole.body.length);
  });

  it('answer a range with 206 and exactly those bytes, a range past the end with 416', async () => {
    const whole = (await send(AUDIO)).body;
    const part = await send(AUDIO, { headers: { Range: 'bytes=10-29' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-29/${whole.length}`);
    expect(part.body.equals(whole.subarray(10, 30))).toBe(true);
    const tail = await send(AUDIO, { headers: { Range: 'bytes=-7' } });
    expect(tail.body.equals(whole.subarray(whole.length - 7))).toBe(true);
    const open = await send(AUDIO, { headers: { Range: `bytes=${whole.length - 3}-` } });
    expect(open.body.equals(whole.subarray(whole.length - 3))).toBe(true);
    const past = await send(AUDIO, { headers: { Range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${whole.length}`);
  });

  it('send the whole file when If-Range names another version, or several ranges are asked', async () => {
    const stale = await send(AUDIO, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
    expect(stale.status).toBe(200);
    const current = await send(AUDIO, { headers: { Range: 'bytes=0-9', 'If-Range': stale.headers.etag as string } });
    expect(current.status).toBe(206);
    expect((await send(AUDIO, { headers: { Range: 'bytes=0-1,5-6' } })).status).toBe(200);
  });
});

describe('not found', () => {
  it.each([
    ['/en/no-such-page/', 'en'],
    ['/km/no-such-page/', 'km'],
    ['/en/hotlines/nothing-here', 'en'],
    ['/fr/no-such-page/', 'km'], // not one of our languages: the default, Khmer
  ])('%s is the 404 page in %s', async (path, lang) => {
    const answer = await send(path);
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body.toString()).toContain(`<html lang="${lang}"`);
  });
});

describe('the path rule: refused before any routing', () => {
  it.each([
    ['a .. segment', '/km/../etc/passwd'],
    ['a .. segment, encoded', '/km/%2e%2e/%2e%2e/etc/passwd'],
    ['.. behind encoded slashes', '/km/..%2f..%2fetc/passwd'],
    ['NUL', '/km/hotlines/%00'],
    ['NUL in a segment', '/km%00/hotlines/'],
    ['a leading //', '//km/hotlines/'],
    ['a leading // naming a host', '//example.org/km/'],
    ['// inside', '/km//hotlines/'],
    ['a backslash', '/km\\hotlines/'],
    ['a leading /\\', '/\\km/hotlines/'],
    ['an encoded slash', '/km%2fhotlines/'],
    ['an encoded slash, upper case', '/km%2Fhotlines/'],
    ['an encoded backslash', '/km%5chotlines/'],
    ['an encoded backslash, upper case', '/km/hotlines%5C'],
  ])('%s: %s → 400', async (_, path) => {
    const answer = await send(path);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-content-type-options'], 'security headers on the refusal too').toBe('nosniff');
  });

  it.each([
    ['POST', '/api//intake'],
    ['POST', '/api/x/../intake'],
    ['POST', '/api%2fintake'],
    ['PUT', '//km/hotlines/'],
  ])('%s %s → 400, not routed to an API or a 405', async (method, path) => {
    const answer = await send(path, { method, body: JSON.stringify(validIntake(0)), headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(400);
  });

  it('leaves the query alone: slashes, backslashes and %2f there are data', async () => {
    const answer = await send('/km/search/?q=a%2Fb//c%5C..%2F');
    expect(answer.status).toBe(200);
  });
});

describe('spellings of a partner URL', () => {
  // A stored request, so a spelling that slipped past the sign-in would have something to show.
  let reference = '';
  beforeAll(async () => {
    const stored = await send('/api/intake', { method: 'POST', body: JSON.stringify(validIntake(1)), headers: { 'Content-Type': 'application/json' } });
    expect(stored.status).toBe(201);
    reference = (JSON.parse(stored.body.toString()) as { reference: string }).reference;
  });

  it.each([
    '//partner/api/requests',
    '/\\partner/',
    '/%2fpartner/api/requests',
    '/partner//api/requests',
    '/PARTNER/api/requests',
    '/partner/api/requests/..%2f..%2f',
  ])('%s: 400, 401, 404 or the login, never data and never 5xx', async (path) => {
    const answer = await send(path, { headers: { Accept: 'application/json' } });
    const redirect = answer.status >= 300 && answer.status < 400;
    if (redirect) expect(new URL(answer.headers.location ?? '', server.url).pathname).toBe('/partner/login');
    else expect([400, 401, 404]).toContain(answer.status);
    expect(answer.body.toString()).not.toContain(reference);
  });
});
