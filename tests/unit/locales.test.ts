import { describe, expect, it } from 'vitest';
import { chooseLocale, otherLocale, parseAcceptLanguage, readCookie } from '../../src/domain/locales';

describe('chooseLocale (the `/` redirect)', () => {
  it.each([
    [undefined, 'km'],
    ['', 'km'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['km-KH,km;q=0.9,en;q=0.8', 'km'],
    ['th-TH,th;q=0.9', 'km'],
    ['th-TH,en;q=0.5', 'en'],
    ['en;q=0.4,km;q=0.8', 'km'],
    ['fr, *;q=0.1', 'km'],
    ['en;q=0', 'km'],
    ['garbage;;;,', 'km'],
  ])('Accept-Language %j → %s', (acceptLanguage, expected) => {
    expect(chooseLocale({ acceptLanguage })).toBe(expected);
  });

  it('prefers the language chosen with the switch (cookie) over the browser', () => {
    expect(chooseLocale({ cookie: 'a=1; lang=en', acceptLanguage: 'km' })).toBe('en');
    expect(chooseLocale({ cookie: 'lang=km', acceptLanguage: 'en-GB' })).toBe('km');
  });

  it('ignores a cookie that is not one of our languages', () => {
    expect(chooseLocale({ cookie: 'lang=fr', acceptLanguage: 'en' })).toBe('en');
  });
});

describe('helpers', () => {
  it('parses Accept-Language by weight, keeping order on ties', () => {
    expect(parseAcceptLanguage('da, en-gb;q=0.8, en;q=0.7')).toEqual(['da', 'en-gb', 'en']);
    expect(parseAcceptLanguage('en;q=0.5, km;q=0.5')).toEqual(['en', 'km']);
  });
  it('reads a cookie', () => {
    expect(readCookie('x=1; lang=km; y=2', 'lang')).toBe('km');
    expect(readCookie(undefined, 'lang')).toBeUndefined();
  });
  it('knows the other language', () => {
    expect(otherLocale('km')).toBe('en');
    expect(otherLocale('en')).toBe('km');
  });
});
