/**
 * `twinpath/oracle`: what an oracle may use — surfaces, pixel formats, texel
 * I/O, mip chains and TextureDesc — and nothing that reaches a GPU, vitest or
 * a native library (harness/layering.test.ts checks it). Oracles import this
 * entry, never `twinpath`, so they stay loadable on judge threads and in any
 * plain Node process.
 */
export * from './surface/format.ts';
export * from './surface/mip.ts';
export * from './surface/desc.ts';
export * from './surface/surface.ts';
export * from './surface/texel.ts';
export type { ExactValues } from './compare/compare.ts';
export type { Rounding } from './compare/policy.ts';
