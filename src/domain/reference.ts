/**
 * Reference codes a person can read over the phone: "SJ-7K3M-9QXP". No
 * characters that are confused when read or heard (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
 */
export const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
export const REFERENCE_PATTERN = new RegExp(`^SJ-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`);

/** Builds a reference from 8 random bytes (crypto.getRandomValues on the server). */
export function makeReference(randomBytes: Uint8Array): string {
  if (randomBytes.length < 8) throw new Error('makeReference needs 8 random bytes');
  const chars = Array.from(randomBytes.slice(0, 8), (b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]);
  return `SJ-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
