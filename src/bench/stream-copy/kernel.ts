/**
 * stream_copy, twinpath's own kernel: a tight Float32x1 surface (a multiple of 4 words wide) copied
 * 16 bytes at a time, in WGSL, CUDA and C++ — the streaming floor `twinpath bench` measures every backend's
 * kernels against (same bytes, same backend, same run), and a parity sweep
 * of its own (exact: a copy).
 */
import fc from 'fast-check';
import { prng } from '../../model/arbitraries/contents.ts';
import { caseMemo } from '../../model/arbitraries/case-memo.ts';
import { exact } from '../../model/compare/policy.ts';
import { wgsl } from '../../wgsl/source.ts';
import { defineKernel } from '../../core/kernel/kernel.ts';
import { nativeFiles } from '../../backends/native/source.ts';
import { textureDesc } from '../../model/surface/desc.ts';
import { createSurface, type Surface } from '../../model/surface/surface.ts';
import { writeCode } from '../../model/surface/texel.ts';
import { streamCopy } from './oracle.ts';

export interface StreamCopyCase {
  /** A multiple of 4: the copy moves 16-byte vectors. */
  readonly width: number;
  readonly height: number;
  readonly seed: number;
}

/** Threads per WGSL workgroup and CUDA block. */
const BLOCK = 256;
/** WebGPU's limit of workgroups per dimension: larger copies take more rows. */
const MAX_GROUPS = 65535;

const pixels = caseMemo((c: StreamCopyCase): Surface => {
  const s = createSurface(
    textureDesc({ width: c.width, height: c.height, format: { storage: 'Float32x1', layout: 'Rgba' } }),
  );
  const next = prng(c.seed);
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) writeCode(s, x, y, 0, 0, next());
  return s;
});

const vectors = (c: StreamCopyCase) => (c.width * c.height) / 4;

export default defineKernel<StreamCopyCase>({
  name: 'stream_copy',
  module: import.meta.url,
  wgsl: wgsl(import.meta.url, './stream-copy.wgsl'),
  input: fc.record({
    width: fc.integer({ min: 1, max: 1024 }).map((k) => 4 * k),
    height: fc.integer({ min: 1, max: 64 }),
    seed: fc.nat(),
  }),
  describe: (c) => `${c.width}x${c.height} words bits#${c.seed}`,
  cpu: (c) => streamCopy(pixels(c)),
  gpu: (g, c) => {
    const s = pixels(c);
    const out = g.output(s.desc);
    const total = vectors(c);
    g.dispatch(
      'stream_copy',
      [g.surface(s), out, g.uniform([total])],
      [Math.min(total, BLOCK * MAX_GROUPS), Math.ceil(total / (BLOCK * MAX_GROUPS))],
    );
    return out;
  },
  cuda: {
    source: nativeFiles(import.meta.url, './stream-copy.cu'),
    run: (n, c) => {
      const out = n.output(pixels(c).desc);
      n.launch('stream_copy', [n.surface(pixels(c)), out, n.u32(vectors(c))], {
        grid: [Math.ceil(vectors(c) / BLOCK)],
        block: [BLOCK],
      });
      return out;
    },
  },
  cpp: {
    source: nativeFiles(import.meta.url, './stream-copy.cpp'),
    run: (n, c) => {
      const out = n.output(pixels(c).desc);
      n.call('stream_copy', [n.surface(pixels(c)), out, n.u32(vectors(c))]);
      return out;
    },
  },
  // A copy: byte-identical.
  compare: exact(),
  bench: (width, height) => ({ width: Math.ceil(width / 4) * 4, height, seed: 1 }),
});
