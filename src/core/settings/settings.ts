/**
 * Run settings from the environment (the CLI sets these from its flags, so
 * the main job and `npm test` read them the same way). Every value is checked
 * strictly: a setting that would make a gate test nothing (`--runs 0`) or
 * test something else than asked (`--seed abc`) is an InputError, never a default.
 */
import { mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sanitizerSetting, type SanitizerTool } from '../../model/sanitizer.ts';
import { InputError } from './input-error.ts';

/** TWINPATH_* settings in force. */
export interface RunConfig {
  /** TWINPATH_RUNS: cases per sweep (default: the kernel's, else 100). */
  readonly runs?: number;
  /** TWINPATH_SEED: fast-check seed (default: a fresh one, printed). */
  readonly seed?: number;
  /** TWINPATH_PATH: fast-check replay path of one case (only with its seed). */
  readonly path?: string;
  /** TWINPATH_REPORT: where results are written (default twinpath-report). */
  readonly reportDir: string;
  /** TWINPATH_DETERMINISM=1/0: run each GPU case twice and require identical bytes (default: on when CI is set). */
  readonly determinism: boolean;
  /** TWINPATH_CASE_DEADLINE_MS: how long the GPU may take to finish one case (default 60000). */
  readonly caseDeadlineMs: number;
  /**
   * TWINPATH_WORKERS (`--workers N`): threads that judge cases (oracle, canary, comparison), the sweep's own and
   * N - 1 worker threads (default: one more than the cores, a worker thread per core: the sweep's thread mostly
   * waits on the device; 1: the sweep's thread only).
   */
  readonly workers: number;
  /** TWINPATH_PROFILE=1 (`--profile`): each sweep keeps where its time went (stage-clock.ts). */
  readonly profile: boolean;
  /** TWINPATH_SANITIZE=TOOL (`--sanitize [TOOL]`): every case runs under this sanitizer (WGSL: the bounds check). */
  readonly sanitize?: SanitizerTool;
  /**
   * The sanitizer a failing sweep's shrunk case is re-run under once: `sanitize`, else memcheck;
   * undefined under TWINPATH_SANITIZE=off.
   */
  readonly failureSanitizer?: SanitizerTool;
}

/** How each setting is named on the command line and in the environment, for messages. */
const NAMES = {
  TWINPATH_RUNS: '--runs (TWINPATH_RUNS)',
  TWINPATH_SEED: '--seed (TWINPATH_SEED)',
  TWINPATH_PATH: '--path (TWINPATH_PATH)',
  TWINPATH_REPORT: '--report (TWINPATH_REPORT)',
  TWINPATH_DETERMINISM: 'TWINPATH_DETERMINISM',
  TWINPATH_CASE_DEADLINE_MS: 'TWINPATH_CASE_DEADLINE_MS',
  TWINPATH_WORKERS: '--workers (TWINPATH_WORKERS)',
  TWINPATH_SANITIZE: '--sanitize (TWINPATH_SANITIZE)',
} as const;

type Name = keyof typeof NAMES;

function wholeNumber(
  name: Name,
  v: string | undefined,
  min: number,
  max: number,
  what: string,
  fix: string,
): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(`twinpath: ${NAMES[name]} must be ${what}, not ${JSON.stringify(v)}. Fix: ${fix}`);
  return n;
}

/**
 * TWINPATH_SANITIZE (sanitizerSetting). Throws an InputError:
 * `twinpath: --sanitize (TWINPATH_SANITIZE) is memcheck, racecheck, initcheck, synccheck or off, not "asan". Fix: --sanitize memcheck`.
 */
function sanitizeSetting(v: string | undefined): Pick<RunConfig, 'sanitize' | 'failureSanitizer'> {
  const s = sanitizerSetting(v);
  if ('invalid' in s) throw new InputError(`twinpath: ${NAMES.TWINPATH_SANITIZE} ${s.invalid}`);
  return s;
}

/** A fast-check path: case indices joined by colons, as a replay line prints it. */
const PATH = /^\d+(:\d+)*$/;

/**
 * Reads and checks the settings. Throws an InputError, e.g.
 * `twinpath: --runs (TWINPATH_RUNS) must be a positive whole number of cases, not "0". Fix: --runs 100`,
 * `twinpath: --seed (TWINPATH_SEED) must be a 32-bit integer, not "abc". Fix: the seed a failure printed, e.g. --seed 42`,
 * `twinpath: --path (TWINPATH_PATH) names a case of one seed: give --seed too (the replay line has both)`.
 */
