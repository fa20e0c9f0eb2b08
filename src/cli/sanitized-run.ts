/**
 * `twinpath run --sanitize TOOL` where CUDA sweeps run: CUDA runs inside the
 * run's test workers, so compute-sanitizer must watch the whole run. The run
 * starts itself again under the tool (every process it starts watched, the
 * kernels compiled with -lineinfo), passes on what it prints, and ends with
 * the tool's first error in one line.
 */
import { spawn } from 'node:child_process';
import { selectedBackends } from '../backends/registry.ts';
import {
  computeSanitizerArgs,
  findComputeSanitizer,
  UNDER_COMPUTE_SANITIZER,
} from '../backends/cuda/compute-sanitizer.ts';
import { firstComputeSanitizerError } from '../backends/cuda/compute-sanitizer-report.ts';
import { runConfig } from '../core/settings/settings.ts';

/** What of the child's output is kept to find the tool's report in (its end). */
const KEPT = 4 << 20;

/**
 * Runs this command again under compute-sanitizer when --sanitize names a tool, CUDA is among the backends and
 * this run is not already under it; returns its exit status (1 when the tool found an error, printed as
 * `twinpath: compute-sanitizer memcheck: Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)`),
 * or undefined to run here: no tool asked, no CUDA, already under it, or no compute-sanitizer (the CUDA sweeps
 * then say so, unavailable, with where it was looked for).
 */
export async function runUnderComputeSanitizer(): Promise<number | undefined> {
  const tool = runConfig().sanitize;
  if (!tool || process.env[UNDER_COMPUTE_SANITIZER] || !selectedBackends().includes('cuda')) return undefined;
  const sanitizer = findComputeSanitizer();
  if (typeof sanitizer !== 'string') return undefined;
  const self = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2)];
  const child = spawn(sanitizer, [...computeSanitizerArgs(tool), process.execPath, ...self], {
    env: { ...process.env, [UNDER_COMPUTE_SANITIZER]: tool, TWINPATH_CUDA_LINEINFO: '1' },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-KEPT));
  child.stdout.on('data', (d: Buffer) => (process.stdout.write(d), keep(d)));
  child.stderr.on('data', (d: Buffer) => (process.stderr.write(d), keep(d)));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const found = firstComputeSanitizerError(output);
  if (found) process.stdout.write(`twinpath: compute-sanitizer ${tool}: ${found}\n`);
  return found ? 1 : code;
}
