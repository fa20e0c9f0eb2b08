/**
 * Cases batched into one queue submission: each keeps its own output, GPU
 * time and verdict; a problem of one case is pinned to that case (a
 * submission that fails as a whole reruns its cases alone), and the others
 * pass. Inline kernels: harness tests import no real kernel.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { exact } from '../../model/compare/policy.ts';
import { defineKernel, type KernelDefinition } from '../../core/kernel/kernel.ts';
import { runCases } from '../../core/sweep/case.ts';
import { sweep } from '../../core/sweep/sweep.ts';
import { writeCode } from '../../model/surface/texel.ts';
import { gpuSession } from './session.ts';
import { copySurface } from '../../core/fixtures/copy-case.ts';
import { wgslJoin } from '../../wgsl/source.ts';

const COPY = `#import twinpath::texture::{TextureDesc, texelWord}
@group(0) @binding(0) var<storage, read_write> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@group(0) @binding(2) var<storage, read> desc: TextureDesc;
struct Spin { n: u32 }
@group(0) @binding(3) var<uniform> spin: Spin;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= desc.width || gid.y >= desc.height) {
    return;
  }
  var acc = 0u;
  for (var k = 0u; k < spin.n; k++) {
    acc = acc * 1664525u + 1013904223u;
  }
  let i = texelWord(desc, gid.x, gid.y, 0u);
  // Never true for the spins the tests use, but the loop must run to know.
  if (acc == 0x7fffffffu) {
    dst[i] = 0u;
  } else {
    dst[i] = src[i];
  }
}
`;

const wgsl = wgslJoin([{ file: 'inline-batch.wgsl', code: COPY }]);

/** Case `w`: a w x 2 copy; the GPU spins `spin(w)` iterations per texel first. */
function batchKernel(over: Partial<KernelDefinition<number>> = {}, spin = (_w: number) => 0) {
  return defineKernel<number>({
    name: 'inline_batch',
    wgsl,
    input: fc.integer({ min: 1, max: 8 }),
    describe: (w) => `${w}x2`,
    cpu: (w) => copySurface(w),
    gpu: (g, w) => {
      const s = copySurface(w);
      const out = g.output(s.desc);
      g.dispatch('main', [g.surface(s), out, g.desc(s.desc), g.uniform([spin(w)])], [w, 2]);
      return out;
    },
    compare: exact(),
    ...over,
  });
}

async function submissions<T>(run: () => Promise<T>): Promise<{ result: T; submissions: number }> {
  const s = await gpuSession();
  const before = s.submitted.submissions;
  const result = await run();
  return { result, submissions: (await gpuSession()).submitted.submissions - before };
}

test('eight cases go in one submission, each with its own output, verdict and GPU time', async () => {
  const { result, submissions: n } = await submissions(() =>
    runCases(batchKernel(), [1, 2, 3, 4, 5, 6, 7, 8], { twice: false }),
  );
  expect(n).toBe(1);
  expect(result.map((r) => [r.case, r.outcome])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((w) => [`${w}x2`, 'pass']));
  expect(result.map((r) => r.comparison!.compared)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((w) => w * 2 * 4));
  if ((await gpuSession()).timestamps) expect(result.every((r) => r.gpuNs !== undefined)).toBe(true);
});

test('a case the batch judges wrong is the only one that fails, with its own diagnostic', async () => {
  const wrong = batchKernel({
    cpu: (w) => {
      const s = copySurface(w);
      if (w === 3) writeCode(s, 2, 1, 0, 0, 0);
      return s;
    },
  });
  const r = await runCases(wrong, [2, 3, 4], { twice: false });
  expect(r.map((c) => c.outcome)).toEqual(['pass', 'mismatch', 'pass']);
  expect(r[1]!.comparison!.first[0]).toMatchObject({ level: 0, x: 2, y: 1, channel: 'r', expected: 0, actual: 34 });
});

test('a setup error thrown by one case does not spoil the submission: the others pass in it', async () => {
  const k = batchKernel({
    gpu: (g, w) => {
      const s = copySurface(w);
      const out = g.output(s.desc);
      g.dispatch(
        'main',
        w === 2 ? [g.surface(s), out, g.desc(s.desc)] : [g.surface(s), out, g.desc(s.desc), g.uniform([0])],
        [w, 2],
      );
      return out;
    },
  });
  const { result, submissions: n } = await submissions(() => runCases(k, [1, 2, 3], { twice: false }));
  expect(n).toBe(1);
  expect(result.map((r) => r.outcome)).toEqual(['pass', 'setup-error', 'pass']);
  expect(result[1]!.error).toMatch(
    /^inline_batch: bindings for entry point 'main' do not match its WGSL:\n {2}@group\(0\) @binding\(3\) spin \(uniform\) is not given/,
  );
});

