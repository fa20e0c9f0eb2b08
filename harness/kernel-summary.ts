/**
 * What `twinpath run --list` and `twinpath watch` know about a kernel
 * without running it: its outputs, its backends and the WGSL files it reads.
 */
import { resolve } from 'node:path';
import { implementedBackends } from './backends/registry.ts';
import type { Kernel } from './kernel.ts';
import { DEFAULT_OUTPUT } from './output/spec.ts';

/** A kernel as listed: name, outputs, backends, and the absolute paths of its WGSL files. */
export interface KernelSummary {
  readonly name: string;
  readonly outputs: readonly string[];
  readonly backends: readonly string[];
  readonly wgslFiles: readonly string[];
}

/** Summarises a kernel definition (WGSL file paths resolved against the working directory, as they were read). */
export function kernelSummary<I>(k: Kernel<I>): KernelSummary {
  // Outputs are named by what the gpu function returns, so a listing can only say a kernel's default one.
  const declared = k as Kernel<I> & { readonly outputs?: Record<string, unknown> };
  return {
    name: k.name,
    outputs: declared.outputs ? Object.keys(declared.outputs) : [DEFAULT_OUTPUT],
    backends: implementedBackends(k),
    wgslFiles: [...new Set([...k.wgsl.parts.map((p) => resolve(p.file)), ...k.wgsl.rootModules.map((m) => m.path)])],
  };
}
