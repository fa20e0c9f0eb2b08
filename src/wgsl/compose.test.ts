/**
 * Composition without a GPU: every import form, nesting, duplicates, cycles,
 * unresolved paths, name collisions, the line map and the push-constant rewrite.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { reflectSource } from './reflect.ts';
import { sourceLocation, wgslJoin, wgslMessage, wgslReplace, type WgslSource } from './source.ts';
import { formatPosition } from './line-map.ts';

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));
const ROOTS = fixture('roots');
const shown = (abs: string) => relative(process.cwd(), abs);
const text = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Composes one inline top-level file against the fixture roots; fails the test on a composition problem. */
function compose(code: string, importRoots: readonly string[] = [ROOTS]): WgslSource {
  const src = wgslJoin([{ file: 'top.wgsl', code }], { importRoots });
  expect(src.problem).toBeUndefined();
  return src;
}

/** The composition problem of one inline file. */
function problem(code: string, importRoots: readonly string[] = [ROOTS]): string {
  const src = wgslJoin([{ file: 'top.wgsl', code }], { importRoots });
  expect(src.code).toBe('');
  return src.problem ?? '(composed without a problem)';
}

/** The composed line that holds `needle`. */
const lineOf = (src: WgslSource, needle: string) => src.code.split('\n').find((l) => l.includes(needle));

describe('import forms', () => {
  test('#import a::b, then b::item: the module is renamed, the top-level file keeps its names', () => {
    const src = compose(
      text(
        '#import color::tone',
        'fn main_tone(x: f32) -> f32 {',
        '  return tone::tone(x, tone::ToneParams(1.0, 0u));',
        '}',
      ),
    );
    expect(lineOf(src, 'fn main_tone')).toBe('fn main_tone(x: f32) -> f32 {');
    expect(lineOf(src, 'return tone')).toBe('  return tone__color__tone(x, ToneParams__color__tone(1.0, 0u));');
    expect(lineOf(src, 'const GAIN')).toBe('const GAIN__color__tone: f32 = 2.0;');
    expect(wgslMessage(src, "no overload of 'tone__color__tone'")).toBe("no overload of 'color::tone::tone'");
  });

  test('#import a::b::{x, y as z}: items by their local names', () => {
    const src = compose(
      text('#import color::tone::{tone, ToneParams as P}', 'fn f(x: f32) -> f32 { return tone(x, P(1.0, 1u)); }'),
    );
    expect(lineOf(src, 'fn f')).toBe(
      'fn f(x: f32) -> f32 { return tone__color__tone(x, ToneParams__color__tone(1.0, 1u)); }',
    );
  });

  test('#import a::b as c, then c::item', () => {
    const src = compose(
      text('#import color::tone as t;', 'fn f() -> f32 { return t::tone(1.0, t::ToneParams(t::GAIN, 0u)); }'),
    );
    expect(lineOf(src, 'fn f')).toBe(
      'fn f() -> f32 { return tone__color__tone(1.0, ToneParams__color__tone(GAIN__color__tone, 0u)); }',
    );
  });

  test('a fully qualified a::b::item needs no #import', () => {
    const src = compose(text('fn f(x: f32) -> f32 { return color::curve::ease(x); }'));
    expect(lineOf(src, 'fn f')).toBe('fn f(x: f32) -> f32 { return ease__color__curve(x); }');
  });

  test('nested lists over several lines, a trailing comma', () => {
    const src = compose(
      text(
        '#import color::{',
        '  tone::{tone, GAIN},',
        '  curve::ease,',
        '}',
        'fn f(x: f32) -> f32 { return tone(ease(x), GAIN); }',
      ),
    );
    expect(lineOf(src, 'fn f')).toBe(
      'fn f(x: f32) -> f32 { return tone__color__tone(ease__color__curve(x), GAIN__color__tone); }',
    );
  });
});

