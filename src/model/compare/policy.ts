/**
 * Comparison policies: how far an actual channel value may sit from the
 * oracle's. Every policy judges one channel at a time and reports its error
 * in a unit of its own (LSB, ULP, absolute); compare.ts turns the verdicts
 * into one ComparisonRecord. A value is a surface channel (its Storage) or a
 * buffer element (its element type); both judge through the element table's codecs.
 */
import { ELEMENT_TYPES, storageElement, type ElementTypeName } from '../elements/element-types.ts';
import { floatUlpDistance, isFloatCodec, type ScalarCodec } from '../elements/scalar.ts';
import type { Storage } from '../surface/format.ts';

/** How the oracle's exact values map to codes: prgpu truncates, the spec rounds. */
export type Rounding = 'truncate' | 'nearest';

/** What a judged value is stored as: a surface channel's storage kind or a buffer element type. */
export type ValueStorage = Storage | ElementTypeName;

/** The codec of a judged value's storage. */
export function valueCodec(storage: ValueStorage): ScalarCodec {
  if (storage in ELEMENT_TYPES) return ELEMENT_TYPES[storage as ElementTypeName].codec;
  return storageElement(storage as Storage).codec;
}

/** One channel value to judge. Codes are unorm or integer codes, or float bits (f32, f16). */
export interface ChannelSample {
  readonly storage: ValueStorage;
  readonly expected: number;
  readonly actual: number;
  /** The exact (f64) result in [0, 1] for unorm outputs, when the oracle gives it. */
  readonly exact?: number;
  readonly rounding?: Rounding;
}

export interface Verdict {
  readonly ok: boolean;
  /** Signed error in the policy's unit (actual - expected). */
  readonly error: number;
  /** Why a differing value was accepted or refused, when that needs saying. */
  readonly note?: string;
}

/** How a float policy judges two NaNs: any NaN equals any NaN, or their payloads (every bit) must match. */
export type NanPayloads = 'any' | 'compared';

export interface Policy {
  /** `unormNearTie(2^-20)`, `ulp(6 per case)` — as the summary and failure text name it. */
  readonly name: string;
  /** The unit errors are reported in for a storage: `LSB`, `ULP`, `abs`. */
  unit(storage: ValueStorage): string;
  /** The largest |error| accepted anywhere, in that unit (what "worst error vs tolerance" compares with). */
  tolerance(storage: ValueStorage): number;
  /** Equal codes must be accepted with error 0: the comparison skips rows whose bytes are equal without asking. */
  judge(s: ChannelSample): Verdict;
  /** Float policies: how two NaNs are judged (ulp, absRel: `any`; exact: `any` unless `{ nanPayload: true }`). */
  readonly nanPayloads?: NanPayloads;
  /** Set where a parameter is a function of the case: the policy that judges `input` (caseParams). */
  forCase?(input: unknown): Policy;
  /** Set on a policy forCase returned: its tolerance came from the case. */
  readonly perCase?: true;
}

/**
 * A tolerance parameter: a number, or a function of the case that sizes it for that case,
 * `(c: { n: number }) => 2 * Math.ceil(Math.log2(c.n))` (a tree sum's error grows with its depth).
 */
export type CaseParam<C> = number | ((input: C) => number);

/**
 * A policy built by `make` from its parameters, where any parameter may be a function of the case. With numbers
 * only, `make`'s policy itself. Otherwise a policy named `ulp(per case)` whose forCase(input) gives `make`'s policy
 * for that case's values, named `ulp(6 per case)`; judged without its case it throws PolicyError:
 * `ulp(per case) sets its tolerance per case: judge it through a kernel, or call policy.forCase(input) first`.
 */
/** A per-case value as its policy shows it, to 3 significant digits where that is longer: `0.0000557`, not 20 digits. */
const briefly = (shown: string, v: number) => (shown.length > 8 ? String(Number(v.toPrecision(3))) : shown);

