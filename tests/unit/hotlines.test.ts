import { describe, expect, it } from 'vitest';
import { groupByCountry, keyHotlines, smsHref, telHref, type HotlineLike } from '../../src/domain/hotlines';

const line = (over: Partial<HotlineLike>): HotlineLike => ({
  country: 'KH', order: 1, dial: '1280', international: null, key: false, oldSource: false, ...over,
});

describe('hotline helpers', () => {
  it('makes tel: and sms: links with digits only, keeping a leading +', () => {
    expect(telHref('023997919')).toBe('tel:023997919');
    expect(telHref('+855 23 997 919')).toBe('tel:+85523997919');
    expect(telHref('1-800-010-181')).toBe('tel:1800010181');
    expect(smsHref('1280')).toBe('sms:1280');
  });

  it('groups by country, Cambodia first, each sorted by order', () => {
    const groups = groupByCountry([
      line({ country: 'TH', order: 2, dial: 'b' }),
      line({ country: 'KR', order: 1, dial: 'c' }),
      line({ country: 'TH', order: 1, dial: 'a' }),
      line({ country: 'KH', order: 1, dial: 'k' }),
    ]);
    expect(groups.map((g) => g.country)).toEqual(['KH', 'TH', 'KR']);
    expect(groups[1]!.hotlines.map((h) => h.dial)).toEqual(['a', 'b']);
  });

  it('puts only Cambodian key lines from current sources in the "need help now" box', () => {
    const lines = [
      line({ dial: '117', order: 2, key: true }),
      line({ dial: '1280', order: 1, key: true }),
      line({ dial: '023', key: true, oldSource: true }),
      line({ dial: '1300', country: 'TH', key: true }),
      line({ dial: '1297' }),
    ];
    expect(keyHotlines(lines).map((h) => h.dial)).toEqual(['1280', '117']);
  });
});
