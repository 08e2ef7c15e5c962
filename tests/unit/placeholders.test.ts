import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/i18n/placeholders';

describe('fillPlaceholders', () => {
  it('fills every {{name}}, repeated or not, with strings and numbers', () => {
    expect(fillPlaceholders('{{done}} of {{total}} saved ({{done}})', { done: 3, total: 12 })).toBe('3 of 12 saved (3)');
    expect(fillPlaceholders('សំណើរបស់អ្នកត្រូវបានផ្ញើ។ លេខយោង៖ {{reference}}', { reference: 'SJ-7K2P-9QXM' })).toBe('សំណើរបស់អ្នកត្រូវបានផ្ញើ។ លេខយោង៖ SJ-7K2P-9QXM');
  });
  it('leaves other text alone, and a value not given becomes empty, never "{{name}}"', () => {
    expect(fillPlaceholders('{ not } {{ spaced }} {{missing}}.', {})).toBe('{ not } {{ spaced }} .');
    expect(fillPlaceholders('no placeholders')).toBe('no placeholders');
  });
  it('does not read a value as a pattern: "$&" stays as typed', () => {
    expect(fillPlaceholders('Results for “{{query}}”', { query: '$& $1' })).toBe('Results for “$& $1”');
  });
});

describe('numbers in Khmer strings', () => {
  it('are written in Khmer digits; text values and English strings are left as given', () => {
    expect(fillPlaceholders('នៅសល់តួអក្សរចំនួន {{count}}', { count: 1000 })).toBe('នៅសល់តួអក្សរចំនួន ១០០០');
    expect(fillPlaceholders('លេខកូដយោង៖ {{reference}}', { reference: 'SJ-AB12-CD34' })).toBe('លេខកូដយោង៖ SJ-AB12-CD34');
    expect(fillPlaceholders('{{count}} characters left', { count: 1000 })).toBe('1000 characters left');
  });
});
