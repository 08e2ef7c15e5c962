import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/server/staticFiles';
import { contentSecurityPolicy, securityHeaders } from '../../src/server/securityHeaders';
import { readServerConfig } from '../../src/server/config';

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
  it('sends nosniff and a same-origin referrer policy', () => {
    const h = securityHeaders({ script: [], style: [] });
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('same-origin');
    expect(h['Permissions-Policy']).toContain('camera=()');
  });
});

describe('server config', () => {
  it('defaults to 127.0.0.1:4321', () => {
    expect(readServerConfig({})).toMatchObject({ host: '127.0.0.1', port: 4321, trustProxy: false });
  });
  it('refuses a bad port', () => {
    expect(() => readServerConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
