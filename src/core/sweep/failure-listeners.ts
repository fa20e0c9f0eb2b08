/**
 * What a sweep tells the outside world about its shrunk failure, with the
 * data itself: every output of the failing case as it was judged (a
 * surface's levels and error maps, or a buffer's or texture's elements and
 * their per-element errors), where each binding's guard band lay, and the
 * inputs the case changed. Listeners (reports/ registers one through a
 * vitest setup file) write pictures and data and return the paths to keep
 * in the result. The harness imports no report code; reports import the harness.
 */
import type { CanaryReport } from '../../model/canary.ts';
import type { ComparisonRecord, ExactValues, LevelErrorMap } from '../../model/compare/compare.ts';
import type { ElementErrorMap } from '../../model/compare/element-errors.ts';
import type { ElementComparisonRecord } from '../../model/compare/elements.ts';
import type { InputChange } from '../judge/input-changes.ts';
import type { CaseOutcome, InputUpload } from '../../model/output/run.ts';
import type { ElementOutputSpec, Protection, TextureOutputSpec } from '../../model/output/spec.ts';
import type { Surface } from '../../model/surface/surface.ts';

interface CapturedCommon {
  /** The output's name (its gpu function's, or `out`). */
  readonly name: string;
  readonly outcome: 'pass' | 'mismatch' | 'canary';
  readonly canary: CanaryReport;
}

/** A surface output: both surfaces, the comparison and its per-level error maps. */
export interface CapturedSurface extends CapturedCommon {
  readonly kind: 'surface';
  readonly expected: Surface;
  readonly actual: Surface;
  readonly exact?: ExactValues;
  readonly comparison: ComparisonRecord;
  readonly maps: readonly LevelErrorMap[];
}

/** A typed-buffer or texture output: its spec, the comparison, and every element's codes, error and mask. */
export interface CapturedElements extends CapturedCommon {
  readonly kind: 'elements';
  readonly spec: ElementOutputSpec | TextureOutputSpec;
  readonly comparison: ElementComparisonRecord;
  /** Names of the shape's channel axis in memory order (r, g, b; b, g, r, a); absent where it has none. */
  readonly channels?: readonly string[];
  readonly map: ElementErrorMap;
}

export type CapturedOutput = CapturedSurface | CapturedElements;

export interface FailureCapture {
  readonly kernel: string;
  /** The implementation that failed: `wgsl`, `cuda`, `cpp` (its report folder is `failures/<kernel>[--<backend>]`). */
  readonly backend: string;
  readonly case: string;
  readonly seed: number;
  readonly path: string;
  readonly outcome: CaseOutcome;
  /** The output that failed first; absent when the case failed before its outputs were judged (input-changed). */
  readonly failedOutput?: string;
  /** Every output of the case, in the order its gpu function returned them (none for input-changed). */
  readonly outputs: readonly CapturedOutput[];
  /** Per WGSL variable of a guarded buffer or output texture: where its guard band lay. */
  readonly protection: Readonly<Record<string, Protection>>;
  /** Every input of the case as uploaded (storage buffers, surfaces, texture levels); none where it never ran. */
  readonly inputs: readonly InputUpload[];
  /** Inputs the kernel wrote into, located. */
  readonly inputChanges?: readonly InputChange[];
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
