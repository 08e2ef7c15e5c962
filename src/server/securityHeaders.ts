/**
 * Headers sent with every response (a script, style sheet, font or image
 * gets only nosniff and CORP: DOCUMENT_ONLY_HEADERS). The CSP allows scripts and styles from
 * this origin only, plus the hashes of any inline ones the build produced
 * (computed by scripts/postbuild.mjs): never 'unsafe-inline'.
 */
export interface InlineHashes {
  script: string[];
  style: string[];
}

export function contentSecurityPolicy(hashes: InlineHashes): string {
  const quote = (list: string[]) => list.map((h) => `'${h}'`).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.script.length ? ' ' + quote(hashes.script) : ''}`,
    `style-src 'self'${hashes.style.length ? ' ' + quote(hashes.style) : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers that govern a document (or a worker: its CSP limits what it fetches), not a script,
 * style sheet, font or image it loads: a sub-resource does without them. They are ~0.8 KB a
 * response, so a form page's 14 files would carry ~11 KB of them over a prepaid connection.
 */
export const DOCUMENT_ONLY_HEADERS = ['Content-Security-Policy', 'Referrer-Policy', 'X-Frame-Options', 'Cross-Origin-Opener-Policy', 'Permissions-Policy'] as const;

/** Is this static file a sub-resource (loaded by a page), not a document or the service worker? */
export function isSubresource(urlPath: string, contentType: string): boolean {
  if (urlPath === '/sw.js') return false;
  return /^(text\/(css|javascript)|font\/|image\/(png|x-icon|webp)|audio\/|application\/(json|manifest\+json))/.test(contentType);
}

export function securityHeaders(hashes: InlineHashes): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hashes),
    'X-Content-Type-Options': 'nosniff',
    // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null`
    // on the site's own form posts, which would break the origin checks.
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy':
      'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), fullscreen=(self), screen-wake-lock=(self)',
  };
}
