// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import tailwindcss from '@tailwindcss/vite';

import { buildConfig } from './src/config.ts';

// Settings come from src/config.ts, the one module that reads the environment.
// SITE_URL (optional) makes canonical, hreflang and QR links absolute; unset, links stay relative.
const { siteUrl: site, cacheDir, outDir } = buildConfig();

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
  // The tests point these elsewhere when they build fixture content, so the real build is untouched.
  cacheDir,
  outDir,
  devToolbar: { enabled: false },
  integrations: [react()],
  vite: {
    plugins: [tailwindcss()],
    // No inlined assets or scripts: the CSP allows no inline script without a hash.
    build: { assetsInlineLimit: 0 },
  },
});
