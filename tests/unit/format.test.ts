/**
 * Digits and dates on Khmer pages (content/style/km.yaml, "digits"): Khmer digits and
 * Khmer month names in running text and dates; Latin digits only in what a person dials
 * or types, which the helpers never receive as numbers.
 */
import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatSourceDate, khmerDigits, localDigits, MONTHS } from '../../src/i18n/format';
import { formatDate as formatDateFromRoutes } from '../../src/i18n/routes';
import { useTranslations } from '../../src/i18n';

describe('khmerDigits and localDigits', () => {
  it('maps every Latin digit to its Khmer digit and leaves the rest alone', () => {
    expect(khmerDigits('0123456789')).toBe('០១២៣៤៥៦៧៨៩');
    expect(khmerDigits('ឆ្នាំ 2017 (ILO C138)')).toBe('ឆ្នាំ ២០១៧ (ILO C១៣៨)');
    expect(khmerDigits('ព្រំដែន')).toBe('ព្រំដែន');
  });
  it('writes Khmer digits on Khmer pages only, without grouping', () => {
    expect(localDigits(2026, 'km')).toBe('២០២៦');
    expect(localDigits(2026, 'en')).toBe('2026');
    expect(localDigits('12', 'km')).toBe('១២');
  });
});

describe('formatNumber', () => {
  it('groups thousands and marks decimals as each language does', () => {
    expect(formatNumber(429380, 'km')).toBe('៤២៩.៣៨០');
    expect(formatNumber(429380, 'en')).toBe('429,380');
    expect(formatNumber(97.8, 'km')).toBe('៩៧,៨');
    expect(formatNumber(97.8, 'en')).toBe('97.8');
    expect(formatNumber(100000, 'km')).toBe('១០០.០០០');
    expect(formatNumber(-1234.5, 'en')).toBe('-1,234.5');
    expect(formatNumber(7, 'km')).toBe('៧');
  });
  it('agrees with the platform where it has Khmer digits (CLDR km, numbering system khmr)', () => {
    for (const n of [0, 12, 999, 1000, 429380, 97.8, 1234567.25]) {
      expect(formatNumber(n, 'km')).toBe(new Intl.NumberFormat('km-u-nu-khmr', { maximumFractionDigits: 10 }).format(n));
    }
  });
});

describe('formatDate', () => {
  it('writes a Khmer date with Khmer digits and month name, an English one in full', () => {
    expect(formatDate(new Date('2026-11-26'), 'km')).toBe('២៦ វិច្ឆិកា ២០២៦');
    expect(formatDate(new Date('2026-11-26'), 'en')).toBe('26 November 2026');
    expect(formatDate(new Date('2017-11-07T23:30:00Z'), 'km')).toBe('៧ វិច្ឆិកា ២០១៧');
  });
  it('names all twelve months, as the platform does', () => {
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2026, m, 1));
      const intl = new Intl.DateTimeFormat('km-u-nu-khmr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
      expect(formatDate(date, 'km')).toBe(intl);
      expect(formatDate(date, 'en')).toBe(`1 ${MONTHS.en[m]} 2026`);
    }
  });
  it('is the one routes.ts exports (the pages and the partner side use it)', () => {
    expect(formatDateFromRoutes).toBe(formatDate);
  });
  it('refuses an invalid date rather than printing "NaN"', () => {
    expect(() => formatDate(new Date('not a date'), 'km')).toThrow(RangeError);
  });
});

describe('formatSourceDate', () => {
  it('writes a source year, month or day in the page language', () => {
    expect(formatSourceDate('2013', 'km')).toBe('២០១៣');
    expect(formatSourceDate('2023-08', 'km')).toBe('សីហា ២០២៣');
    expect(formatSourceDate('2023-08-29', 'km')).toBe('២៩ សីហា ២០២៣');
    expect(formatSourceDate('2023-08-29', 'en')).toBe('29 August 2023');
    expect(formatSourceDate('2013', 'en')).toBe('2013');
  });
  it('returns null for "n.d." and refuses what the content schema refuses', () => {
    expect(formatSourceDate('n.d.', 'km')).toBeNull();
    expect(() => formatSourceDate('2023-13', 'km')).toThrow(RangeError);
    expect(() => formatSourceDate('August 2023', 'en')).toThrow(RangeError);
  });
});

describe('numbers in interface strings', () => {
  it('fills numbers in Khmer digits on Khmer pages, and leaves dialled numbers as typed', () => {
    const km = useTranslations('km');
    expect(km('present.minutes', { count: 45 })).toBe('៤៥ នាទី');
    expect(km('hotlines.sourceN', { n: 2 })).toBe('ប្រភព ២');
    expect(km('help.call', { number: '1280' })).toBe('ហៅលេខ 1280');
  });
  it('keeps English digits and plural forms on English pages', () => {
    const en = useTranslations('en');
    expect(en('present.minutes', { count: 45 })).toBe('45 minutes');
    expect(en('checks.signsFound', { count: 1 })).toBe('1 warning sign found');
    expect(en('checks.signsFound', { count: 3 })).toBe('3 warning signs found');
  });
});