test('a GPU error in one case fails its submission; the cases rerun alone and only that one fails', async () => {
  const k = batchKernel({
    gpu: (g, w) => {
      const s = copySurface(w);
      const out = g.output(s.desc);
      g.dispatch(
        'main',
        [g.surface(s), out, g.desc(s.desc), g.uniform([0])],
        [w, 2],
        w === 2 ? { constants: { no_such_constant: 1 } } : {},
      );
      return out;
    },
  });
  const { result, submissions: n } = await submissions(() => runCases(k, [1, 2, 3], { twice: false }));
  expect(n).toBe(4);
  expect(result.map((r) => r.outcome)).toEqual(['pass', 'gpu-error', 'pass']);
  expect(result[1]!.error).toMatch(/^inline_batch: GPU errors:\n {2}dispatch 1 \(main\): [\s\S]*no_such_constant/);
});

test('one case of a batch that the GPU does not finish: it times out alone, the others pass', async () => {
  const before = (await gpuSession()).generation;
  const k = batchKernel({}, (w) => (w === 2 ? 500_000_000 : 0));
  const r = await runCases(k, [1, 2, 3], { twice: false, deadlineMs: 150 });
  expect(r.map((c) => c.outcome)).toEqual(['pass', 'timeout', 'pass']);
  expect(r[1]!.error).toBe(
    'inline_batch: the GPU did not finish the case within 150 ms (TWINPATH_CASE_DEADLINE_MS); the device was dropped and the next case gets a new one',
  );
  // The submission of three was dropped, then the hung case alone.
  expect((await gpuSession()).generation).toBe(before + 2);
}, 60_000);

test('determinism in a batch: each case is compared with its own rerun', async () => {
  let run = 0;
  const drifting = batchKernel({
    gpu: (g, w) => {
      const s = copySurface(w);
      if (w === 3 && run++ > 0) writeCode(s, 1, 1, 0, 0, 99);
      const out = g.output(s.desc);
      g.dispatch('main', [g.surface(s), out, g.desc(s.desc), g.uniform([0])], [w, 2]);
      return out;
    },
  });
  const r = await runCases(drifting, [2, 3, 4], { twice: true });
  expect(r.map((c) => c.outcome)).toEqual(['pass', 'nondeterministic', 'pass']);
  expect(r[1]!.error).toBe(
    'inline_batch: two runs of the same case differ (a race or an uninitialised read?): first at level 0 row 1 byte 4 (buffer offset 16): 0x11 then 0x63',
  );
});

test('a sweep whose batch throws rejects with the error: never a pass on fewer cases', async () => {
  // Cases over 4 differ from their oracle, and the policy judging them throws (not a PolicyError): the batch throws.
  const broken = batchKernel({
    cpu: (w) => {
      const s = copySurface(w);
      if (w > 4) writeCode(s, 0, 0, 0, 1, 1);
      return s;
    },
    compare: {
      ...exact(),
      judge: () => {
        throw new Error('policy broke');
      },
    },
  });
  await expect(sweep(broken, { runs: 100, seed: 3 })).rejects.toThrow('policy broke');
});

test('a batched sweep finds the first failing case, replays it from its path and shrinks it alone', async () => {
  const wrongFrom5 = batchKernel({
    cpu: (w) => {
      const s = copySurface(w);
      if (w >= 5) writeCode(s, 0, 0, 0, 1, 1);
      return s;
    },
  });
  const r = await sweep(wrongFrom5, { runs: 100, seed: 11 });
  expect(r.pass).toBe(false);
  expect(r.failure!.result.case).toBe('5x2');
  expect(r.failure!.result.outcome).toBe('mismatch');
  // The replay line's path names that very case: replaying it fails the same way.
  const again = await sweep(wrongFrom5, { seed: 11, path: r.failure!.path });
  expect(again.failure!.result.case).toBe('5x2');
  expect(r.cases.filter((c) => c.phase === 'run').length).toBe(r.runs);
});
