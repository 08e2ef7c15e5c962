import { describe, expect, it } from 'vitest';
import { canonicalIntake, validateIntake } from '../../src/domain/intake';
import { latinDigits, normalizeCambodianPhone } from '../../src/domain/phone';
import { makeReference, REFERENCE_PATTERN } from '../../src/domain/reference';

describe('Cambodian phone numbers', () => {
  it.each([
    ['012 345 678', '+85512345678'],
    ['012-345-678', '+85512345678'],
    ['+855 12 345 678', '+85512345678'],
    ['85512345678', '+85512345678'],
    ['097 123 4567', '+855971234567'],
    ['០១២ ៣៤៥ ៦៧៨', '+85512345678'],
    ['+855 (0)12 345 678', '+85512345678'],
    ['00855 12 345 678', '+85512345678'],
    ['023 997 919', '+85523997919'],
    ['(012) 345.678', '+85512345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCambodianPhone(input)).toBe(expected);
  });

  it.each([
    '', '12345', '012 345', '+66 81 234 5678', '+855 12 345 678 999', 'call me', '012 345 67a', '0012345678', '1280', '0000000000',
  ])('refuses %j', (input) => {
    expect(normalizeCambodianPhone(input)).toBeNull();
  });

  it('reads Khmer digits', () => {
    expect(latinDigits('០១២៣៤៥៦៧៨៩')).toBe('0123456789');
  });
});

const valid = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962', locale: 'km', topic: 'migration', province: 'KH-2',
  under18: true, phone: '០១២ ៣៤៥ ៦៧៨', consent: true,
};

describe('the intake schema', () => {
  it('accepts a complete request and normalises it', () => {
    const result = validateIntake({ ...valid, name: '  សុខា  ', message: 'ជួយខ្ញុំផង', callTime: '', discreet: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ phone: '+85512345678', name: 'សុខា', callTime: undefined, discreet: true });
  });

  it('reports one error per field, in the order of the form', () => {
    const result = validateIntake({ ...valid, topic: 'holiday', phone: '123', consent: false, message: 'x'.repeat(1001), province: 'KH-26' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['topic', 'province', 'phone', 'consent', 'message']);
    expect(result.errors[0]!.key).toBe('intake.errors.topic');
  });

  it('accepts exactly 1000 characters of message, Khmer included', () => {
    expect(validateIntake({ ...valid, message: 'ក'.repeat(1000) }).ok).toBe(true);
    expect(validateIntake({ ...valid, message: 'ក'.repeat(1001) }).ok).toBe(false);
  });

  it('calls anything that is not a field a form error', () => {
    for (const bad of [null, 42, 'x', [], { ...valid, id: 'not-a-uuid' }, { ...valid, locale: 'fr' }]) {
      const result = validateIntake(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('form');
    }
  });

  it('compares requests after normalising: the same person retrying is the same request', () => {
    const a = validateIntake({ ...valid, phone: '012 345 678' });
    const b = validateIntake({ ...valid, phone: '+855 12 345 678', name: '' });
    const c = validateIntake({ ...valid, phone: '012 345 679' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(canonicalIntake(a.value)).toBe(canonicalIntake(b.value));
    expect(canonicalIntake(a.value)).not.toBe(canonicalIntake(c.value));
  });
});

describe('reference codes', () => {
  it('are short, readable and free of confusable characters', () => {
    // Every byte value in every position: each character makeReference can ever write.
    const refs = Array.from({ length: 256 }, (_, b) => makeReference(new Uint8Array(8).map((_, i) => (b + i * 37) % 256)));
    for (const ref of refs) {
      expect(ref).toMatch(/^SJ-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(ref.slice(3), ref).not.toMatch(/[0O1IL5S2Z8BUV]/);
      expect(ref, 'REFERENCE_PATTERN, which the API tests check codes with, must accept it').toMatch(REFERENCE_PATTERN);
    }
  });
  it('differ for different random bytes', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => makeReference(crypto.getRandomValues(new Uint8Array(8)))));
    expect(refs.size).toBe(1000);
  });
});
