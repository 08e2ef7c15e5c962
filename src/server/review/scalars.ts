/**
 * Finding strings in YAML and JSON source text, with their offsets, so that a
 * proposal can replace exactly one value and leave the rest of the file (its
 * comments, order and layout) as it was. Callers compare what is read here
 * with the parsed file and use a location only when the two agree.
 */

export interface Scalar { value: string; start: number; end: number }

/** YAML's double-quoted escapes that JSON lacks. */
const YAML_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', v: '\v', e: '\x1b', ' ': ' ', '/': '/', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function readDoubleQuoted(source: string, at: number): Scalar | undefined {
  let i = at + 1;
  let value = '';
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') return undefined; // a value over several lines: not located
    if (c === '"') return { value, start: at, end: i + 1 };
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', ...YAML_ESCAPES };
      if (e === 'u' || e === 'x' || e === 'U') {
        const size = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = source.slice(i + 2, i + 2 + size);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== size) return undefined;
        value += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + size;
        continue;
      }
      if (!(e in simple)) return undefined;
      value += simple[e];
      i += 2;
      continue;
    }
    value += c;
    i += 1;
  }
  return undefined;
}

/**
 * A YAML scalar starting at `at` on one line: "double-quoted", 'single-quoted'
 * or plain (to the end of the line; in a flow mapping, to the next `,` or `}`).
 * Undefined for anything else (block scalars `|`/`>`, values over several lines).
 */
export function readScalar(source: string, at: number, context: 'block' | 'flow'): Scalar | undefined {
  const first = source[at];
  if (first === '"') return readDoubleQuoted(source, at);
  if (first === "'") {
    let i = at + 1;
    let value = '';
    while (i < source.length && source[i] !== '\n') {
      if (source[i] === "'") {
        if (source[i + 1] === "'") { value += "'"; i += 2; continue; }
        return { value, start: at, end: i + 1 };
      }
      value += source[i];
      i += 1;
    }
    return undefined;
  }
  if (first === undefined || /[|>\n\r&*!%@`{[]/.test(first)) return undefined;
  let end = source.indexOf('\n', at);
  if (end < 0) end = source.length;
  let raw = source.slice(at, end).replace(/\r$/, '');
  if (context === 'flow') raw = raw.split(/[,}]/)[0]!;
  const comment = raw.search(/[ \t]#/);
  if (comment >= 0) raw = raw.slice(0, comment);
  raw = raw.replace(/[ \t]+$/, '');
  if (!raw) return undefined;
  return { value: raw, start: at, end: at + raw.length };
}

/** Every `km:` value in a YAML file, in the order of the text (undefined where one cannot be read on its line). */
export function khmerScalars(source: string): (Scalar | undefined)[] {
  const found: (Scalar | undefined)[] = [];
  const pattern = /(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)km:[ \t]*/g;
  let start = 0;
  for (const text of source.split('\n')) {
    if (!/^[ \t]*#/.test(text)) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const before = text.slice(0, m.index);
        // Not inside a quoted string earlier on the line.
        if ((before.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1) continue;
        found.push(readScalar(source, start + m.index + m[0].length, /\{[^}]*$/.test(before + m[0]) ? 'flow' : 'block'));
      }
    }
    start += text.length + 1;
  }
  return found;
}

export interface JsonString { path: string[]; value: string; start: number; end: number }

/** Every string value of a JSON document, with its key path and the offsets of the quoted token. */
export function jsonStrings(source: string): JsonString[] {
  const found: JsonString[] = [];
  let i = 0;
  const space = () => { while (/\s/.test(source[i] ?? '')) i += 1; };
  const string = (): { value: string; start: number; end: number } => {
    const start = i;
    i += 1;
    while (source[i] !== '"') {
      if (i >= source.length) throw new SyntaxError('unterminated string');
      i += source[i] === '\\' ? 2 : 1;
    }
    i += 1;
    return { value: JSON.parse(source.slice(start, i)) as string, start, end: i };
  };
  const value = (path: string[]): void => {
    space();
    const c = source[i];
    if (c === '{') {
      i += 1;
      space();
      if (source[i] === '}') { i += 1; return; }
      for (;;) {
        space();
        const key = string().value;
        space();
        if (source[i] !== ':') throw new SyntaxError(`expected : at ${i}`);
        i += 1;
        value([...path, key]);
        space();
        if (source[i] === ',') { i += 1; continue; }
        if (source[i] === '}') { i += 1; return; }
        throw new SyntaxError(`expected , or } at ${i}`);
      }
    }
    if (c === '[') {
      i += 1;
      let n = 0;
      space();
      if (source[i] === ']') { i += 1; return; }
      for (;;) {
        value([...path, String(n++)]);
        space();
        if (source[i] === ',') { i += 1; continue; }
        if (source[i] === ']') { i += 1; return; }
        throw new SyntaxError(`expected , or ] at ${i}`);
      }
    }
    if (c === '"') { found.push({ path, ...string() }); return; }
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(source.slice(i));
    if (!literal) throw new SyntaxError(`unexpected ${c} at ${i}`);
    i += literal[0].length;
  };
  value([]);
  return found;
}
