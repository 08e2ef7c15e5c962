// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import tailwindcss from '@tailwindcss/vite';

// SITE_URL (optional) is the public address used for absolute links
// (hreflang alternates, the QR code of later issues). Unset, links stay relative.
const site = process.env.SITE_URL || undefined;

export default defineConfig({
  site,
  // Every public page is prerendered; only `/`, /api/* and /partner/* run on the server.
  output: 'static',
  // Middleware mode: our own small server (src/server/main.ts) serves the
  // precompressed static files with security headers and hands the rest to Astro.
  adapter: node({ mode: 'middleware' }),
  // 'ignore' so API paths like /api/intake work without a slash; our server
  // redirects page URLs to their canonical trailing-slash form.
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // We check Origin ourselves (src/server), so /api can answer 415/422 and /partner its own 403.
  security: { checkOrigin: false },
  prefetch: false,
  // The tests point this elsewhere when they validate fixture content, so the real cache is untouched.
  cacheDir: process.env.ASTRO_CACHE_DIR || './node_modules/.astro',
  outDir: process.env.ASTRO_OUT_DIR || './dist',
  devToolbar: { enabled: false },
  integrations: [react()],
  vite: {
    plugins: [tailwindcss()],
    // No inlined assets or scripts: the CSP allows no inline script without a hash.
    build: { assetsInlineLimit: 0 },
  },
});