function caseParams<C>(
  params: readonly CaseParam<C>[],
  show: (value: number) => string,
  make: (values: readonly number[], shown: readonly string[]) => Policy,
): Policy {
  if (params.every((p): p is number => typeof p === 'number')) return make(params, params.map(show));
  const template = make(
    params.map((p) => (typeof p === 'number' ? p : 0)),
    params.map((p) => (typeof p === 'number' ? show(p) : 'per case')),
  );
  const refuse = (): never => {
    throw new PolicyError(
      `${template.name} sets its tolerance per case: judge it through a kernel, or call policy.forCase(input) first`,
    );
  };
  return {
    name: template.name,
    unit: (st) => template.unit(st),
    tolerance: refuse,
    judge: refuse,
    ...(template.nanPayloads ? { nanPayloads: template.nanPayloads } : {}),
    forCase: (input) => {
      const values = params.map((p) => (typeof p === 'number' ? p : p(input as C)));
      const bad = values.findIndex((v) => !(v >= 0));
      if (bad >= 0) {
        throw new PolicyError(
          `${template.name}: parameter ${bad + 1} is ${values[bad]} for this case, not a number >= 0`,
        );
      }
      const shown = values.map((v, i) => (typeof params[i] === 'number' ? show(v) : `${briefly(show(v), v)} per case`));
      return { ...make(values, shown), perCase: true };
    },
  };
}

/** Thrown when a policy is used on a storage it cannot judge. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

/** Signed ULP distance between two f32 bit patterns; NaN against anything else is Infinity. */
export function ulpDistance(expectedBits: number, actualBits: number): number {
  return floatUlpDistance(ELEMENT_TYPES.f32.codec, expectedBits, actualBits);
}

/** The policies a value of `codec` can be judged by, for the refusal text. */
function suited(codec: ScalarCodec): string {
  if (isFloatCodec(codec)) return 'ulp(k) or absRel(a, r)';
  return codec.kind === 'unorm' ? 'exact(), unormLsb(k) or unormNearTie(eps)' : 'exact() or absRel(a, r)';
}

/**
 * The largest code of a unorm storage; elsewhere throws
 * `unormLsb(1) compares unorm codes; Float32x4 needs ulp(k) or absRel(a, r)`.
 */
function needUnorm(policy: string, storage: ValueStorage): number {
  const codec = valueCodec(storage);
  if (codec.kind !== 'unorm') {
    throw new PolicyError(`${policy} compares unorm codes; ${storage} needs ${suited(codec)}`);
  }
  return 2 ** codec.bits - 1;
}

/** Throws `ulp(1) compares float values; Unorm8x4 needs exact(), unormLsb(k) or unormNearTie(eps)` on non-floats. */
function needFloat(policy: string, storage: ValueStorage): ScalarCodec {
  const codec = valueCodec(storage);
  if (!isFloatCodec(codec)) throw new PolicyError(`${policy} compares float values; ${storage} needs ${suited(codec)}`);
  return codec;
}

export interface ExactOptions {
  /**
   * Compare NaN payloads bit for bit (default false: any NaN equals any NaN, since WGSL leaves a NaN's payload to
   * the implementation and an H100 gives 0x7fffffff where lavapipe gives 0xffc00000).
   */
  readonly nanPayload?: boolean;
}

/**
 * Byte-identical, but for NaN payloads unless `{ nanPayload: true }`. For integer and permutation kernels
 * (docs/facts.md#precision). Errors are LSB for unorm and integers (signed integers by value), ULP for floats
 * (f32, f16). Failure text: `3 of 48 values differ (policy exact, Unorm8x4/Rgba)`; two NaNs whose payloads
 * differ are accepted with the note `both NaN, payloads differ; accepted: any NaN equals any NaN`, or under
 * `exact({ nanPayload: true })` refused with
 * `expected 0xffc00000 (NaN) actual 0x7fffffff (NaN) 0 ULP; both NaN, payloads differ;
 * refused: nanPayload compares them`.
 */
