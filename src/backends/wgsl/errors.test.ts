/**
 * Bad input becomes the case's outcome with a message naming the kernel and
 * the fix, and the run goes on: invalid WGSL (file:line:column), bindings
 * that do not match the WGSL, a Dawn validation error, a size over the
 * device's limits, an oracle that throws. Inline kernels: harness tests
 * import no real kernel.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exact } from '../../model/compare/policy.ts';
import { defineKernel, type KernelDefinition } from '../../core/kernel/kernel.ts';
import { runCase } from '../../core/sweep/case.ts';
import { renderSweepFailure, sweep } from '../../core/sweep/sweep.ts';
import { textureDesc } from '../../model/surface/desc.ts';
import { gpuSession } from './session.ts';
import type { GpuContext } from './gpu-context.ts';
import { wgslJoin } from '../../wgsl/source.ts';
import { copySurface } from '../../core/fixtures/copy-case.ts';

const COPY = `#import twinpath::texture::{TextureDesc, texelWord}
@group(0) @binding(0) var<storage, read_write> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<storage, read> desc: TextureDesc;
override gain: u32 = 1u;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= desc.width || gid.y >= desc.height) {
    return;
  }
  let i = texelWord(desc, gid.x, gid.y, 0u);
  dst[i] = src[i] * gain;
}
`;

function copyKernel(over: Partial<KernelDefinition<number>> = {}) {
  return defineKernel<number>({
    name: 'inline_copy',
    wgsl: wgslJoin([{ file: 'inline-copy.wgsl', code: COPY }]),
    input: fc.integer({ min: 1, max: 8 }),
    describe: (w) => `${w}x2`,
    cpu: (w) => copySurface(w),
    gpu: (g, w) => {
      const s = copySurface(w);
      const out = g.output(s.desc);
      g.dispatch('main', [g.surface(s), out, g.desc(s.desc)], [w, 2]);
      return out;
    },
    compare: exact(),
    ...over,
  });
}

test('a good kernel passes, and pipelines and buffers are reused across cases', async () => {
  const k = copyKernel();
  const session = await gpuSession();
  const before = { ...session.pipelines.stats, reused: session.pool.stats.reused };
  for (const w of [3, 3, 5]) expect((await runCase(k, w)).outcome).toBe('pass');
  expect(session.pipelines.stats.pipelines - before.pipelines).toBeLessThanOrEqual(1);
  expect(session.pipelines.stats.hits - before.hits).toBeGreaterThanOrEqual(2);
  expect(session.pool.stats.reused - before.reused).toBeGreaterThan(0);
});

describe('errors of the WGSL and its bindings are reported against the case, and the next case runs', () => {
  test('invalid WGSL: the kernel, file:line:column and the message', async () => {
    const k = copyKernel({
      name: 'inline_bad',
      wgsl: wgslJoin([
        { file: 'inline-bad.wgsl', code: COPY.replace('dst[i] = src[i] * gain;', 'dst[i] = src[i] * gian;') },
      ]),
    });
    const r = await runCase(k, 2);
    expect(r.outcome).toBe('compile-error');
    expect(r.error).toMatch(
      /^inline_bad: WGSL does not compile\n {2}inline-bad\.wgsl:13:21: error: unresolved value 'gian'/,
    );
    expect((await runCase(copyKernel(), 2)).outcome).toBe('pass');
  });

  test('planted: invalid WGSL ends its sweep before the first case: compile-error, 0 cases, the compiler at file:line:col', async () => {
    const k = copyKernel({
      name: 'inline_bad_sweep',
      wgsl: wgslJoin([
        { file: 'inline-bad.wgsl', code: COPY.replace('dst[i] = src[i] * gain;', 'dst[i] = src[i] * gainx;') },
      ]),
    });
    const r = await sweep(k, { runs: 40, seed: 3 });
    expect(r).toMatchObject({ pass: false, runs: 0, cases: [], outcomes: {} });
    expect(r.failure).toBeUndefined();
    expect(renderSweepFailure(r)).toMatch(
      /^inline_bad_sweep: compile-error \(0 cases run\)\ninline_bad_sweep: WGSL does not compile\n {2}inline-bad\.wgsl:13:21: error: unresolved value 'gainx'/,
    );
  });

  test('a binding the WGSL does not have, and one missing', async () => {
    const k = copyKernel({
      gpu: (g, w) => {
        const s = copySurface(w);
        const out = g.output(s.desc);
        g.dispatch('main', [g.surface(s), out, g.uniform([1]), g.desc(s.desc)], [w, 2]);
        return out;
      },
    });
    const r = await runCase(k, 2);
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toBe(
      "inline_copy: bindings for entry point 'main' do not match its WGSL:\n" +
        '  @group(0) @binding(2) desc is storage in the WGSL but a uniform buffer (uniform) was given\n' +
        "  binding 3 (desc) is given but entry point 'main' uses no @group(0) @binding(3)\n" +
        'main uses:\n' +
        '  @group(0) @binding(0) src: storage, read_write array<u32>\n' +
        '  @group(0) @binding(1) dst: storage, read_write array<u32>\n' +
        '  @group(0) @binding(2) desc: storage, read twinpath::texture::TextureDesc\n' +
        'Fix: pass bindings in @binding order of @group(0), or by WGSL name.',
    );
  });

  test('a validation error from Dawn is caught by the error scopes', async () => {
    const k = copyKernel({
      gpu: (g, w) => {
        const s = copySurface(w);
        const out = g.output(s.desc);
        g.dispatch('main', [g.surface(s), out, g.desc(s.desc)], [w, 2], { constants: { no_such_constant: 1 } });
        return out;
      },
    });
    const r = await runCase(k, 2);
    expect(r.outcome).toBe('gpu-error');
    expect(r.error).toMatch(/^inline_copy: GPU errors:\n {2}dispatch 1 \(main\): [\s\S]*no_such_constant/);
    expect((await runCase(copyKernel(), 2)).outcome).toBe('pass');
  });
});

describe("the device's limits, its loss and its determinism are reported against the case", () => {
  test("a size over the device's limits fails before anything is allocated", async () => {
    const k = copyKernel({
      gpu: (g) =>
        g.output(textureDesc({ width: 16384, height: 16384, format: { storage: 'Float32x4', layout: 'Rgba' } })),
    });
    const r = await runCase(k, 2);
    expect(r.outcome).toBe('setup-error');
    expect(r.error).toMatch(
      /^inline_copy: output needs a 4096\.0 MiB storage buffer; this device allows \d+ MiB \(maxStorageBufferBindingSize\)\. Fix: lower/,
    );
  });

  test('a lost device: the case says so, the next case gets a new device and passes', async () => {
    const before = (await gpuSession()).generation;
    const lost = await runCase(
      copyKernel({
        gpu: (g: GpuContext, w) => {
          const out = g.output(copySurface(w).desc);
          g.device.destroy();
          return out;
        },
      }),
      2,
    );
    expect(lost.outcome).toBe('device-lost');
    expect(lost.error).toMatch(
      /^inline_copy: the GPU device was lost \(destroyed.*\); the next case gets a new device$/,
    );
    expect((await runCase(copyKernel(), 3)).outcome).toBe('pass');
    expect((await gpuSession()).generation).toBe(before + 1);
  });

  test('determinism: two runs of one case must give the same bytes; a difference is its own outcome, located', async () => {
    let run = 1;
    const drifting = copyKernel({
      gpu: (g, w) => {
        const s = copySurface(w);
        const out = g.output(s.desc);
        g.dispatch('main', [g.surface(s), out, g.desc(s.desc)], [w, 2], { constants: { gain: run++ } });
        return out;
      },
    });
    const r = await runCase(drifting, 2, { twice: true });
    expect(r.outcome).toBe('nondeterministic');
    expect(r.error).toBe(
      'inline_copy: two runs of the same case differ (a race or an uninitialised read?): first at level 0 row 1 byte 4 (buffer offset 12): 0x11 then 0x22',
    );
    expect((await runCase(copyKernel(), 3, { twice: true })).outcome).toBe('pass');
  });
});

describe('a case out of time, an oracle that throws, a gpu function without output: each reported', () => {
  test('a case the GPU does not finish in time: reported as timeout, the device dropped, the next case runs', async () => {
    const SLOW = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
struct Spin { n: u32 }
@group(0) @binding(1) var<uniform> spin: Spin;
@compute @workgroup_size(1)
fn main() {
  var acc = 1u;
  for (var i = 0u; i < spin.n; i++) {
    acc = acc * 1664525u + 1013904223u;
  }
  out[0] = acc;
}
`;
    const slow = defineKernel<number>({
      name: 'inline_slow',
      wgsl: wgslJoin([{ file: 'inline-slow.wgsl', code: SLOW }]),
      input: fc.constant(1),
      cpu: () => copySurface(1),
      gpu: (g) => {
        const out = g.output(copySurface(1).desc);
        g.dispatch('main', [out, g.uniform([500_000_000])], [1]);
        return out;
      },
      compare: exact(),
    });
    const before = (await gpuSession()).generation;
    const r = await runCase(slow, 1, { deadlineMs: 150, twice: false });
    expect(r.outcome).toBe('timeout');
    expect(r.error).toBe(
      'inline_slow: the GPU did not finish the case within 150 ms (TWINPATH_CASE_DEADLINE_MS); the device was dropped and the next case gets a new one',
    );
    expect((await runCase(copyKernel(), 2)).outcome).toBe('pass');
    expect((await gpuSession()).generation).toBe(before + 1);
  }, 60_000);

  test('an oracle that throws', async () => {
    const r = await runCase(
      copyKernel({
        cpu: () => {
          throw new Error('boom');
        },
      }),
      2,
    );
    expect(r).toMatchObject({ outcome: 'oracle-error', error: 'inline_copy: oracle threw: boom' });
  });

  test('a gpu function that declares no output, and an unknown entry point', async () => {
    const none = await runCase(copyKernel({ gpu: () => undefined as never }), 1);
    expect(none.error).toBe(
      'inline_copy: its gpu function returned no output; return the output binding, or a record of them by name',
    );
    const entry = await runCase(
      copyKernel({
        gpu: (g, w) => {
          const out = g.output(copySurface(w).desc);
          g.dispatch('mian', [out], [1]);
          return out;
        },
      }),
      1,
    );
    expect(entry.error).toBe("inline_copy: no @compute entry point 'mian' in its WGSL (it has: main)");
  });
});
