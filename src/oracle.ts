/**
 * `twinpath/oracle`: what an oracle may use — surfaces, pixel formats, texel
 * I/O, mip levels and TextureDesc — and nothing that reaches a GPU, vitest or
 * a native library (the import rules check it). Oracles import this
 * entry, never `twinpath`, so they stay loadable on judge threads and in any
 * plain Node process. docs/api.md lists every name.
 */
export * from './model/surface/index.ts';
export type { ExactValues } from './model/compare/compare.ts';
export type { Rounding } from './model/compare/policy.ts';
