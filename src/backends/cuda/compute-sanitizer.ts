/**
 * NVIDIA's compute-sanitizer for the CUDA backend. CUDA runs in the sweep's
 * own process, so a case is checked by running it again as a child process —
 * its replay, `twinpath run <kernel> --backend cuda --seed S --path P` —
 * under the tool, its first error read from what the tool prints.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SanitizeRequest } from '../backend.ts';
import type { SanitizerFinding, SanitizerTool } from '../../model/sanitizer.ts';
import { firstComputeSanitizerError } from './compute-sanitizer-report.ts';

/** The twinpath command line a child runs the replay with. */
const TWINPATH = fileURLToPath(new URL('../../../bin/twinpath.js', import.meta.url));

/** The exit status the tool is told to give when it found an error. */
const FOUND_EXIT = 99;

/** The toolkit's usual homes, after $CUDA_HOME and $CUDA_PATH. */
const USUAL_HOMES = ['/usr/local/cuda', '/opt/cuda'];

/**
 * Where compute-sanitizer is looked for, in order: the variable alone when it is set (a path the user named is never
 * passed over for another), else PATH and the toolkit's homes.
 */
function candidates(
  env: NodeJS.ProcessEnv,
  usual: readonly string[],
): { readonly paths: readonly string[]; readonly searched: string } {
  if (env.TWINPATH_COMPUTE_SANITIZER)
    return {
      paths: [env.TWINPATH_COMPUTE_SANITIZER],
      searched: `$TWINPATH_COMPUTE_SANITIZER (${env.TWINPATH_COMPUTE_SANITIZER})`,
    };
  const onPath = (env.PATH ?? '').split(delimiter).filter((d) => d);
  const homes = [env.CUDA_HOME, env.CUDA_PATH, ...usual].filter((d): d is string => !!d);
  const dirs = [...onPath, ...homes.map((h) => join(h, 'bin')), ...homes.map((h) => join(h, 'compute-sanitizer'))];
  return {
    paths: dirs.map((d) => join(d, 'compute-sanitizer')),
    searched: `$TWINPATH_COMPUTE_SANITIZER, PATH, ${homes.map((h) => `${h}/bin`).join(', ')}`,
  };
}

/**
 * The compute-sanitizer executable, or why there is none:
 * `compute-sanitizer not found: looked in $TWINPATH_COMPUTE_SANITIZER, PATH, /usr/local/cuda/bin, /opt/cuda/bin.
 * Fix: install the CUDA toolkit (it ships compute-sanitizer) or set TWINPATH_COMPUTE_SANITIZER to it`.
 */
export function findComputeSanitizer(
  env: NodeJS.ProcessEnv = process.env,
  usual: readonly string[] = USUAL_HOMES,
): string | { readonly unavailable: string } {
  const { paths, searched } = candidates(env, usual);
  for (const p of paths) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here: the next place
    }
  }
  return {
    unavailable: `compute-sanitizer not found: looked in ${searched}. Fix: install the CUDA toolkit (it ships compute-sanitizer) or set TWINPATH_COMPUTE_SANITIZER to it`,
  };
}

/** Set in a run that twinpath started under compute-sanitizer: the tool's name. */
export const UNDER_COMPUTE_SANITIZER = 'TWINPATH_UNDER_COMPUTE_SANITIZER';

/**
 * Why CUDA cannot run under `--sanitize TOOL` in this process, or undefined when it can (no tool asked, or this
 * run is under that tool): compute-sanitizer is not installed (findComputeSanitizer's text), or this process was
 * not started under it: `CUDA under --sanitize memcheck: this process is not running under compute-sanitizer
 * (twinpath run starts itself under it; twinpath watch and vitest do not). Fix: twinpath run --sanitize memcheck`.
 */
export function cudaSanitizerUnavailable(
  tool: SanitizerTool | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!tool || env[UNDER_COMPUTE_SANITIZER] === tool) return undefined;
  const found = findComputeSanitizer(env);
  if (typeof found !== 'string') return `CUDA under --sanitize ${tool}: ${found.unavailable}`;
  return `CUDA under --sanitize ${tool}: this process is not running under compute-sanitizer (twinpath run starts itself under it; twinpath watch and vitest do not). Fix: twinpath run --sanitize ${tool}`;
}

/**
 * The tool's arguments before the command it watches. API errors are not reported: twinpath asks the driver for
 * names a module may lack (cuModuleGetFunction) and reports what fails itself.
 */
export function computeSanitizerArgs(tool: SanitizerTool): string[] {
  return [
    '--tool',
    tool,
    '--target-processes',
    'all',
    '--report-api-errors',
    'no',
    '--print-limit',
    '1',
    '--error-exitcode',
    String(FOUND_EXIT),
  ];
}

/**
 * Runs the case's replay under compute-sanitizer `req.tool` in a child process (its kernels compiled with
 * -lineinfo, its report folder apart) and reads the tool's first error:
 * `{ status: 'found', text: 'compute-sanitizer memcheck: Invalid __shared__ write of size 4 bytes at tile.cu:4 (in void tile_kernel<64>(float *)) by thread (63,0,0) in block (0,0,0)' }`;
 * `clean` when it reported none; `unavailable` when the tool is not installed (what was searched) or the child
 * did not run (its exit and output's end).
 */
export async function sanitizeCudaCase(req: SanitizeRequest<unknown>): Promise<SanitizerFinding> {
  const { tool } = req;
  const sanitizer = findComputeSanitizer();
  if (typeof sanitizer !== 'string') return { tool, status: 'unavailable', text: sanitizer.unavailable };
  const reportDir = mkdtempSync(join(tmpdir(), 'twinpath-sanitize-'));
  const replay = ['run', req.kernel, '--backend', 'cuda', '--seed', String(req.seed), '--path', req.path];
  const args = [...computeSanitizerArgs(tool), process.execPath, TWINPATH, ...replay, '--report', reportDir];
  const env = {
    ...process.env,
    TWINPATH_SANITIZE: 'off',
    TWINPATH_CUDA_LINEINFO: '1',
    TWINPATH_PATH: '',
    TWINPATH_SEED: '',
  };
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(sanitizer, args, { env, maxBuffer: 64 << 20, timeout: req.deadlineMs + 120_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, output: `${stdout}${stderr}` }),
    );
  });
  const found = firstComputeSanitizerError(output);
  if (found) return { tool, status: 'found', text: `compute-sanitizer ${tool}: ${found}` };
  if (code === FOUND_EXIT || code === null)
    return {
      tool,
      status: 'unavailable',
      text: `compute-sanitizer ${tool} ended ${code ?? 'by a signal or its time limit'} with no report read: ${output.slice(-400)}`,
    };
  return {
    tool,
    status: 'clean',
    text: `compute-sanitizer ${tool} reported no error re-running the case's replay (${replay.join(' ')})`,
  };
}