describe('what composition renames, and what keeps its name', () => {
  test('nested imports are included once, imports first; same names in two modules do not collide', () => {
    const src = compose(
      text('#import color::tone', '#import color::curve', 'fn f(x: f32) -> f32 { return curve::tone(x); }'),
    );
    expect(src.code.match(/^fn ease__color__curve/gm)).toHaveLength(1);
    expect(src.code.indexOf('fn ease__color__curve')).toBeLessThan(src.code.indexOf('fn tone__color__tone'));
    expect(src.code.indexOf('fn tone__color__tone')).toBeLessThan(src.code.indexOf('fn f('));
    expect(lineOf(src, 'fn f')).toBe('fn f(x: f32) -> f32 { return tone__color__curve(x); }');
    expect(lineOf(src, 'return ease__color__curve(x);')).toBe('  return ease__color__curve(x);');
    expect(src.rootModules.map((m) => m.module)).toEqual(['color::curve', 'color::tone']);
  });

  test('members, member accesses and attributes keep their names, even where a module declares the same name', () => {
    const src = compose(text('#import color::tone::ToneParams', 'fn f(p: ToneParams) -> u32 { return p.ease; }'));
    expect(lineOf(src, '  ease: u32')).toBe('  ease: u32,');
    expect(lineOf(src, 'return p.ease')).toBe('fn f(p: ToneParams__color__tone) -> u32 { return p.ease; }');
    expect(lineOf(src, 'let gain')).toBe('  let gain = p.gain * GAIN__color__tone;');
  });

  test('a top-level file with a module path may name its own declarations by that path', () => {
    const self = {
      file: 'self.wgsl',
      code: text('#define_import_path my::self', 'const K = 2u;', 'fn k() -> u32 { return my::self::K; }'),
    };
    const src = wgslJoin([self]);
    expect(lineOf(src, 'fn k')).toBe('fn k() -> u32 { return K; }');
  });

  test('numbers with suffixes are not identifiers', () => {
    const src = compose(
      text('#import color::curve as u', 'const k = 0xffu + 1u;', 'fn f() -> f32 { return u::ease(1e5f); }'),
    );
    expect(lineOf(src, 'const k')).toBe('const k = 0xffu + 1u;');
    expect(lineOf(src, 'fn f')).toBe('fn f() -> f32 { return ease__color__curve(1e5f); }');
  });

  test('top-level files given together import each other by their #define_import_path, names unchanged', () => {
    const src = wgslJoin([
      { file: 'lib.wgsl', code: text('#define_import_path my::lib', 'struct Pair { a: u32, b: u32 }') },
      { file: 'use.wgsl', code: text('#import my::lib::Pair', 'struct Outer { p: Pair, q: my::lib::Pair }') },
    ]);
    expect(src.problem).toBeUndefined();
    expect(lineOf(src, 'struct Outer')).toBe('struct Outer { p: Pair, q: Pair }');
  });
});

