/**
 * The request's path, decided once, before any routing. Spellings that mean
 * something else to another layer (a proxy, Astro, the file system) are
 * refused rather than guessed: `//x` (a host to some parsers), a backslash
 * (a slash to some), an encoded slash or backslash, NUL or other control
 * characters, and `.`/`..` segments. Everything after is decided on `pathname`.
 */
export type RequestPath = { ok: true; pathname: string; search: string } | { ok: false };

const BAD_RAW = /\/\/|\\|%2f|%5c|%00/i;

export function normalisePath(rawUrl: string | undefined): RequestPath {
  const raw = rawUrl ?? '/';
  const q = raw.indexOf('?');
  const rawPath = q === -1 ? raw : raw.slice(0, q);
  const search = q === -1 ? '' : raw.slice(q);
  if (!rawPath.startsWith('/') || BAD_RAW.test(rawPath)) return { ok: false };
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return { ok: false };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(pathname) || pathname.includes('//')) return { ok: false };
  if (pathname.split('/').some((segment) => segment === '.' || segment === '..')) return { ok: false };
  return { ok: true, pathname, search };
}

/** Every URL under /partner, however it is cased: the partner policy applies to all of them. */
export const isPartnerPath = (pathname: string) => /^\/partner(\/|$)/i.test(pathname);
