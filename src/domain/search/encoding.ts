/**
 * Compact numbers in JSON strings: each number is written in base 32, lowest
 * digits first, one character per 5 bits; the characters `0-9a-v` end a number,
 * `w-zA-Z-_` say another digit follows. Small numbers (most gaps between pages
 * and most counts) take one character. Decoding is a table look-up per character.
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeNumbers(numbers: Iterable<number>): string {
  let out = '';
  for (let n of numbers) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`encodeNumbers: ${n} is not a whole number ≥ 0`);
    while (n >= 32) {
      out += ALPHABET[32 + (n % 32)];
      n = Math.floor(n / 32);
    }
    out += ALPHABET[n];
  }
  return out;
}

export function decodeNumbers(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (let i = 0; i < text.length; i++) {
    const digit = VALUE[text.charCodeAt(i)]!;
    if (digit < 0) throw new Error('decodeNumbers: not an encoded list');
    if (digit >= 32) {
      value += (digit - 32) * scale;
      scale *= 32;
    } else {
      out.push(value + digit * scale);
      value = 0;
      scale = 1;
    }
  }
  if (scale !== 1) throw new Error('decodeNumbers: the list is cut short');
  return out;
}

/** FNV-1a over UTF-16 units: which file a term lives in. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
