/**
 * Compares two arrays of buffer elements (f32, f16, u32, i32, …) under a
 * policy, optionally shaped (`[h, w, 3]` reads locations as (x, y) channel)
 * and masked (don't-care elements excluded and counted), into one
 * ElementComparisonRecord; its failure text renders from the record only.
 */
import { equalBytes } from '../bytes.ts';
import {
  elementBytes,
  elementType,
  elementCodes,
  type ElementData,
  type ElementType,
} from '../elements/element-types.ts';
import type { ElementTypeName } from '../elements/element-types.ts';
import {
  channelNames,
  checkShape,
  elementLocation,
  renderLocation,
  shapeOf,
  type ElementLocation,
  type ElementShape,
} from '../elements/shape.ts';
import {
  matchedText,
  nanCount,
  outputNote,
  policyCounts,
  renderCodes,
  renderStats,
  renderStatsRow,
  type ChannelStats,
  type CodeReport,
  type ComparisonCounts,
} from './compare.ts';
import type { Policy, Rounding } from './policy.ts';
import { WorstAndFirst } from './worst.ts';
import { nanAgainstNumber } from './nan-against-number.ts';

/** An element the policy refused, or the worst element seen. */
export interface ElementValueReport extends CodeReport {
  readonly location: ElementLocation;
}

export interface ElementComparisonRecord extends ComparisonCounts {
  readonly elementType: ElementTypeName;
  readonly shape: ElementShape;
  /** Elements in each array; `compared + dontCare`. */
  readonly elements: number;
  /** Elements the oracle marked don't-care: excluded from the verdict. */
  readonly dontCare: number;
  /** Over every compared element. */
  readonly stats: ChannelStats;
  /** Per channel name, where the shape has a channel dimension. */
  readonly channels?: Readonly<Record<string, ChannelStats>>;
  /** The refused element with the largest |error|; with no refusal, the largest |error| accepted. */
  readonly worst?: ElementValueReport;
  /** The first refused elements, in index order, each once. */
  readonly first: readonly ElementValueReport[];
  /** Why nothing was compared, where nothing was (which is never a pass). */
  readonly nothingCompared?: string;
}

export interface CompareElementsOptions {
  readonly type: ElementTypeName | ElementType;
  readonly policy: Policy;
  /** `[h, w, 3]`, or a shape with channel names; default a list. */
  readonly shape?: ElementShape | readonly number[];
  /** One entry per element; a truthy one excludes the element (the math leaves it undefined). */
  readonly dontCare?: ArrayLike<number | boolean>;
  /** The oracle's exact (f64) results per element in [0, 1], for unorm policies that need them (unormNearTie). */
  readonly exact?: { readonly rounding: Rounding; readonly values: ArrayLike<number> };
  /** How many refused elements to keep (default 8). */
  readonly firstN?: number;
}

/** Elements judged per native byte comparison: equal runs skip the policy (equal codes are error 0). */
const CHUNK = 256;

interface Accumulator {
  maxAbs: number;
  sumAbs: number;
  sum: number;
  mismatches: number;
  compared: number;
  nans: number;
}

/** How many indices in [start, end) are channel `c` of `channels` (index % channels === c). */
function countOfChannel(start: number, end: number, c: number, channels: number): number {
  return Math.floor((end - 1 - c) / channels) - Math.floor((start - 1 - c) / channels);
}

const accumulator = (): Accumulator => ({ maxAbs: 0, sumAbs: 0, sum: 0, mismatches: 0, compared: 0, nans: 0 });

const statsOf = (a: Accumulator): ChannelStats => ({
  maxAbs: a.maxAbs,
  meanAbs: a.sumAbs / (a.compared || 1),
  signedMean: a.sum / (a.compared || 1),
  mismatches: a.mismatches,
  ...nanCount(a.nans),
});

/** `f32 [2,2,3]`: the element type and shape, as failure text names the compared data. */
export function elementFormatName(type: ElementTypeName, shape: ElementShape): string {
  return `${type} [${shape.dims.join(',')}]`;
}

/** The compared data, validated: the element type, both arrays as bytes and as codes, the shape and the mask. */
interface ElementInput {
  readonly t: ElementType;
  readonly e: Uint8Array;
  readonly a: Uint8Array;
  readonly ce: ArrayLike<number>;
  readonly ca: ArrayLike<number>;
  readonly n: number;
  readonly shape: ElementShape;
  readonly mask: ArrayLike<number | boolean> | undefined;
}

/**
 * The data of a comparison, checked comparable; throws naming what is not:
 * `compareElements: expected holds 12 f32 elements, actual 9`,
 * `compareElements: the don't-care mask has 4 entries for 12 elements`.
 */