describe('problems finding modules, each with file:line:col, what is wrong and the fix', () => {
  test('planted: an unresolved import names the importing site, the module path, the roots and the fix', () => {
    expect(problem(text('// header', '#import color::tones::{tone}'))).toBe(
      'top.wgsl:2:9: cannot resolve #import color::tones::tone: no module color::tones::tone (nor color::tones)\n' +
        `  import roots searched: ${shown(ROOTS)} (modules: color::curve, color::tone), ` +
        'src/lib (modules: twinpath::frame, twinpath::texture)\n' +
        '  Fix: put a file that starts with `#define_import_path color::tones` (or color/tones.wgsl) ' +
        'under an import root, ' +
        "or add its folder to the import roots (a kernel's importRoots, layout's --root).",
    );
  });

  test('the fix names the whole path when the file uses it as a module (grade::lift), else its parent', () => {
    const message = problem(text('#import colour::grade', 'fn f() -> f32 { return grade::lift(1.0); }'));
    expect(message).toMatch(/^top\.wgsl:1:9: cannot resolve #import colour::grade: no module colour::grade /);
    expect(message).toContain('Fix: put a file that starts with `#define_import_path colour::grade` (or colour/grade');
  });

  test('an import root that does not exist is named as such', () => {
    expect(problem(text('#import color::tone'), [fixture('no-such-folder')])).toMatch(
      new RegExp(`\\n {2}import roots searched: ${shown(fixture('no-such-folder'))} \\(does not exist\\), src/lib \\(`),
    );
  });

  test('a qualified use of a module no root has', () => {
    expect(problem(text('fn f() -> f32 {', '  return colour::curve::ease(1.0);', '}'))).toMatch(
      new RegExp(
        '^top\\.wgsl:2:10: colour::curve::ease names module colour::curve, ' +
          'which is neither imported nor under an import root\\n' +
          ' {2}import roots searched: ',
      ),
    );
  });
});

describe('problems with items, cycles, names and directives, each with file:line:col and the fix', () => {
  test('an item the module does not declare, with what it does declare', () => {
    expect(problem(text('#import color::curve', 'fn f() -> f32 { return curve::smooth(1.0); }'))).toBe(
      `top.wgsl:2:24: module color::curve (${shown(fixture('roots/color/curve.wgsl'))}) has no declaration smooth; ` +
        'it declares: ease, tone',
    );
  });

  test('an import cycle, with the chain', () => {
    expect(problem(text('#import cycle::a'), [fixture('cycle')])).toBe(
      `${shown(fixture('cycle/b.wgsl'))}:2:9: import cycle cycle::a -> cycle::b -> cycle::a. ` +
        'Fix: move what both modules need into a third module they both import.',
    );
  });

  test('one local name imported from two paths', () => {
    expect(problem(text('#import color::tone::tone', '#import color::curve::tone'))).toBe(
      'top.wgsl:2:9: tone is imported twice: as color::tone::tone (top.wgsl:1:9) and as color::curve::tone. ' +
        'Fix: import one of them `as` another name.',
    );
  });

  test('an imported name that the file also declares', () => {
    expect(problem(text('#import color::curve::ease', 'fn ease(x: f32) -> f32 { return x; }'))).toBe(
      'top.wgsl:1:9: ease is imported from color::curve::ease and declared at top.wgsl:2:4. ' +
        'Fix: rename one, or import it `as` another name.',
    );
  });

  test('malformed directives and naga_oil preprocessor directives twinpath does not implement', () => {
    expect(problem(text('#import color::{tone', 'fn f() {}'))).toBe("top.wgsl:1:16: #import: this '{' is never closed");
    expect(problem(text('#import color::tone::{tone ToneParams}'))).toBe(
      "top.wgsl:1:28: #import: expected ',' or '}', found \"ToneParams}\"",
    );
    expect(problem(text('#import "shaders/tone.wgsl"::{tone}'))).toMatch(
      /^top\.wgsl:1:9: #import: expected a module path \(quoted paths are not supported/,
    );
    expect(problem(text('const N = #{COUNT};'))).toBe(
      "top.wgsl:1:11: a '#' outside a directive: naga_oil's #{DEF} substitution is not supported",
    );
    expect(problem(text('#import color::curve', 'override fn curve::ease(x: f32) -> f32 { return x; }'))).toBe(
      "top.wgsl:2:1: naga_oil's override fn (function overriding) is not supported",
    );
    expect(problem(text('#ifdef FAST', '#endif'))).toBe(
      'top.wgsl:1:1: #ifdef is not supported: twinpath composes with #import and #define_import_path only',
    );
  });
});

describe('the line map', () => {
  test('each composed line maps to its file and line; a column after a renamed name, to the column as written', () => {
    const written = '  return tone::tone(x, tone::ToneParams(1.0, 0u)) + oops;';
    const src = compose(text('#import color::tone', '', 'fn f(x: f32) -> f32 {', written, '}'));
    const lines = src.code.split('\n');
    const at = lines.findIndex((l) => l.includes('+ oops')) + 1;
    const at4 = (column: number) => formatPosition(sourceLocation(src, at, column));
    expect(at4(lines[at - 1]!.indexOf('oops') + 1)).toBe(`top.wgsl:4:${written.indexOf('oops') + 1}`);
    expect(at4(lines[at - 1]!.indexOf('ToneParams__color__tone') + 5)).toBe(
      `top.wgsl:4:${written.indexOf('tone::ToneParams') + 1}`,
    );
    const gain = lines.findIndex((l) => l.startsWith('const GAIN')) + 1;
    expect(formatPosition(sourceLocation(src, gain, 7))).toBe(`${shown(fixture('roots/color/tone.wgsl'))}:11:7`);
    expect(src.lines).toHaveLength(lines.length - 1);
  });

  test("wgsl_reflect's parse error inside an imported module names that module's file and line", () => {
    const src = compose(text('#import broken::unparsed::Unparsed', 'var<private> u: Unparsed;'), [fixture('broken')]);
    expect(() => reflectSource(src)).toThrow(
      `wgsl_reflect cannot parse the WGSL: ${shown(fixture('broken/unparsed.wgsl'))}:6: Expected ',' for struct member`,
    );
  });

  test('wgslReplace edits an imported module as written and composes again', () => {
    const src = compose(text('#import color::curve', 'fn f(x: f32) -> f32 { return curve::ease(x); }'));
    expect(lineOf(wgslReplace(src, 'return x * x * (3.0 - 2.0 * x);', 'return x;'), 'return x;')).toBe('  return x;');
    expect(() => wgslReplace(src, 'no such text', '')).toThrow(
      /^wgslReplace: expected exactly one occurrence of "no such text" in top\.wgsl, .*curve\.wgsl.*; found 0$/,
    );
  });
});

describe('var<push_constant>: a uniform binding in the first free group', () => {
  test('the free group skips the groups of every binding (imports included); what was rewritten is exposed', () => {
    const src = compose(
      text(
        '#import color::tone::ToneParams',
        '@group(0) @binding(0) var<storage, read_write> out: array<f32>;',
        '@group(2) @binding(0) var<storage, read> extra: array<f32>;',
        'var<push_constant> pc: ToneParams;',
      ),
    );
    const rewritten = '@group(1) @binding(0) var<uniform> pc: ToneParams__color__tone;';
    expect(lineOf(src, 'var<uniform> pc')).toBe(rewritten);
    expect(src.pushConstants).toEqual([
      {
        name: 'pc',
        variable: 'pc',
        group: 1,
        binding: 0,
        type: 'ToneParams',
        wgslType: 'ToneParams__color__tone',
        declaredAt: 'top.wgsl:4',
      },
    ]);
    const at = src.code.split('\n').indexOf(rewritten) + 1;
    expect(formatPosition(sourceLocation(src, at, rewritten.indexOf('pc:') + 1))).toBe('top.wgsl:4:20');
  });

  test('a group index that is not a literal: no free group can be chosen', () => {
    expect(
      problem(text('const G = 0;', '@group(G) @binding(0) var<storage> a: array<f32>;', 'var<push_constant> pc: f32;')),
    ).toBe(
      'top.wgsl:2:8: @group(...) is not a literal, so no free group can be chosen for var<push_constant> pc. ' +
        'Fix: write the index as a number.',
    );
  });
});
