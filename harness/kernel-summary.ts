/**
 * What `twinpath run --list` and `twinpath watch` know about a kernel
 * without running it: its outputs, its backends and the WGSL files it reads.
 */
import { resolve } from 'node:path';
import type { Kernel } from './kernel.ts';

/** A kernel as listed: name, outputs, backends, and the absolute paths of its WGSL files. */
export interface KernelSummary {
  readonly name: string;
  readonly outputs: readonly string[];
  readonly backends: readonly string[];
  readonly wgslFiles: readonly string[];
}

/** The output name of a kernel that does not name its one output. */
export const DEFAULT_OUTPUT = 'out';

/** The backend of a kernel that does not name one. */
export const DEFAULT_BACKEND = 'wgsl';

/** Summarises a kernel definition (WGSL file paths resolved against the working directory, as they were read). */
export function kernelSummary<I>(k: Kernel<I>): KernelSummary {
  const named = k as Kernel<I> & {
    readonly outputs?: Record<string, unknown>;
    readonly backends?: Record<string, unknown>;
  };
  return {
    name: k.name,
    outputs: named.outputs ? Object.keys(named.outputs) : [DEFAULT_OUTPUT],
    backends: named.backends ? Object.keys(named.backends) : [DEFAULT_BACKEND],
    wgslFiles: [...new Set([...k.wgsl.parts.map((p) => resolve(p.file)), ...k.wgsl.rootModules.map((m) => m.path)])],
  };
}
