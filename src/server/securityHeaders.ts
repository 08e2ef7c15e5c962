/**
 * Headers sent with every response. The CSP allows scripts and styles from
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
