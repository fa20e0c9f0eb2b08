/**
 * What a sweep tells the outside world about its shrunk failure, with the
 * surfaces themselves: listeners (reports/ registers one through a vitest
 * setup file) write pictures and return the paths to keep in the result.
 * The harness imports no report code; reports import the harness.
 */
import type { CanaryReport } from './canary.ts';
import type { ComparisonRecord, ExactValues, LevelErrorMap } from './compare/compare.ts';
import type { Surface } from './surface/surface.ts';

export interface FailureCapture {
  readonly kernel: string;
  readonly case: string;
  readonly seed: number;
  readonly path: string;
  /** The output the pictures are of. */
  readonly output: string;
  readonly expected: Surface;
  readonly actual: Surface;
  readonly exact?: ExactValues;
  readonly comparison: ComparisonRecord;
  readonly canary: CanaryReport;
  readonly maps: readonly LevelErrorMap[];
}

/** Files a listener wrote for a failure, relative to the report folder, by role. */
export type FailureArtifacts = Readonly<Record<string, string>>;

export type FailureListener = (f: FailureCapture) => FailureArtifacts;

const listeners: FailureListener[] = [];

/** Registers a listener for every sweep failure of this process. */
export function onSweepFailure(l: FailureListener): void {
  listeners.push(l);
}

/** Calls every listener; a listener that throws costs its files, never the failure report. */
export function emitSweepFailure(f: FailureCapture): { artifacts: FailureArtifacts; errors: string[] } {
  const artifacts: Record<string, string> = {};
  const errors: string[] = [];
  for (const l of listeners) {
    try {
      Object.assign(artifacts, l(f));
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { artifacts, errors };
}
