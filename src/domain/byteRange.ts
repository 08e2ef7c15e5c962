/**
 * One HTTP byte range (RFC 9110 §14.1.2), as media elements ask for them: used by the server for
 * recordings and by the service worker for saved ones. Multiple ranges are not offered (answered
 * with the whole file, as the RFC allows).
 */

/** `bytes=10-`, `bytes=10-19`, `bytes=-5` of a body of `size` bytes → [start, end] inclusive; undefined if unusable. */
export function parseRange(header: string | null | undefined, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') { start = Math.max(0, size - Number(m[2])); end = size - 1; }
  else { start = Number(m[1]); end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1); }
  return start <= end && start < size ? [start, end] : undefined;
}

/** Is the header a single `bytes=` range (one we answer with 206 or 416, not the whole file)? */
export const isSingleByteRange = (header: string | null | undefined): boolean => /^bytes=\d*-\d*$/.test(header?.trim() ?? '');
