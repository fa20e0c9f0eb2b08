/**
 * The shared native case context's typed buffers, on memory that stands for
 * any backend's: guard bands (NaN poison around float inputs, canary
 * otherwise), zero-filled outputs the judge's guard-band check accepts,
 * stray writes before a buffer or past an input found and located, the
 * outputs returned by name, and each misuse a setup error saying the fix;
 * scratch memory: guarded, neither judged nor an input, a write past it located.
 */
import { describe, expect, test } from 'vitest';
import { canaryBytes, checkGuardBand } from '../../model/canary.ts';
import { withoutPoison } from '../poison.ts';
import { inputChanges, renderInputChange } from '../../core/judge/input-changes.ts';
import type { NativeOutputs } from './api.ts';
import { NativeCaseBase } from './case-context.ts';
import { FRONT_GUARD_BYTES } from './guard.ts';

/** A case whose memory is the images themselves: a test writes into them as a kernel would. */
class MemoryCase extends NativeCaseBase {
  readonly backend = 'cpp';
  readonly memory: Uint8Array[] = [];

  constructor() {
    super('t [cpp]', []);
  }

  protected place(index: number, image: Uint8Array): void {
    this.memory[index] = image.slice();
  }

  global(): void {
    throw new Error("module globals are the backends' (cpp-backend.test.ts, mock-driver.test.ts)");
  }

  finish(returned: NativeOutputs | undefined) {
    return this.check(returned, (i) => this.memory[i]!);
  }
}

const words = (b: Uint8Array) => new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
const isQuietNaN = (w: number) => (w & 0x7fc00000) === 0x7fc00000;

