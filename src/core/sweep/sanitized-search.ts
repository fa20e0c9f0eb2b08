/**
 * Where cases share a process a kernel can corrupt (the C++ runner), what
 * fails may be the work of an earlier case: a write past a block of its own
 * that breaks the heap for whoever allocates next. What such a process does
 * next depends on how its heap happened to lie, so the failure would change
 * from run to run. The sanitizer's verdict does not: it stops the bad access
 * itself. So the sweep's cases up to the failing one are run again in order,
 * each under the sanitizer, and the first it reports — shrunk under the
 * sanitizer — is the sweep's failure.
 */
import fc from 'fast-check';
import type { Backend } from '../../backends/backend.ts';
import type { SanitizerFinding } from '../../model/sanitizer.ts';
import { runConfig } from '../settings/settings.ts';
import type { CaseOutcome, CaseResult } from './case.ts';
import { compileOn } from './device-half.ts';
import type { FailingCase, SweepRun } from './sweep-cases.ts';

/**
 * Outcomes an earlier case's corruption can cause: the runner process dying (a crash, an abort of the allocator)
 * and two runs of one case that differ. A guard band or input found written, or a mismatch, is the case's own
 * doing, judged on its own bytes: that failure stands, and the sanitizer's re-run of it is added (sanitize-failure.ts).
 */
const CORRUPTIBLE: ReadonlySet<CaseOutcome> = new Set(['gpu-error', 'nondeterministic']);

/** The case's result as the sanitizer's finding gives it: outcome `sanitizer`, the finding's text. */
function sanitizerResult<I>(run: SweepRun<I>, input: I, f: SanitizerFinding): CaseResult {
  let described: string;
  try {
    described = run.k.describe(input);
  } catch (e) {
    described = `(describe() threw: ${e instanceof Error ? e.message : String(e)})`;
  }
  return {
    kernel: run.k.name,
    case: described,
    outcome: 'sanitizer',
    pass: false,
    error: f.text,
    oracleMs: 0,
    gpuMs: 0,
  };
}

/**
 * The first of the sweep's cases 0..`first` that the sanitizer reports, shrunk under it (its result the outcome
 * `sanitizer`, its finding kept, its note saying why); undefined when the failure is not one corruption could
 * cause, the backend's cases share no process, no sanitizer runs (off, already on every case, not installed), or
 * the sanitizer reports none of them.
 */
export async function firstSanitizerFailure<I>(
  run: SweepRun<I>,
  backend: Backend,
  first: FailingCase<I>,
): Promise<FailingCase<I> | undefined> {
  const config = runConfig();
  const tool = config.failureSanitizer;
  if (!tool || config.sanitize || !backend.sanitizeCase || !CORRUPTIBLE.has(first.result.outcome)) return undefined;
  if (!run.isolate?.()) return undefined;
  const compiled = await compileOn(run.k, backend);
  if (!('compiled' in compiled)) return undefined;
  const { k, settings } = run;
  const findings = new WeakMap<object, SanitizerFinding>();
  const check = async (input: I, path: string) => {
    const req = { input, kernel: k.name, seed: settings.seed, path, tool, deadlineMs: config.caseDeadlineMs };
    const f = await backend.sanitizeCase!(compiled.compiled, req);
    if (typeof input === 'object' && input !== null) findings.set(input, f);
    return f;
  };
  for (let i = 0; i <= Number(first.path); i++) {
    let unavailable = false;
    const details = await fc.check(
      fc.asyncProperty(k.input, async (input) => {
        const f = await check(input, String(i));
        unavailable ||= f.status === 'unavailable';
        return f.status !== 'found';
      }),
      { seed: settings.seed, path: String(i), numRuns: 1 },
    );
    if (unavailable && !details.failed) return undefined;
    if (!details.failed) continue;
    const input = details.counterexample![0] as I;
    const path = details.counterexamplePath ?? String(i);
    const finding =
      (typeof input === 'object' && input !== null ? findings.get(input) : undefined) ?? (await check(input, path));
    return {
      input,
      result: sanitizerResult(run, input, finding),
      path,
      shrinks: details.numShrinks,
      sanitizer: finding,
      note: `a case failed in the sweep's runner process; the sanitizer, running the sweep's cases again in order, found case ${i} corrupting memory (shrunk here)`,
    };
  }
  return undefined;
}
