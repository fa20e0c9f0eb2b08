/**
 * One case of a kernel timed on one backend: run once as a sweep runs it (its uploads, readback and output bytes;
 * a warm-up), then through the backend's timer (backend.ts), hot and cold (timing/measure.ts). A backend without a
 * timer, or a device that cannot time, makes the row `unsupported`, never a figure taken some other way.
 */
import type { PeakBandwidth } from '../backends/backend.ts';
import { BackendUnavailableError, loadBackend, type BackendName } from '../backends/registry.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { runConfig } from '../core/settings/settings.ts';
import { timeDevice } from '../core/sweep/case.ts';
import { compileOn } from '../core/sweep/device-half.ts';
import { measure, type Measurement, type StopCriterion } from './timing/measure.ts';

/** A case timed: its measurement, the bytes of its outputs and inputs, its upload and readback, the device's peak. */
export interface CaseTiming extends Measurement {
  readonly outputBytes: number;
  readonly inputBytes: number;
  readonly uploadMs: number;
  readonly readbackMs: number;
  readonly peak?: PeakBandwidth;
}

/** What timing a case gave: its timing, the case's error (one line), or why this backend cannot time it. */
export type CaseTimingOutcome = CaseTiming | { readonly error: string } | { readonly unsupported: string };

const firstLine = (s: string) => s.split('\n')[0]!;

/**
 * Times `input` of `k` on backend `name`. Rejects only when the backend cannot run here (BackendUnavailableError
 * of an unavailable backend comes back as `unsupported` with its reason).
 */
export async function timeCase<I>(
  k: Kernel<I>,
  input: I,
  name: BackendName,
  stop: StopCriterion,
): Promise<CaseTimingOutcome> {
  let once;
  try {
    once = await timeDevice(k, input, name);
  } catch (e) {
    if (e instanceof BackendUnavailableError) return { unsupported: firstLine(e.message) };
    throw e;
  }
  if ('error' in once) return { error: firstLine(once.error) };
  const backend = await loadBackend(name);
  if (!backend.timer) return { unsupported: `the ${name} backend has no timer (backend.ts: timer)` };
  const c = await compileOn(k, backend);
  if (!('compiled' in c)) return { error: 'compileError' in c ? firstLine(c.compileError) : c.unsupported };
  let t;
  try {
    t = await backend.timer(c.compiled, input, runConfig().caseDeadlineMs);
  } catch (e) {
    // A timer that threw (a device lost while it prepared): the row's error, not the run's.
    return { error: firstLine(e instanceof Error ? e.message : String(e)) };
  }
  if ('error' in t) return { error: firstLine(t.error) };
  if ('unsupported' in t) return t;
  let m: Measurement;
  try {
    m = await measure(t.timer, stop);
  } catch (e) {
    // The device failed under the timer (a fault, a deadline): the row's error.
    return { error: firstLine(e instanceof Error ? e.message : String(e)) };
  } finally {
    t.timer.release();
  }
  return {
    ...m,
    outputBytes: once.outputBytes,
    inputBytes: once.inputBytes,
    uploadMs: once.uploadMs,
    readbackMs: once.readbackMs,
    ...(t.timer.peak ? { peak: t.timer.peak } : {}),
  };
}
