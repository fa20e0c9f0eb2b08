/**
 * Run settings from the environment (the CLI sets these from its flags, so
 * the main job and `npm test` read them the same way).
 */
import { availableParallelism } from 'node:os';

/** TWINPATH_* settings in force. */
export interface RunConfig {
  /** TWINPATH_RUNS: cases per sweep (default: the kernel's, else 100). */
  readonly runs?: number;
  /** TWINPATH_SEED: fast-check seed (default: a fresh one, printed). */
  readonly seed?: number;
  /** TWINPATH_PATH: fast-check replay path of one case. */
  readonly path?: string;
  /** TWINPATH_REPORT: where results are written (default twinpath-report). */
  readonly reportDir: string;
  /** TWINPATH_DETERMINISM=1/0: run each GPU case twice and require identical bytes (default: on when CI is set). */
  readonly determinism: boolean;
  /** TWINPATH_CASE_DEADLINE_MS: how long the GPU may take to finish one case (default 60000). */
  readonly caseDeadlineMs: number;
  /** TWINPATH_ORACLE_THREADS: worker threads for slow oracles (default: cores - 1, at most 8; 0: main thread only). */
  readonly oracleThreads: number;
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`twinpath: ${name}=${JSON.stringify(v)} is not a whole number`);
  return n;
}

/** Reads the settings; throws `twinpath: TWINPATH_RUNS="ten" is not a whole number`. */
export function runConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const runs = int('TWINPATH_RUNS', env.TWINPATH_RUNS);
  const seed = int('TWINPATH_SEED', env.TWINPATH_SEED);
  return {
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    ...(env.TWINPATH_PATH ? { path: env.TWINPATH_PATH } : {}),
    reportDir: env.TWINPATH_REPORT || 'twinpath-report',
    determinism: env.TWINPATH_DETERMINISM ? env.TWINPATH_DETERMINISM === '1' : !!env.CI,
    caseDeadlineMs: int('TWINPATH_CASE_DEADLINE_MS', env.TWINPATH_CASE_DEADLINE_MS) ?? 60_000,
    oracleThreads: int('TWINPATH_ORACLE_THREADS', env.TWINPATH_ORACLE_THREADS) ?? Math.min(8, availableParallelism() - 1),
  };
}
