/**
 * A sweep's verdict: decided once, where the sweep ends (parity-test.ts), with
 * the expectations applied, and rendered from here alone by the console, results.json,
 * junit.xml and the HTML page. Only `pass` and `expected-fail` pass the gate;
 * `unsupported` (the adapter lacks a feature or limit the kernel needs) and
 * `unavailable` (a backend cannot load) are counted apart, never as passes.
 */
import type { CaseOutcome } from '../sweep/case.ts';
import type { Expectation } from './expectations.ts';
import { matchingExpectation } from './expectations.ts';
import type { SweepResult } from '../sweep/sweep.ts';

export const SWEEP_STATUSES = [
  'pass',
  'fail',
  'expected-fail',
  'unexpected-pass',
  'unsupported',
  'unavailable',
] as const;

export type SweepStatus = (typeof SWEEP_STATUSES)[number];

export interface SweepVerdict {
  readonly status: SweepStatus;
  /** Why: the expectation's reason, the error of a sweep that ended without a result, what is unsupported. */
  readonly reason?: string;
  /** The outcome of the failing case, for a sweep that failed (expected or not). */
  readonly outcome?: CaseOutcome;
  /** The index of the expectation that decided an expected failure or an unexpected pass. */
  readonly expectation?: number;
}

/** Whether a verdict lets the gate pass: `pass` and `expected-fail` do, nothing else. */
export function passesGate(v: SweepVerdict): boolean {
  return v.status === 'pass' || v.status === 'expected-fail';
}

/** Whether the sweep could not run here at all (counted apart from passes and failures). */
export function notRun(v: SweepVerdict): boolean {
  return v.status === 'unsupported' || v.status === 'unavailable';
}

/**
 * The verdict of a finished sweep. A sweep fails when its cases fail (unless
 * an expectation lists the failure), when its implementation does not compile
 * (`fail (compile-error)`, the compiler's log as the reason; 0 cases), when no case ran, or when the kernel's
 * `describe()` threw (`im2col: describe() threw on a case: boom — fix the
 * kernel's describe(); the cases are kept`); a listed kernel that passes is an
 * unexpected pass. A sweep the adapter cannot run (a required feature or
 * limit missing) is `unsupported`, with the expectation that lists it if one does.
 */
export function decideVerdict(r: SweepResult, expectations: readonly Expectation[]): SweepVerdict {
  if (r.unavailable) return { status: 'unavailable', reason: r.unavailable };
  if (r.unsupported) {
    const i = matchingExpectation(expectations, r);
    return { status: 'unsupported', reason: r.unsupported.reason, ...(i === undefined ? {} : { expectation: i }) };
  }
  if (r.compileError !== undefined) return { status: 'fail', outcome: 'compile-error', reason: r.compileError };
  if (r.runs === 0) return { status: 'fail', reason: `${r.kernel}: no case ran — a sweep of zero cases tests nothing` };
  if (r.describeError) {
    return {
      status: 'fail',
      reason: `${r.kernel}: describe() threw on a case: ${r.describeError} — fix the kernel's describe(); the cases are kept`,
    };
  }
  const outcome = r.failure?.result.outcome;
  const i = matchingExpectation(expectations, r);
  if (r.pass)
    return i === undefined
      ? { status: 'pass' }
      : { status: 'unexpected-pass', expectation: i, reason: expectations[i]!.reason };
  if (i === undefined) return { status: 'fail', ...(outcome ? { outcome } : {}) };
  return { status: 'expected-fail', expectation: i, reason: expectations[i]!.reason, ...(outcome ? { outcome } : {}) };
}

/**
 * The verdict of a sweep that ended without a result: it fails, with the first line of what it threw
 * (`fail: no adapter`). A sweep that cannot run here never throws: its result says so (SweepResult's
 * `unavailable` and `unsupported`), and decideVerdict reads that.
 */
export function errorVerdict(e: unknown): SweepVerdict {
  return { status: 'fail', reason: (e instanceof Error ? e.message : String(e)).split('\n')[0]! };
}

/** The short form, the same in every output: `pass`, `fail (mismatch)`, `expected-fail (canary)`, `unavailable`. */
export function verdictLabel(v: SweepVerdict): string {
  return v.outcome ? `${v.status} (${v.outcome})` : v.status;
}

/**
 * The full form, the same in every output:
 * `expected-fail (mismatch): known rounding bug (expectation 0)`,
 * `unexpected-pass: was broken (expectation 2) — remove or narrow that entry`,
 * `unavailable: libcuda.so.1 not found`, `fail (canary)`.
 */
export function verdictText(v: SweepVerdict): string {
  const entry = v.expectation === undefined ? '' : ` (expectation ${v.expectation})`;
  const fix = v.status === 'unexpected-pass' ? ' — remove or narrow that entry of the expectations file' : '';
  return v.reason === undefined ? verdictLabel(v) : `${verdictLabel(v)}: ${v.reason}${entry}${fix}`;
}

/** Sweeps by status, every status present (zero where none). */
export function countStatuses(verdicts: readonly SweepVerdict[]): Record<SweepStatus, number> {
  const counts = Object.fromEntries(SWEEP_STATUSES.map((s) => [s, 0])) as Record<SweepStatus, number>;
  for (const v of verdicts) counts[v.status]++;
  return counts;
}

/** `3 pass, 1 expected-fail, 1 unavailable` (statuses with no sweep left out; `no sweep` when empty). */
export function renderStatusCounts(counts: Readonly<Record<SweepStatus, number>>): string {
  const parts = SWEEP_STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'no sweep';
}

/**
 * Whether an unsupported sweep fails the run: on a `--require-gpu hardware`
 * gate it does, unless the expectations file lists it (an entry whose case
 * matches `unsupported`); elsewhere it is counted apart, never as a pass.
 */
export function unsupportedFailsGate(v: SweepVerdict, requirement: 'hardware' | 'any'): boolean {
  return v.status === 'unsupported' && requirement === 'hardware' && v.expectation === undefined;
}
