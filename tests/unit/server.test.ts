import { describe, expect, it } from 'vitest';
import { chooseEncoding, etagFor, ifNoneMatchMatches } from '../../src/server/staticFiles';
import { contentSecurityPolicy, securityHeaders } from '../../src/server/securityHeaders';

describe('content negotiation', () => {
  const both = { br: 'x.br', gzip: 'x.gz' };
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    [undefined, undefined],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });
  it('serves what exists', () => {
    expect(chooseEncoding('br, gzip', { gzip: 'x.gz' })).toBe('gzip');
  });
});

describe('security headers', () => {
  it('never allows inline script without a hash, and forbids framing', () => {
    const csp = contentSecurityPolicy({ script: ['sha256-abc'], style: [] });
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self' 'sha256-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('allows each inline hash only in its own directive, and passes the build\'s hashes to the header', () => {
    const directives = new Map(contentSecurityPolicy({ script: ['sha256-s1', 'sha256-s2'], style: ['sha256-c1'] })
      .split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('script-src')).toEqual(["'self'", "'sha256-s1'", "'sha256-s2'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'sha256-c1'"]);
    // Without hashes, nothing but 'self' (no stray empty source).
    expect(contentSecurityPolicy({ script: [], style: [] })).toContain("script-src 'self'; style-src 'self';");
    expect(securityHeaders({ script: ['sha256-s1'], style: [] })['Content-Security-Policy']).toContain("script-src 'self' 'sha256-s1'");
  });
});

describe('ETags of static files', () => {
  it('differ for each encoding of one file', () => {
    const tags = [etagFor('"abc"', undefined), etagFor('"abc"', 'br'), etagFor('"abc"', 'gzip')];
    expect(tags).toEqual(['"abc"', '"abc-br"', '"abc-gzip"']);
  });
  it.each([
    ['"abc-br"', '"abc-br"', true],
    ['W/"abc-br"', '"abc-br"', true],
    ['"x", "abc-br" ,"y"', '"abc-br"', true],
    ['*', '"abc-br"', true],
    ['"abc-gzip"', '"abc-br"', false],
    ['"abc"', '"abc-br"', false],
    [undefined, '"abc"', false],
  ])('If-None-Match %j against %s → %s', (header, etag, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });
});
