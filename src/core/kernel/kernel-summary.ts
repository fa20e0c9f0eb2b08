/**
 * What `twinpath run --list` and `twinpath watch` know about a kernel
 * without running it: its outputs, its backends and the WGSL files it reads.
 */
import { resolve } from 'node:path';
import { kernelBackends } from '../../backends/registry.ts';
import type { Kernel } from './kernel.ts';
import { policyOutputs } from './kernel-policy.ts';

/** A kernel as listed: name, outputs, backends, and the absolute paths of its WGSL files. */
export interface KernelSummary {
  readonly name: string;
  readonly outputs: readonly string[];
  readonly backends: readonly string[];
  readonly wgslFiles: readonly string[];
}

/**
 * A listing's name for a kernel with one policy: its output is named by what its gpu function returns, which only
 * running it shows.
 */
export const ONE_OUTPUT = '(one)';

/**
 * Summarises a kernel definition (WGSL file paths resolved against the working directory, as they were read). Its
 * outputs are the names of its per-output policies; a kernel with one policy for all lists ONE_OUTPUT.
 */
export function kernelSummary<I>(k: Kernel<I>): KernelSummary {
  return {
    name: k.name,
    outputs: policyOutputs(k) ?? [ONE_OUTPUT],
    backends: kernelBackends(k),
    wgslFiles: k.wgsl
      ? [...new Set([...k.wgsl.parts.map((p) => resolve(p.file)), ...k.wgsl.rootModules.map((m) => m.path)])]
      : [],
  };
}
