/**
 * `--sanitize` on WGSL: the bounds check. Every case of a sweep under
 * `--sanitize memcheck`, and a failing sweep's shrunk case otherwise, runs
 * the bounds-checked build of the kernel's modules (src/wgsl/bounds-check/):
 * an access outside its array's bound is the case's outcome `sanitizer`,
 * even where the output is right. The other tools are CUDA's.
 */
import type { SanitizeRequest } from '../backend.ts';
import type { BackendKernel } from '../implementations.ts';
import { sanitizerSetting, type SanitizerFinding, type SanitizerTool } from '../../model/sanitizer.ts';
import { instrumentBounds } from '../../wgsl/bounds-check/instrument.ts';
import type { WgslSource } from '../../wgsl/source.ts';
import { executeGpu } from './execute.ts';

const cudaOnly = (tool: SanitizerTool) =>
  `--sanitize ${tool} is a compute-sanitizer tool of CUDA; WGSL sweeps are bounds-checked with --sanitize memcheck`;

/**
 * Whether TWINPATH_SANITIZE runs every WGSL case bounds-checked (`memcheck`), or why WGSL cannot run under it:
 * `WGSL unavailable: --sanitize racecheck is a compute-sanitizer tool of CUDA; WGSL sweeps are bounds-checked with
 * --sanitize memcheck`.
 */
export function wgslSanitizing(): { readonly every: boolean } | { readonly unavailable: string } {
  const setting = sanitizerSetting(process.env.TWINPATH_SANITIZE);
  const tool = 'sanitize' in setting ? setting.sanitize : undefined;
  if (tool && tool !== 'memcheck') return { unavailable: `WGSL unavailable: ${cudaOnly(tool)}` };
  return { every: tool === 'memcheck' };
}

/**
 * The accesses of a kernel's WGSL the bounds check cannot see, or undefined when it sees every one:
 * `the bounds check cannot check every access of k: kernels/k/k.wgsl:9: a pointer to a is taken; accesses through
 * it are not checked`.
 */
export function uncheckedAccesses<I>(k: BackendKernel<I>): string | undefined {
  const sources = [k.wgsl, ...Object.values(k.modules ?? {})].filter((s): s is WgslSource => !!s && !s.problem);
  const unchecked = sources.flatMap((s) => instrumentBounds(s).unchecked);
  if (!unchecked.length) return undefined;
  return `the bounds check cannot check every access of ${k.name}: ${unchecked.join('; ')}`;
}

/**
 * Runs one case bounds-checked: `found` with the first out-of-bounds access per variable (`k: bounds check:
 * out-of-bounds read a[16] (bound 16; …) at kernels/k/k.wgsl:9 by global invocation (16, 0, 0)`), `clean`, or
 * `unavailable` for a CUDA-only tool, accesses it cannot check, or a checked build that could not run the case.
 */
export async function sanitizeWgslCase<I>(k: BackendKernel<I>, req: SanitizeRequest<I>): Promise<SanitizerFinding> {
  const { tool } = req;
  if (tool !== 'memcheck') return { tool, status: 'unavailable', text: cudaOnly(tool) };
  const unchecked = uncheckedAccesses(k);
  if (unchecked) return { tool, status: 'unavailable', text: unchecked };
  const r = (await executeGpu(k, [req.input], req.deadlineMs, true))[0]!;
  if ('outcome' in r && r.outcome === 'sanitizer') return { tool, status: 'found', text: r.error };
  // A checked build that could not run the case checked nothing: never `clean`.
  if ('outcome' in r && (r.outcome === 'compile-error' || r.outcome === 'setup-error'))
    return { tool, status: 'unavailable', text: `the bounds-checked build could not run the case: ${r.error}` };
  const ended = 'outcome' in r ? `the case ended ${r.outcome}` : 'the case ran to its end';
  return { tool, status: 'clean', text: `the bounds check found every access in bounds (${ended})` };
}