export function exact(options: ExactOptions = {}): Policy {
  const nanPayloads: NanPayloads = options.nanPayload ? 'compared' : 'any';
  return {
    name: options.nanPayload ? 'exact({ nanPayload: true })' : 'exact',
    unit: (st) => (isFloatCodec(valueCodec(st)) ? 'ULP' : 'LSB'),
    tolerance: () => 0,
    nanPayloads,
    judge: (s) => {
      if (s.actual === s.expected) return { ok: true, error: 0 };
      const codec = valueCodec(s.storage);
      if (!isFloatCodec(codec)) return { ok: false, error: codec.integer(s.actual) - codec.integer(s.expected) };
      const error = floatUlpDistance(codec, s.expected, s.actual);
      if (error !== 0) return { ok: false, error };
      if (!(Number.isNaN(codec.decode(s.expected)) && Number.isNaN(codec.decode(s.actual)))) {
        return { ok: false, error, note: 'equal values, different bits: signed zero' };
      }
      return nanPayloads === 'any'
        ? { ok: true, error, note: `${NAN_PAYLOADS_DIFFER}; accepted: any NaN equals any NaN` }
        : { ok: false, error, note: `${NAN_PAYLOADS_DIFFER}; refused: nanPayload compares them` };
    },
  };
}

const NAN_PAYLOADS_DIFFER = 'both NaN, payloads differ';

/**
 * Unorm codes within `k` LSB per channel (`k` may be a function of the case, as for ulp). Hides a kernel that
 * rounds where it should truncate (off by one nearly everywhere) — prefer unormNearTie. Failure text:
 * `12 of 48 values differ (policy unormLsb(1), Unorm8x4/Rgba)`
 */
export function unormLsb<C>(k: CaseParam<C>): Policy {
  return caseParams([k], String, ([k], [shown]) => {
    const name = `unormLsb(${shown})`;
    return {
      name,
      unit: () => 'LSB',
      tolerance: () => k!,
      judge: (s) => {
        needUnorm(name, s.storage);
        const error = s.actual - s.expected;
        return { ok: Math.abs(error) <= k!, error };
      },
    };
  });
}

/**
 * Float values within `k` ULP of their own width (f32, or f16 for f16 elements); NaN equals only NaN, whatever
 * its payload. `k` may be a function of the case: `ulp((c: { n: number }) => 2 * Math.ceil(Math.log2(c.n)))`
 * holds a tree sum of `n` values, then named `ulp(20 per case)`. Failure text:
 * `2 of 64 values differ (policy ulp(3), Float32x4/Rgba)`
 */
export function ulp<C>(k: CaseParam<C>): Policy {
  return caseParams([k], String, ([k], [shown]) => {
    const name = `ulp(${shown})`;
    return {
      name,
      unit: () => 'ULP',
      tolerance: () => k!,
      nanPayloads: 'any',
      judge: (s) => {
        const error = floatUlpDistance(needFloat(name, s.storage), s.expected, s.actual);
        return { ok: Math.abs(error) <= k!, error };
      },
    };
  });
}

/** `2^-20` for powers of two below 1, else the number as JS prints it. */
function epsName(eps: number): string {
  const l = Math.log2(eps);
  return eps > 0 && eps < 1 && Number.isInteger(l) ? `2^${l}` : String(eps);
}

/**
 * Decoded values fail only where `|d| > abs` AND `|d| > rel * |expected|`
 * (mlx-native's fixture rule, docs/facts.md#reference-systems). Any storage; any NaN equals any NaN. Either
 * parameter may be a function of the case, as for ulp. Failure text:
 * `1 of 64 values differ (policy absRel(1e-5, 1e-4), Float32x4/Rgba)`; a refused value's note:
 * `|d| 0.00012 > abs 0.00001 and > rel 0.0001 × |expected| = 0.00005`
 */
export function absRel<C>(abs: CaseParam<C>, rel: CaseParam<C>): Policy {
  return caseParams([abs, rel], epsName, ([abs, rel], shown) => absRelOf(abs!, rel!, shown));
}

