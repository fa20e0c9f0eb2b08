/**
 * The arrayLength rewrite without a GPU: each call excludes the guard band's
 * whole elements of its variable (plain, struct member, imported, strides that
 * do and do not divide the guard band), positions still map back as written,
 * and a call it cannot rewrite is refused with the position and the fix.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ArrayLengthError, arrayLengthGuards, excludeGuardBands } from './array-length.ts';
import { formatPosition } from './line-map.ts';
import { sourceLocation, wgslJoin, type WgslSource } from './source.ts';

const ROOT = fileURLToPath(new URL('./fixtures/array-length/', import.meta.url));
const text = (...lines: string[]) => `${lines.join('\n')}\n`;

function compose(code: string): WgslSource {
  const src = wgslJoin([{ file: 'top.wgsl', code }], { importRoots: [ROOT] });
  expect(src.problem).toBeUndefined();
  return src;
}

/** The composed line that holds `needle`. */
const lineOf = (src: WgslSource, needle: string) => src.code.split('\n').find((l) => l.includes(needle));

const DECLS = [
  'struct Rgb { r: f32, g: f32, b: f32 }',
  'struct Counted { n: u32, items: array<vec3<f32>> }',
  'struct Big { m: array<vec4<f32>, 20> }',
  '@group(0) @binding(0) var<storage, read_write> words: array<u32>;',
  '@group(0) @binding(1) var<storage, read> rgb: array<Rgb>;',
  '@group(0) @binding(2) var<storage, read_write> counted: Counted;',
  '@group(0) @binding(3) var<storage, read> big: array<Big>;',
];

test('each call excludes the whole elements of guard band its binding spans, for every stride', () => {
  const src = compose(
    text(
      ...DECLS,
      '@compute @workgroup_size(1) fn main() {',
      '  let a = arrayLength(&words) + arrayLength( & rgb );',
      '  let b = arrayLength(&counted.items) + arrayLength(&big);',
      '}',
    ),
  );
  const out = excludeGuardBands(src);
  expect(lineOf(out, 'let a')).toBe('  let a = (arrayLength(&words) - 64u) + (arrayLength( & rgb ) - 21u);');
  // Big is 320 bytes, more than the guard band: its binding is the data alone and arrayLength stays.
  expect(lineOf(out, 'let b')).toBe('  let b = (arrayLength(&counted.items) - 16u) + arrayLength(&big);');
  expect(Object.fromEntries(arrayLengthGuards(src))).toEqual({
    words: { stride: 4, elements: 64, head: 0 },
    rgb: { stride: 12, elements: 21, head: 0 },
    counted: { stride: 16, elements: 16, head: 16 },
    big: { stride: 320, elements: 0, head: 0 },
  });
});

test('every column after a rewritten call maps back to the column as written', () => {
  const line = '  let n = arrayLength(&words) + arrayLength(&rgb) + oops;';
  const src = compose(text(...DECLS, '@compute @workgroup_size(1) fn main() {', line, '}'));
  const out = excludeGuardBands(src);
  const at = out.code.split('\n').indexOf(lineOf(out, 'oops')!) + 1;
  const rewritten = lineOf(out, 'oops')!;
  const where = (needle: string) => formatPosition(sourceLocation(out, at, rewritten.indexOf(needle) + 1));
  expect(where('oops')).toBe(`top.wgsl:${at}:${line.indexOf('oops') + 1}`);
  expect(where('arrayLength(&rgb)')).toBe(`top.wgsl:${at}:${line.indexOf('arrayLength(&rgb)') + 1}`);
  expect(where('(arrayLength(&rgb)')).toBe(`top.wgsl:${at}:${line.indexOf('arrayLength(&rgb)') + 1}`);
  expect(where('- 21u')).toBe(`top.wgsl:${at}:${line.indexOf(' + oops') + 1}`);
});

test("an imported module's variable is rewritten under its composed name, its positions in the module's file", () => {
  const src = compose(text('#import len::io', '@compute @workgroup_size(1) fn main() { _ = io::count(); }'));
  const out = excludeGuardBands(src);
  const rewritten = lineOf(out, 'arrayLength')!;
  expect(rewritten).toMatch(/^fn count__len__io\(\) -> u32 \{ return \(arrayLength\(&samples__len__io\) - 16u\); \}$/);
  const at = out.code.split('\n').indexOf(rewritten) + 1;
  const file = relative(process.cwd(), `${ROOT}len/io.wgsl`);
  const written = 'fn count() -> u32 { return arrayLength(&samples); }';
  expect(formatPosition(sourceLocation(out, at, rewritten.indexOf('; }') + 1))).toBe(
    `${file}:5:${written.indexOf('; }') + 1}`,
  );
  expect([...arrayLengthGuards(src).keys()]).toEqual(['samples__len__io']);
});

test('a call through a pointer is refused at its position as written, with the fix', () => {
  const src = compose(
    text(
      '#import len::through_pointer',
      '@group(0) @binding(0) var<storage, read> words: array<u32>;',
      '@compute @workgroup_size(1) fn main() { _ = through_pointer::lengthOf(&words); }',
    ),
  );
  const file = relative(process.cwd(), `${ROOT}len/through-pointer.wgsl`);
  expect(() => excludeGuardBands(src)).toThrow(ArrayLengthError);
  expect(() => excludeGuardBands(src)).toThrow(
    `${file}:4:10: arrayLength(p): twinpath binds a guard band inside every buffer and can only exclude it from ` +
      'arrayLength(&v) or arrayLength(&v.member) of a storage variable v. Fix: call arrayLength(&v) on the ' +
      "variable (a pointer parameter's length is its caller's arrayLength(&v)).",
  );
});

test('an expression or a variable that is not a runtime-sized array is refused, not guessed', () => {
  for (const call of ['arrayLength(&(words))', 'arrayLength(&counted.n)', 'arrayLength(&nothing)']) {
    const src = compose(text(...DECLS, `@compute @workgroup_size(1) fn main() { _ = ${call}; }`));
    expect(() => excludeGuardBands(src)).toThrow(`top.wgsl:8:45: ${call.replace(/ /g, '')}: twinpath binds`);
  }
});

test('WGSL without an arrayLength call (in a comment, a member of that name) comes back as it was', () => {
  const src = compose(
    text(
      '// arrayLength(p) is not called here',
      'struct Sizes { arrayLength: u32 }',
      '@group(0) @binding(0) var<storage, read_write> sizes: Sizes;',
      '@compute @workgroup_size(1) fn main() { sizes.arrayLength = 1u; }',
    ),
  );
  expect(excludeGuardBands(src)).toBe(src);
  expect(arrayLengthGuards(src).size).toBe(0);
});
