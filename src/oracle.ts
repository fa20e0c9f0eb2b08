/**
 * `twinpath/oracle`: what an oracle may use — surfaces, pixel formats, texel
 * I/O, mip chains and TextureDesc — and nothing that reaches a GPU, vitest or
 * a native library (the import rules check it). Oracles import this
 * entry, never `twinpath`, so they stay loadable on judge threads and in any
 * plain Node process.
 */
export * from './model/surface/format.ts';
export * from './model/surface/mip.ts';
export * from './model/surface/desc.ts';
export * from './model/surface/surface.ts';
export * from './model/surface/texel.ts';
export type { ExactValues } from './model/compare/compare.ts';
export type { Rounding } from './model/compare/policy.ts';