function elementInput(expected: ElementData, actual: ElementData, o: CompareElementsOptions): ElementInput {
  const t = typeof o.type === 'string' ? elementType(o.type) : o.type;
  const e = elementBytes(t, expected);
  const a = elementBytes(t, actual);
  const n = e.length / t.bytes;
  if (a.length !== e.length) {
    throw new Error(`compareElements: expected holds ${n} ${t.name} elements, actual ${a.length / t.bytes}`);
  }
  const shape = shapeOf(n, o.shape);
  checkShape(shape, n);
  const mask = o.dontCare;
  if (mask && mask.length !== n) {
    throw new Error(`compareElements: the don't-care mask has ${mask.length} entries for ${n} elements`);
  }
  if (o.exact && o.exact.values.length !== n) {
    throw new Error(`compareElements: ${o.exact.values.length} exact values for ${n} elements`);
  }
  // A policy that cannot judge this type throws now, not only once some element differs.
  o.policy.judge({ storage: t.name, expected: 0, actual: 0 });
  return { t, e, a, ce: elementCodes(t, e), ca: elementCodes(t, a), n, shape, mask };
}

/** What a comparison gathers as it goes: statistics overall and per channel, the worst and first refused. */
class ElementTally {
  readonly all = accumulator();
  readonly perChannel: Accumulator[];
  readonly kept: WorstAndFirst<ElementValueReport>;
  dontCare = 0;

  constructor(
    private readonly input: ElementInput,
    private readonly o: CompareElementsOptions,
    readonly channelCount: number,
  ) {
    this.perChannel = Array.from({ length: channelCount }, accumulator);
    this.kept = new WorstAndFirst(o.firstN ?? 8);
  }

  report(i: number, ec: number, ac: number, error: number, note?: string): ElementValueReport {
    const codec = this.input.t.codec;
    return {
      location: elementLocation(this.input.shape, i),
      expected: ec,
      actual: ac,
      expectedHex: codec.hex(ec),
      actualHex: codec.hex(ac),
      expectedValue: codec.decode(ec),
      actualValue: codec.decode(ac),
      error,
      ...(note ? { note } : {}),
    };
  }

  /** Judges element `i`, whose codes differ, into the statistics, the first refused and the worst. */
  judge(i: number, ec: number, ac: number): void {
    const exactValue = this.o.exact?.values[i];
    const v = this.o.policy.judge({
      storage: this.input.t.name,
      expected: ec,
      actual: ac,
      ...(exactValue === undefined ? {} : { exact: exactValue, rounding: this.o.exact!.rounding }),
    });
    const abs = Math.abs(v.error);
    const codec = this.input.t.codec;
    const nan = abs === Infinity && nanAgainstNumber(codec.decode(ec), codec.decode(ac)) !== undefined;
    for (const s of [this.all, this.perChannel[i % this.channelCount]!]) {
      s.maxAbs = Math.max(s.maxAbs, abs);
      s.sumAbs += abs;
      s.sum += v.error;
      if (!v.ok) s.mismatches++;
      if (nan) s.nans++;
    }
    this.kept.offer(v.ok, v.error, () => this.report(i, ec, ac, v.error, v.note));
  }
}

/** Every element compared in chunks: a chunk of equal bytes skips the policy unless a mask must be read. */
function tallyElements(input: ElementInput, o: CompareElementsOptions, channelCount: number): ElementTally {
  const { t, e, a, ce, ca, n, mask } = input;
  const tally = new ElementTally(input, o, channelCount);
  const { all, perChannel } = tally;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const equal = equalBytes(e, a, start * t.bytes, end * t.bytes);
    if (!mask) {
      all.compared += end - start;
      perChannel.forEach((s, c) => (s.compared += countOfChannel(start, end, c, channelCount)));
      if (equal) continue;
    }
    for (let i = start; i < end; i++) {
      if (mask) {
        if (mask[i]) {
          tally.dontCare++;
          continue;
        }
        all.compared++;
        perChannel[i % channelCount]!.compared++;
      }
      if (ce[i]! !== ca[i]!) tally.judge(i, ce[i]!, ca[i]!);
    }
  }
  if (!tally.kept.worst && all.compared > 0) {
    // Every compared element equal: the worst accepted is the first compared, error 0.
    let i = 0;
    while (mask?.[i]) i++;
    tally.kept.worst = tally.report(i, ce[i]!, ce[i]!, 0);
  }
  return tally;
}

