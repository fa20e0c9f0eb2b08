/**
 * The seam between a case's GPU half and its judging, for every backend
 * (WGSL through Dawn here; native ones produce the same shape): one DeviceRun
 * per case — the bytes of each named output, each input buffer as uploaded
 * and as found afterwards, where each binding's guard band lay, timing — or
 * the outcome that left no output.
 */
import type { ElementTypeName } from '../elements/element-types.ts';
import type { TexelLevel } from '../elements/texel-change.ts';
import type { TextureDesc } from '../surface/desc.ts';
import type { ProducedOutput, Protection } from './spec.ts';

export type CaseOutcome =
  | 'pass'
  | 'mismatch'
  | 'canary'
  | 'input-changed'
  | 'nondeterministic'
  | 'timeout'
  | 'compile-error'
  | 'gpu-error'
  | 'setup-error'
  | 'oracle-error'
  | 'device-lost'
  | 'sanitizer';

/** An input buffer or texture level as uploaded: its bytes and what they hold, to locate and decode them. */
export interface InputUpload {
  readonly label: string;
  readonly uploaded: Uint8Array;
  /** The surface a buffer holds, to locate a changed byte. */
  readonly desc?: TextureDesc;
  /** A typed array's element width and count, to locate a changed byte by element; its type, to decode it. */
  readonly element?: InputElements;
  /** A texture level's format and size (rows tight), to locate a changed texel by image, texel and channel. */
  readonly texture?: TexelLevel;
}

/** A typed input's elements: their width and how many the data holds (its guard band follows). */
export interface InputElements {
  readonly bytes: number;
  readonly count: number;
  /** The element type the typed array holds (`f32` for a Float32Array), where one does. */
  readonly type?: ElementTypeName;
}

/** An input buffer or texture level: what was uploaded and what it held after the case (they must be equal). */
export interface InputCheck extends InputUpload {
  readonly after: Uint8Array;
}

/** A case's GPU half that produced outputs. */
export interface ProducedRun {
  readonly outputs: readonly ProducedOutput[];
  readonly inputs: readonly InputCheck[];
  /**
   * The inputs not read back (texture levels bound only to be read), as uploaded: asked for by a failure's report
   * only, so a passing case never copies them.
   */
  readonly unread?: () => readonly InputUpload[];
  /** Per WGSL variable: where the guard band of its buffer lay. */
  readonly protection: Readonly<Record<string, Protection>>;
  readonly gpuNs?: number;
  readonly uploadMs: number;
  readonly readbackMs: number;
}

/** A case's GPU half that left no output, and why. */
export interface NoOutput {
  readonly outcome: CaseOutcome;
  readonly error: string;
  /**
   * Set when the case never ran because an earlier case lost its backend (a CUDA context given up after a
   * timeout): why. Such a case is no evidence either way, so shrinking never settles on it.
   */
  readonly notRun?: string;
}

/** One execution of a case's device half (on any backend): its outputs, or why there are none. */
export type DeviceRun = ProducedRun | NoOutput;
