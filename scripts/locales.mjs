// The site's languages for the .mjs build scripts, read from src/domain/locales.ts itself:
// one list, no copy. Node runs these scripts without a
// TypeScript loader, so esbuild bundles the module in memory and we import the result.
import { build } from 'esbuild';

const source = new URL('../src/domain/locales.ts', import.meta.url).pathname;

async function loadLocalesModule() {
  // Bundled (not just transformed) so the module may import others: a data: URL cannot resolve them.
  const { outputFiles } = await build({
    entryPoints: [source],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const code = outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const locales = await loadLocalesModule();

/** @type {readonly string[]} */
export const LOCALES = locales.LOCALES;

if (!Array.isArray(LOCALES) || LOCALES.length === 0 || !LOCALES.every((l) => typeof l === 'string')) {
  throw new Error(`${source} must export LOCALES, a non-empty list of language codes`);
}