export function runConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const runs = wholeNumber(
    'TWINPATH_RUNS',
    env.TWINPATH_RUNS,
    1,
    2 ** 31 - 1,
    'a positive whole number of cases',
    '--runs 100',
  );
  const seed = wholeNumber(
    'TWINPATH_SEED',
    env.TWINPATH_SEED,
    -(2 ** 31),
    2 ** 32 - 1,
    'a 32-bit integer',
    'the seed a failure printed, e.g. --seed 42',
  );
  const path = env.TWINPATH_PATH || undefined;
  if (path !== undefined && !PATH.test(path)) {
    throw new InputError(
      `twinpath: ${NAMES.TWINPATH_PATH} must be case indices joined by ":", not ${JSON.stringify(path)}. Fix: copy --path from the replay line`,
    );
  }
  if (path !== undefined && seed === undefined)
    throw new InputError(
      `twinpath: ${NAMES.TWINPATH_PATH} names a case of one seed: give --seed too (the replay line has both)`,
    );
  const determinism = env.TWINPATH_DETERMINISM;
  if (determinism && determinism !== '0' && determinism !== '1')
    throw new InputError(`twinpath: TWINPATH_DETERMINISM is 1 or 0, not ${JSON.stringify(determinism)}`);
  const deadline = wholeNumber(
    'TWINPATH_CASE_DEADLINE_MS',
    env.TWINPATH_CASE_DEADLINE_MS,
    1,
    2 ** 31 - 1,
    'a positive number of milliseconds',
    'TWINPATH_CASE_DEADLINE_MS=60000',
  );
  const workers = wholeNumber(
    'TWINPATH_WORKERS',
    env.TWINPATH_WORKERS,
    1,
    256,
    'a whole number of threads from 1 to 256',
    '--workers 1',
  );
  const profile = env.TWINPATH_PROFILE;
  if (profile && profile !== '0' && profile !== '1')
    throw new InputError(`twinpath: TWINPATH_PROFILE is 1 or 0, not ${JSON.stringify(profile)}. Fix: --profile`);
  return {
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined ? {} : { path }),
    reportDir: env.TWINPATH_REPORT || 'twinpath-report',
    determinism: determinism ? determinism === '1' : !!env.CI,
    caseDeadlineMs: deadline ?? 60_000,
    workers: workers ?? availableParallelism() + 1,
    profile: profile === '1',
    ...sanitizeSetting(env.TWINPATH_SANITIZE),
  };
}

/**
 * Makes sure the report folder exists and is a folder. Throws an InputError:
 * `twinpath: --report (TWINPATH_REPORT) "notes.txt" is a file, not a folder. Fix: name a folder, e.g. --report twinpath-report`,
 * `twinpath: --report (TWINPATH_REPORT) "/proc/x" cannot be created: EACCES … Fix: name a folder you can write`.
 */
export function ensureReportDir(dir: string): void {
  const fix = 'Fix: name a folder, e.g. --report twinpath-report';
  let isDir: boolean | undefined;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = undefined;
  }
  if (isDir === false)
    throw new InputError(`twinpath: ${NAMES.TWINPATH_REPORT} ${JSON.stringify(dir)} is a file, not a folder. ${fix}`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(
      `twinpath: ${NAMES.TWINPATH_REPORT} ${JSON.stringify(dir)} cannot be created: ${(e as Error).message}. Fix: name a folder you can write`,
    );
  }
}

/** Whether a run accepts a software adapter (`any`) or refuses one (`hardware`): `--require-gpu`. */
export type GpuRequirement = 'hardware' | 'any';

/** The requirement from `TWINPATH_REQUIRE_GPU` (default `any`); throws on another value. */
export function gpuRequirement(env: NodeJS.ProcessEnv = process.env): GpuRequirement {
  const v = env.TWINPATH_REQUIRE_GPU || 'any';
  if (v !== 'hardware' && v !== 'any')
    throw new InputError(`twinpath: TWINPATH_REQUIRE_GPU / --require-gpu is hardware or any, not ${JSON.stringify(v)}`);
  return v;
}

/** Which CUDA compiler builds CUDA sources: nvcc (a cubin, host code allowed) or NVRTC (at run time). */
export type CudaCompilerChoice = 'nvcc' | 'nvrtc';

/**
 * `TWINPATH_CUDA_COMPILER` (nvcc or nvrtc), or undefined to take nvcc when the toolkit has it, else NVRTC. Throws
 * an InputError: `twinpath: TWINPATH_CUDA_COMPILER is nvcc or nvrtc, not "clang". Fix: unset it to take nvcc when
 * the toolkit has it, else NVRTC`.
 */
export function cudaCompilerChoice(env: NodeJS.ProcessEnv = process.env): CudaCompilerChoice | undefined {
  const v = env.TWINPATH_CUDA_COMPILER;
  if (!v) return undefined;
  if (v !== 'nvcc' && v !== 'nvrtc')
    throw new InputError(
      `twinpath: TWINPATH_CUDA_COMPILER is nvcc or nvrtc, not ${JSON.stringify(v)}. Fix: unset it to take nvcc when the toolkit has it, else NVRTC`,
    );
  return v;
}
