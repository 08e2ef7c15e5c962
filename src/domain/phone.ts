/**
 * Cambodian phone numbers as people write them — "012 345 678", "012-345-678",
 * "+855 12 345 678", "85512345678", "097 123 4567", Khmer digits "០១២…" — to one
 * form, +855 and the national number without its leading 0.
 */
const KHMER_DIGITS = /[\u17E0-\u17E9]/g;

/** Khmer digits ០–៩ as Latin 0–9. */
export function latinDigits(text: string): string {
  return text.replace(KHMER_DIGITS, (d) => String(d.charCodeAt(0) - 0x17e0));
}

/** "+855 (0)12 …": the national 0 kept by habit after the country code. */
const dropTrunkZero = (digits: string) => (digits.startsWith('0') ? digits.slice(1) : digits);

/** `+855xxxxxxxx`, or null when it is not a Cambodian number. */
export function normalizeCambodianPhone(input: string): string | null {
  const text = latinDigits(input).trim();
  // Only digits and the separators people type; anything else is not a phone number.
  if (!/^\+?[\d\s().\-\u00A0]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) {
    if (!digits.startsWith('855')) return null;
    digits = dropTrunkZero(digits.slice(3));
  } else if (digits.startsWith('00855')) {
    digits = dropTrunkZero(digits.slice(5));
  } else if (digits.startsWith('855') && digits.length >= 11) {
    digits = dropTrunkZero(digits.slice(3));
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  } else {
    return null;
  }
  // National significant numbers are 8 or 9 digits and never start with 0.
  if (!/^[1-9]\d{7,8}$/.test(digits)) return null;
  return `+855${digits}`;
}
