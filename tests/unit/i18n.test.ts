import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../../content/ui/en.json';
import km from '../../content/ui/km.json';
import { useTranslations } from '../../src/i18n';
import { localePath, splitLocalePath, twinPath } from '../../src/i18n/routes';

/** Every leaf key as a dotted path. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const root = join(import.meta.dirname, '../..');

/**
 * Type-checks a snippet as a file of tests/unit with the project's tsconfig and the
 * i18next key types (src/i18n/i18next.d.ts); returns the lines with errors.
 * Vitest runs no type checker, so this is how a test sees a compile error.
 */
function typeErrorLines(lines: string[]): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json could not be read');
  const snippet = join(root, 'tests/unit/typed-keys-snippet.ts');
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists } = host;
  host.fileExists = (file) => file === snippet || fileExists(file);
  host.getSourceFile = (file, ...rest) => (file === snippet ? ts.createSourceFile(file, lines.join('\n'), ts.ScriptTarget.Latest, true) : getSourceFile(file, ...rest));
  const program = ts.createProgram([snippet, join(root, 'src/i18n/i18next.d.ts')], { ...config.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(snippet))
    .map((d) => (d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0));
}

describe('interface strings', () => {
  it('has every key in both languages (no string in one language only)', () => {
    const enKeys = keys(en).sort();
    const kmKeys = keys(km).sort();
    expect(kmKeys.filter((k) => !enKeys.includes(k)), 'only in km.json').toEqual([]);
    expect(enKeys.filter((k) => !kmKeys.includes(k)), 'only in en.json').toEqual([]);
  });

  it('has no empty string', () => {
    const leaves = (tree: object): unknown[] => Object.values(tree).flatMap((v) => (v && typeof v === 'object' ? leaves(v) : [v]));
    expect(leaves(en).filter((v) => typeof v !== 'string' || !v.trim())).toEqual([]);
    expect(leaves(km).filter((v) => typeof v !== 'string' || !v.trim())).toEqual([]);
  });

  it('writes Khmer strings in Khmer script', () => {
    const t = useTranslations('km');
    expect(t('nav.hotlines')).toMatch(/[\u1780-\u17FF]/);
    expect(t('help.call', { number: '1280' })).toBe('ហៅលេខ 1280');
    expect(useTranslations('en')('help.call', { number: '117' })).toBe('Call 117');
  });

  it('makes typed keys: a misspelt key does not compile', () => {
    const errors = typeErrorLines([
      "import { useTranslations } from '../../src/i18n';",
      "const t = useTranslations('en');",
      "export const right = t('nav.hotlines');",
      "export const misspelt = t('nav.hotline');",
    ]);
    // Line 3 compiling shows the snippet is checked against the real keys, not failing for another reason.
    expect(errors).toEqual([4]);
  }, 60_000);
});

describe('locale routes', () => {
  it('builds and splits locale paths', () => {
    expect(localePath('km', '/hotlines/')).toBe('/km/hotlines/');
    expect(splitLocalePath('/en/child-labour/school-and-work/')).toEqual({ locale: 'en', path: '/child-labour/school-and-work/' });
    expect(splitLocalePath('/fr/x/')).toEqual({ locale: undefined, path: '/fr/x/' });
  });
  it('finds the twin page in the other language', () => {
    expect(twinPath('/km/hotlines/')).toBe('/en/hotlines/');
    expect(twinPath('/en/')).toBe('/km/');
    expect(twinPath('/en')).toBe('/km/');
  });
});
