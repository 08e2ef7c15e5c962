/** The dispatcher's pure parts: one reading of the path, and the route table's matching. */
import { describe, expect, it } from 'vitest';
import { isPartnerPath, normalisePath } from '../../src/server/http/path';
import { matchRoute, ROUTES } from '../../src/server/http/routes';

describe('the request path, decided once', () => {
  it.each([
    ['/km/hotlines/', '/km/hotlines/', ''],
    ['/km/search/?q=%E1%9E%80', '/km/search/', '?q=%E1%9E%80'],
    ['/en/a%20b', '/en/a b', ''],
    ['/km/%E1%9E%80/', '/km/ក/', ''],
    ['/', '/', ''],
    ['/api/intake?x=//y', '/api/intake', '?x=//y'],
  ])('%s → %s', (raw, pathname, search) => {
    expect(normalisePath(raw)).toEqual({ ok: true, pathname, search });
  });

  it.each([
    '//partner/api/requests', '/\\partner/', '/%2fpartner/api/requests', '/%2Fpartner', '/%5cpartner', '/%5Cpartner', '/partner//api',
    '/partner/%00', '/a%0ab', '/km/../en/', '/km/%2e%2e/en/', '/km/./x', '/%E1%9E', 'partner/api', 'http://evil/partner', '',
  ])('refuses %j', (raw) => {
    expect(normalisePath(raw)).toEqual({ ok: false });
  });

  it('sees /partner in any case, and nothing else', () => {
    expect(['/partner', '/partner/', '/PARTNER/api', '/Partner/login'].every(isPartnerPath)).toBe(true);
    expect(['/partners', '/km/partner/', '/api/partner'].some(isPartnerPath)).toBe(false);
  });
});

describe('the route table', () => {
  it('declares each route once', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.pattern}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches with or without the trailing slash, and takes parameters', () => {
    const match = matchRoute('POST', '/partner/api/requests/SJ-ABCD-EFGH/status/');
    expect(match && 'route' in match && match.params).toEqual({ id: 'SJ-ABCD-EFGH' });
    expect(matchRoute('POST', '/api/intake/')).toMatchObject({ route: { pattern: '/api/intake' } });
    expect(matchRoute('HEAD', '/partner/api/requests')).toMatchObject({ route: { method: 'GET' } });
  });

  it('says which methods a known path allows, and knows nothing of unknown paths', () => {
    expect(matchRoute('GET', '/api/intake')).toEqual({ allowed: ['POST'] });
    expect(matchRoute('DELETE', '/partner/api/requests/x')).toEqual({ allowed: ['GET'] });
    expect(matchRoute('POST', '/api/intake/extra')).toBeUndefined();
    expect(matchRoute('GET', '/partner/api/requests//status')).toBeUndefined();
  });
});