/**
 * Compares `actual` against `expected` element by element. Typed arrays are
 * taken as stored codes (NaN payloads kept), number arrays as values (see
 * elementBytes). Equal codes are accepted with error 0; NaN follows the
 * policy (NaN equals NaN only, any payload; exact({ nanPayload: true }): payloads must match).
 * Throws on data that cannot be compared, naming it:
 * `compareElements: expected holds 12 f32 elements, actual 9`,
 * `shape [2, 2, 3] holds 12 elements, the data 9`,
 * `compareElements: the don't-care mask has 4 entries for 12 elements`.
 */
export function compareElements(
  expected: ElementData,
  actual: ElementData,
  o: CompareElementsOptions,
): ElementComparisonRecord {
  const input = elementInput(expected, actual, o);
  const { t, n, shape } = input;
  const names = channelNames(shape);
  const { all, perChannel, kept, dontCare } = tallyElements(input, o, names?.length ?? 1);
  const { worst, first } = kept;
  const nothingCompared =
    n === 0 ? 'the data holds no elements' : all.compared === 0 ? `all ${n} elements are don't-care` : undefined;
  return {
    ...policyCounts(o.policy, t.name),
    format: elementFormatName(t.name, shape),
    pass: all.mismatches === 0 && nothingCompared === undefined,
    compared: all.compared,
    mismatches: all.mismatches,
    elementType: t.name,
    shape,
    elements: n,
    dontCare,
    stats: statsOf(all),
    ...(names ? { channels: Object.fromEntries(names.map((name, c) => [name, statsOf(perChannel[c]!)])) } : {}),
    ...(worst ? { worst } : {}),
    first,
    ...(nothingCompared ? { nothingCompared } : {}),
  };
}

/** `[7] (0,1) g: expected 0x3f800000 (1) actual 0x3f800001 (1.00000) +1 ULP` */
export function renderElementValue(v: ElementValueReport, unit: string): string {
  return `${renderLocation(v.location)}: ${renderCodes(v, unit)}`;
}

/**
 * The failure text of an element comparison:
 * ```
 * 2 of 10 values differ (policy ulp(1), f32 [2,2,3]); 2 don't-care
 *   worst: [7] (0,1) g: expected 0x3f800000 (1) actual 0x3f800003 (1.00000) +3 ULP
 *   channel  mismatches  max |err|  mean |err|  bias (ULP)
 *   r        0           0          0           0
 *   g        2           3          1.5         +1.5
 *   b        0           0          0           0
 *   first mismatches:
 *     [1] (0,0) g: expected 0x3f800000 (1) actual 0x3f800002 (1.00000) +2 ULP
 * ```
 * (the worst is not listed again among the first). Without a channel
 * dimension the table is one line, `max |err| 3, mean |err| 0.5, bias +0.5 (ULP)`; where a value was NaN
 * against a number, `worst: [0]: expected 0xc3e9921f (-467.142) actual 0x7fc23a83 (NaN): NaN where a number was
 * expected` and `max |err| NaN, mean |err| NaN, bias NaN (abs)`.
 * A passing record renders as `10 values match (policy …, f32 [2,2,3]); 2 don't-care`;
 * one where nothing was compared fails as
 * `nothing compared (policy exact, f32 [4]): all 4 elements are don't-care`.
 */
export function renderElementComparison(r: ElementComparisonRecord): string {
  const head = `(policy ${r.policy}, ${r.format}${outputNote(r)})`;
  const masked = r.dontCare > 0 ? `; ${r.dontCare} don't-care` : '';
  if (r.nothingCompared) return `nothing compared ${head}: ${r.nothingCompared}`;
  if (r.pass) return `${matchedText(r.compared)} ${head}${masked}`;
  const lines = [`${r.mismatches} of ${r.compared} values differ ${head}${masked}`];
  if (r.worst) lines.push(`  worst: ${renderElementValue(r.worst, r.unit)}`);
  if (r.channels) {
    lines.push(`  channel  mismatches  max |err|  mean |err|  bias (${r.unit})`);
    for (const [name, s] of Object.entries(r.channels)) lines.push(`  ${name.padEnd(8)} ${renderStatsRow(s)}`);
  } else {
    const { max, mean, bias } = renderStats(r.stats);
    lines.push(`  max |err| ${max}, mean |err| ${mean}, bias ${bias} (${r.unit})`);
  }
  const others = r.first.filter((v) => v.location.index !== r.worst?.location.index);
  if (others.length > 0) {
    lines.push('  first mismatches:');
    for (const v of others) lines.push(`    ${renderElementValue(v, r.unit)}`);
  }
  return lines.join('\n');
}