describe('typed buffers of a native case: guard bands and initial bytes', () => {
  test('a float input sits between guard bands of NaN poison; an integer one between canaries', () => {
    const c = new MemoryCase();
    const f = c.buffer(Float32Array.of(1, 2, 3));
    const u = c.buffer(Uint32Array.of(7));
    const fi = c.memory[f.allocation]!;
    expect(fi.length).toBe(FRONT_GUARD_BYTES + 12 + 256);
    expect(new Float32Array(fi.buffer, FRONT_GUARD_BYTES, 3)).toEqual(Float32Array.of(1, 2, 3));
    expect(words(fi.subarray(0, FRONT_GUARD_BYTES)).every(isQuietNaN)).toBe(true);
    expect(words(fi.subarray(FRONT_GUARD_BYTES + 12)).every(isQuietNaN)).toBe(true);
    expect(words(c.memory[u.allocation]!.subarray(0, FRONT_GUARD_BYTES)).every(isQuietNaN)).toBe(false);
  });

  test('without the poison seam, a float input is guarded by a plain canary', async () => {
    await withoutPoison(async () => {
      const c = new MemoryCase();
      const f = c.buffer(Float32Array.of(1));
      expect(words(c.memory[f.allocation]!.subarray(0, FRONT_GUARD_BYTES)).every(isQuietNaN)).toBe(false);
    });
  });

  test('an output is zero-filled (or its init) with the rear guard the judge expects', () => {
    const c = new MemoryCase();
    const a = c.outputBuffer({ name: 'a', element: 'u16', shape: [3] });
    const b = c.outputBuffer({ name: 'b', element: 'u32', shape: [2], init: Uint32Array.of(5, 6) });
    const r = c.finish({ a, b });
    if ('outcome' in r) throw new Error(r.error);
    expect(r.outputs.map((o) => o.spec.name)).toEqual(['a', 'b']);
    expect([...r.outputs[0]!.bytes.subarray(0, 6)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(checkGuardBand(r.outputs[0]!.bytes, 6).pass).toBe(true);
    expect([...words(r.outputs[1]!.bytes.slice(0, 8))]).toEqual([5, 6]);
    expect(c.protection()).toEqual({ 'output a': 'guard-band', 'output b': 'guard-band' });
  });

  test("prefill 'canary': the data starts as canary bytes, as on WGSL, so an unwritten element fails", () => {
    const c = new MemoryCase();
    const out = c.outputBuffer({ name: 'c', element: 'u32', shape: [2], prefill: 'canary' });
    const r = c.finish(out);
    if ('outcome' in r) throw new Error(r.error);
    expect([...r.outputs[0]!.bytes.subarray(0, 8)]).toEqual([...canaryBytes(8)]);
    expect(() =>
      c.outputBuffer({ name: 'd', element: 'u32', shape: [1], init: Uint32Array.of(1), prefill: 'canary' }),
    ).toThrow("t [cpp]: output d: give init or prefill 'canary', not both");
  });
});

describe('typed buffers of a native case: writes outside a buffer, and misuse of outputs', () => {
  test('a write past an input buffer is located in its guard band', () => {
    const c = new MemoryCase();
    const input = c.buffer(Uint32Array.of(1, 2));
    const out = c.outputBuffer({ element: 'u32', shape: [1] });
    c.memory[input.allocation]!.fill(0xee, FRONT_GUARD_BYTES + 8, FRONT_GUARD_BYTES + 9);
    const r = c.finish(out);
    if ('outcome' in r) throw new Error(r.error);
    expect(inputChanges(r.inputs).map(renderInputChange)).toEqual([
      expect.stringMatching(/^input buffer 1 changed at guard band byte 0 \(buffer offset 8\): /),
    ]);
  });

  test('a write before a buffer fails the case as a canary, naming the buffer', () => {
    const c = new MemoryCase();
    const input = c.buffer(Uint8Array.of(1, 2, 3));
    const out = c.outputBuffer({ element: 'u8', shape: [3] });
    c.memory[input.allocation]!.fill(0xee, FRONT_GUARD_BYTES - 1, FRONT_GUARD_BYTES);
    const r = c.finish(out);
    expect(r).toMatchObject({ outcome: 'canary' });
    expect('error' in r && r.error).toMatch(
      /^t \[cpp\]: the guard band before buffer 1 was written\ncanary: guard band before the data, byte -1 \(buffer offset -1\), 1 bytes overwritten/,
    );
  });

  test('each misuse of outputs is a setup error with its fix', () => {
    const c = new MemoryCase();
    const out = c.outputBuffer({ name: 'hist', element: 'u32', shape: [4] });
    expect(() => c.outputBuffer({ name: 'hist', element: 'u32', shape: [4] })).toThrow(
      't [cpp]: output hist declared twice; give each output of a case its own name',
    );
    expect(() => c.outputBuffer({ name: 'x', element: 'f32', shape: [2], init: Float32Array.of(1) })).toThrow(
      't [cpp]: output x: init has 4 bytes, the output 8 (f32[2])',
    );
    expect(() => c.outputBuffer({ name: 'y', element: 'f32', shape: [0] })).toThrow(
      't [cpp]: output y has shape [0]: no elements',
    );
    expect(() => c.finish(undefined)).toThrow(
      't [cpp]: its native function returned no output; return the output handle (n.output(), n.outputBuffer()), or a record of them by name',
    );
    expect(() => c.finish({ hist: out, other: c.buffer(Uint8Array.of(1)) as never })).toThrow(
      't [cpp]: output other is not an output of this case; declare it with n.output() or n.outputBuffer()',
    );
    expect(() => c.finish({})).toThrow('t [cpp]: its native function returned an empty record of outputs');
  });
});

describe('scratch memory of a native case: between launches, guarded, neither judged nor an input', () => {
  test('scratch is canary-filled between guard bands, and neither an output nor an input of the case', () => {
    const c = new MemoryCase();
    const s = c.scratch(10, { label: 'partials' });
    const out = c.outputBuffer({ element: 'u32', shape: [1] });
    c.memory[s.allocation]!.fill(7, FRONT_GUARD_BYTES, FRONT_GUARD_BYTES + 10);
    const r = c.finish(out);
    if ('outcome' in r) throw new Error(r.error);
    expect(s.label).toBe('partials');
    expect(c.memory[s.allocation]!.length).toBe(FRONT_GUARD_BYTES + 10 + 256);
    expect(r.inputs).toEqual([]);
    expect(r.outputs.map((o) => o.spec.name)).toEqual(['out']);
    expect(c.protection()).toEqual({ output: 'guard-band', partials: 'guard-band' });
  });

  test("planted: a write one byte past scratch is the case's canary failure, located in its rear guard", () => {
    const c = new MemoryCase();
    const s = c.scratch(12);
    const out = c.outputBuffer({ element: 'u32', shape: [1] });
    const m = c.memory[s.allocation]!;
    m[FRONT_GUARD_BYTES + 12] = m[FRONT_GUARD_BYTES + 12]! ^ 0xff;
    const r = c.finish(out);
    expect(r).toMatchObject({ outcome: 'canary' });
    expect('error' in r && r.error).toMatch(
      /^t \[cpp\]: the guard band after scratch 1 was written\ncanary: guard band byte 0 \(buffer offset 12\), 1 bytes overwritten/,
    );
  });

  test('planted: a write before scratch is caught by its front guard', () => {
    const c = new MemoryCase();
    const s = c.scratch(4);
    const m = c.memory[s.allocation]!;
    m[FRONT_GUARD_BYTES - 2] = m[FRONT_GUARD_BYTES - 2]! ^ 0xff;
    const r = c.finish(c.outputBuffer({ element: 'u8', shape: [1] }));
    expect('error' in r && r.error).toMatch(/^t \[cpp\]: the guard band before scratch 1 was written\n/);
  });

  test('scratch of no bytes is a setup error with the fix', () => {
    expect(() => new MemoryCase().scratch(0)).toThrow('t [cpp]: scratch of 0 bytes. Fix: a whole number of bytes ≥ 1');
  });
});
