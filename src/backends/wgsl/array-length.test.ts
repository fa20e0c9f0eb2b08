/**
 * arrayLength on the device (lavapipe here): each variable the kernel sizes
 * with it is bound with the guard band's whole elements, and its arrayLength,
 * as compiled, counts the data alone, for every stride; the rest refused
 * clearly: arrayLength through a pointer, a buffer without a guard band.
 * Compiler positions on a rewritten line stay those as written.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { exact } from '../../model/compare/policy.ts';
import { defineKernel, type KernelDefinition } from '../../core/kernel/kernel.ts';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { copySurface } from '../../core/fixtures/copy-case.ts';
import { wgslJoin } from '../../wgsl/source.ts';

/** Four variables sized with arrayLength: strides 4, 12, 16 (a struct's trailing array) and 320 (over the guard band). */
const LENGTHS = `struct Rgb { r: f32, g: f32, b: f32 }
struct Counted { n: u32, items: array<vec3<f32>> }
struct Big { m: array<vec4<f32>, 20> }
@group(0) @binding(0) var<storage, read> words: array<u32>;
@group(0) @binding(1) var<storage, read> rgb: array<Rgb>;
@group(0) @binding(2) var<storage, read> counted: Counted;
@group(0) @binding(3) var<storage, read> big: array<Big>;
@group(0) @binding(4) var<storage, read_write> lengths: array<u32, 4>;

@compute @workgroup_size(1)
fn main() {
  lengths[0] = arrayLength(&words);
  lengths[1] = arrayLength(&rgb);
  lengths[2] = arrayLength(&counted.items);
  lengths[3] = arrayLength(&big);
}
`;

/** `n` elements of each variable: words, Rgb structs, vec3 items after the 16-byte head, Big structs. */
function lengthsKernel(over: Partial<KernelDefinition<number>> = {}) {
  return defineKernel<number>({
    name: 'inline_lengths',
    wgsl: wgslJoin([{ file: 'inline-lengths.wgsl', code: LENGTHS }]),
    input: fc.integer({ min: 1, max: 9 }),
    describe: (n) => `${n} elements`,
    cpu: (n) => Uint32Array.of(n, n, n, n),
    gpu: (g, n) => {
      const lengths = g.outputBuffer({ name: 'lengths', element: 'u32', shape: [4] });
      g.dispatch(
        'main',
        {
          words: g.buffer(new Uint32Array(n)),
          rgb: g.buffer(new Float32Array(3 * n)),
          counted: g.buffer(new Float32Array(4 + 4 * n)),
          big: g.buffer(new Float32Array(80 * n)),
          lengths,
        },
        [1],
      );
      return lengths;
    },
    compare: exact(),
    ...over,
  });
}

test('arrayLength counts the data alone for strides 4, 12, 16 and 320; all but the last bind their guard band', async () => {
  const r = await sweep(lengthsKernel(), { runs: 9 });
  expect(r.pass, renderSweepFailure(r)).toBe(true);
  const one = await runCase(lengthsKernel(), 1);
  expect(one.outcome, one.error).toBe('pass');
  expect(one.protection).toEqual({
    words: 'guard-inside',
    rgb: 'guard-inside',
    counted: 'guard-inside',
    // 320 bytes an element: no whole element fits the 256-byte guard band, so the binding is the data alone.
    big: 'guard-beyond',
    lengths: 'guard-inside',
  });
});

test('planted: the guard left in, arrayLength counts it (the check above can fail)', async () => {
  // A kernel that adds the guard band back measures what it spans: 64 words, 21 Rgb (252 bytes), 16 items.
  const code = LENGTHS.replace('lengths[0] = arrayLength(&words);', 'lengths[0] = arrayLength(&words) + 64u;');
  const r = await runCase(lengthsKernel({ wgsl: wgslJoin([{ file: 'inline-lengths.wgsl', code }]) }), 1);
  expect(r.outcome).toBe('mismatch');
  expect(r.comparison).toMatchObject({ compared: 4, mismatches: 1 });
});