function absRelOf(abs: number, rel: number, shown: readonly string[]): Policy {
  // Unorm codes as their exact fraction code / max; every other storage as its decoded value.
  const decode = (st: ValueStorage, code: number) => {
    const codec = valueCodec(st);
    return codec.kind === 'unorm' ? code / (2 ** codec.bits - 1) : codec.decode(code);
  };
  return {
    name: `absRel(${shown.join(', ')})`,
    unit: () => 'abs',
    tolerance: () => abs,
    nanPayloads: 'any',
    judge: (s) => {
      const e = decode(s.storage, s.expected);
      const a = decode(s.storage, s.actual);
      if (Number.isNaN(e) || Number.isNaN(a))
        return { ok: Number.isNaN(e) && Number.isNaN(a), error: Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity };
      // An infinity is matched only by the same infinity: no bound relative to it holds anything else.
      if (!Number.isFinite(e) || !Number.isFinite(a)) {
        const same = e === a;
        return same ? { ok: true, error: 0 } : { ok: false, error: Infinity, note: `${a} where ${e} was expected` };
      }
      const d = a - e;
      if (!(Math.abs(d) > abs && Math.abs(d) > rel * Math.abs(e))) return { ok: true, error: d };
      const g = (v: number) => +v.toPrecision(3);
      const note = `|d| ${g(Math.abs(d))} > abs ${g(abs)} and > rel ${g(rel)} × |expected| = ${g(rel * Math.abs(e))}`;
      return { ok: false, error: d, note };
    },
  };
}

/**
 * The tie-aware unorm policy (the WebGPU CTS's interval idea applied to
 * pixels). Codes must match, except that the neighbouring code is accepted
 * where the oracle's exact (f64) result lies within `eps` (in [0, 1] units)
 * of the boundary between the two codes — `(k + 1) / max` when truncating,
 * `(k + 0.5) / max` when rounding. A kernel that rounds where it should
 * truncate is off by one away from any boundary and fails. Failure text:
 * ```
 * 9 of 48 values differ (policy unormNearTie(2^-20), Unorm8x4/Rgba)
 *   level 1 (0,0) r: expected 0x7f (0.498039) actual 0x80 (0.501961) +1 LSB; exact 127.5 is 0.5 LSB from the truncate boundary at 128
 * ```
 * Two codes or more off: `exact 0: 38 codes off, past the one neighbour it accepts`. Throws PolicyError on f32
 * storage or when the oracle gave no exact values. `eps` may be a function of the case.
 */
export function unormNearTie<C>(eps: CaseParam<C>): Policy {
  return caseParams([eps], epsName, ([eps], [shown]) => unormNearTieOf(eps!, `unormNearTie(${shown})`));
}

function unormNearTieOf(eps: number, name: string): Policy {
  return {
    name,
    unit: () => 'LSB',
    tolerance: () => 1,
    judge: (s) => {
      const max = needUnorm(name, s.storage);
      const error = s.actual - s.expected;
      if (error === 0) return { ok: true, error };
      if (s.exact === undefined || s.rounding === undefined) {
        throw new PolicyError(
          `${name} needs the oracle's exact values: return { surface, exact } from the kernel's cpu()`,
        );
      }
      const exact = +(s.exact * max).toFixed(4);
      // Past the neighbouring code no boundary lies between the two codes: the note says how far off it is.
      if (Math.abs(error) > 1)
        return {
          ok: false,
          error,
          note: `exact ${exact}: ${Math.abs(error)} codes off, past the one neighbour it accepts`,
        };
      const boundary =
        s.rounding === 'truncate' ? Math.max(s.actual, s.expected) : Math.max(s.actual, s.expected) - 0.5;
      const distance = Math.abs(s.exact * max - boundary);
      const note = `exact ${exact} is ${+distance.toFixed(4)} LSB from the ${s.rounding} boundary at ${boundary}`;
      return { ok: distance <= eps * max, error, note };
    },
  };
}

/**
 * One policy per storage kind, for kernels whose tolerance depends on the
 * format: `perStorage({ Unorm8x4: unormNearTie(2 ** -20), Unorm16x4: …, Float32x4: ulp(3) })`.
 * A storage without a policy throws `perStorage: no policy for Float32x4`.
 */
export function perStorage(policies: Partial<Record<Storage, Policy>>): (storage: Storage) => Policy {
  return (storage) => {
    const p = policies[storage];
    if (!p) throw new PolicyError(`perStorage: no policy for ${storage}`);
    return p;
  };
}