test('arrayLength through a pointer is refused before the first case, at the call as written, with the fix', async () => {
  const code = `@group(0) @binding(0) var<storage, read_write> words: array<u32>;
fn lengthOf(p: ptr<storage, array<u32>, read_write>) -> u32 {
  return arrayLength(p);
}
@compute @workgroup_size(1)
fn main() {
  words[0] = lengthOf(&words);
}
`;
  const k = lengthsKernel({
    name: 'inline_pointer_length',
    wgsl: wgslJoin([{ file: 'inline-pointer.wgsl', code }]),
    gpu: (g) => {
      const words = g.outputBuffer({ name: 'words', element: 'u32', shape: [4] });
      g.dispatch('main', { words }, [1]);
      return words;
    },
  });
  const r = await sweep(k, { runs: 5, seed: 1 });
  expect(r).toMatchObject({ pass: false, runs: 0 });
  expect(renderSweepFailure(r)).toContain(
    'inline_pointer_length: compile-error (0 cases run)\ninline_pointer_length: WGSL cannot be guarded\n' +
      '  inline-pointer.wgsl:3:10: arrayLength(p): twinpath binds a guard band inside every buffer and can only ' +
      'exclude it from arrayLength(&v) or arrayLength(&v.member) of a storage variable v. Fix: call ' +
      "arrayLength(&v) on the variable (a pointer parameter's length is its caller's arrayLength(&v)).",
  );
});

test('a buffer without a guard band given to a variable sized with arrayLength fails the setup, naming both', async () => {
  const k = lengthsKernel({
    gpu: (g, n) => {
      const lengths = g.outputBuffer({ name: 'lengths', element: 'u32', shape: [4] });
      const desc = g.desc(copySurface(1).desc);
      const big = g.buffer(new Float32Array(80 * n));
      const rgb = g.buffer(new Float32Array(3 * n));
      g.dispatch('main', { words: desc, rgb, counted: g.buffer(new Float32Array(8)), big, lengths }, [1]);
      return lengths;
    },
  });
  const r = await runCase(k, 1);
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toBe(
    'inline_lengths: main sizes words with arrayLength, which excludes 64 elements (256 bytes) of guard band, ' +
      "but desc has none. Fix: bind a buffer made by g.buffer, g.storage, g.struct({ space: 'storage' }), " +
      'g.surface, g.output or g.outputBuffer.',
  );
});

test('planted: data shorter than the head before a member array fails the setup, not a wrapped arrayLength', async () => {
  const k = lengthsKernel({
    gpu: (g, n) => {
      const lengths = g.outputBuffer({ name: 'lengths', element: 'u32', shape: [4] });
      const [words, rgb, big] = [
        g.buffer(new Uint32Array(n)),
        g.buffer(new Float32Array(3 * n)),
        g.buffer(new Float32Array(80 * n)),
      ];
      g.dispatch('main', { words, rgb, counted: g.buffer(new Float32Array(2)), big, lengths }, [1]);
      return lengths;
    },
  });
  const r = await runCase(k, 1);
  expect(r.outcome).toBe('setup-error');
  expect(r.error).toBe(
    'inline_lengths: main sizes counted with arrayLength of a member after 16 bytes, but buffer 4 holds 8 bytes. ' +
      'Fix: give counted at least the 16 bytes before its array.',
  );
});

test('a compiler error after a rewritten call names the column as written', async () => {
  const code = LENGTHS.replace('lengths[0] = arrayLength(&words);', 'lengths[0] = arrayLength(&words) + oops;');
  const r = await runCase(lengthsKernel({ wgsl: wgslJoin([{ file: 'inline-lengths.wgsl', code }]) }), 1);
  expect(r.outcome).toBe('compile-error');
  const column = '  lengths[0] = arrayLength(&words) + oops;'.indexOf('oops') + 1;
  expect(r.error).toMatch(new RegExp(`inline-lengths\\.wgsl:12:${column}: error: unresolved value 'oops'`));
});
