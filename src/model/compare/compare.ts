/**
 * Compares two surfaces channel by channel under a policy and condenses the
 * result into one ComparisonRecord; messages and reports render from it only.
 */
import { equalBytes } from '../bytes.ts';
import { CHANNELS, channelCount, formatName, type Channel } from '../surface/format.ts';
import { decodeCode, readCode } from '../surface/texel.ts';
import type { Surface } from '../surface/surface.ts';
import { isFloatCodec } from '../elements/scalar.ts';
import { valueCodec, type NanPayloads, type Policy, type Rounding, type ValueStorage } from './policy.ts';
import { DEFAULT_OUTPUT } from '../output/spec.ts';
import { WorstAndFirst } from './worst.ts';
import { MAX_REFUSAL_NOTES } from './element-errors.ts';
import { NAN_ERROR, nanAgainstNumber } from './nan-against-number.ts';

/**
 * The oracle's exact (f64) results for a unorm output, in [0, 1]: per level,
 * index `(y * width + x) * channels + channel` (logical rgba).
 */
export interface ExactValues {
  readonly rounding: Rounding;
  readonly levels: ReadonlyArray<Float64Array | undefined>;
}

export interface ChannelStats {
  /** Largest |error| in the policy's unit. */
  readonly maxAbs: number;
  readonly meanAbs: number;
  /** Mean signed error: the bias. */
  readonly signedMean: number;
  readonly mismatches: number;
  /** Values that were NaN against a number, where any were: their error (Infinity) makes max, mean and bias NaN. */
  readonly nanAgainstNumber?: number;
}

/** Two codes as judged: raw, in hex, decoded, and the policy's error. */
export interface CodeReport {
  readonly expected: number;
  readonly actual: number;
  readonly expectedHex: string;
  readonly actualHex: string;
  readonly expectedValue: number;
  readonly actualValue: number;
  readonly error: number;
  readonly note?: string;
}

/** A value of a surface the policy refused, or the worst value seen. */
export interface ValueReport extends CodeReport {
  readonly level: number;
  readonly x: number;
  readonly y: number;
  readonly channel: Channel;
}

/** What every comparison record says, of surfaces or of buffer elements. */
export interface ComparisonCounts {
  /** The case's output compared, by name. */
  readonly output?: string;
  readonly policy: string;
  readonly format: string;
  readonly unit: string;
  readonly tolerance: number;
  /** For float values: whether any NaN equalled any NaN (`any`) or payloads were compared (`compared`). */
  readonly nanPayloads?: NanPayloads;
  /** Set where the policy's tolerance was sized for this case (a parameter was a function of the case). */
  readonly perCase?: true;
  readonly pass: boolean;
  /** Values compared. */
  readonly compared: number;
  readonly mismatches: number;
}

export interface ComparisonRecord extends ComparisonCounts {
  readonly levels: readonly number[];
  /** Per channel the format has (r only for Float32x1). */
  readonly channels: Readonly<Partial<Record<Channel, ChannelStats>>>;
  /** The refused value with the largest |error|; with no refusal, the largest |error| accepted. */
  readonly worst?: ValueReport;
  /** The first refused values, in level, row, column, channel order. */
  readonly first: readonly ValueReport[];
}

export interface CompareOptions {
  readonly policy: Policy;
  readonly levels: readonly number[];
  readonly exact?: ExactValues;
  /** How many refused values to keep (default 8). */
  readonly firstN?: number;
}

interface ChannelAccumulator {
  maxAbs: number;
  sumAbs: number;
  sum: number;
  mismatches: number;
  nans: number;
}

/** What a surface comparison gathers as it goes: per channel statistics, counts, the worst and first refused. */
interface SurfaceTally {
  readonly acc: ChannelAccumulator[];
  readonly kept: WorstAndFirst<ValueReport>;
  compared: number;
  mismatches: number;
}

type ValueReporter = (
  at: Pick<ValueReport, 'level' | 'x' | 'y' | 'channel'>,
  e: number,
  a: number,
  error: number,
  note?: string,
) => ValueReport;

/** Reports of values of one storage: codes in hex as wide as the storage's, decoded. */
function valueReporter(storage: Surface['desc']['format']['storage']): ValueReporter {
  const width = storage === 'Unorm8x4' ? 2 : storage === 'Unorm16x4' ? 4 : 8;
  const hex = (v: number) => `0x${v.toString(16).padStart(width, '0')}`;
  return (at, e, a, error, note) => ({
    ...at,
    expected: e,
    actual: a,
    expectedHex: hex(e),
    actualHex: hex(a),
    expectedValue: decodeCode(storage, e),
    actualValue: decodeCode(storage, a),
    error,
    ...(note ? { note } : {}),
  });
}

/** Judges one level's texels into the tally; a row of equal bytes counts as compared, error 0. */
function compareLevel(
  expected: Surface,
  actual: Surface,
  level: number,
  o: CompareOptions,
  tally: SurfaceTally,
  report: ValueReporter,
): void {
  const storage = expected.desc.format.storage;
  const channels = channelCount(storage);
  const lv = expected.desc.levels[level]!;
  const exact = o.exact?.levels[level];
  const rowBytes = lv.width * expected.desc.bytesPerPixel;
  for (let y = 0; y < lv.height; y++) {
    const start = lv.offsetBytes + y * lv.pitchBytes;
    if (equalBytes(expected.bytes, actual.bytes, start, start + rowBytes)) {
      // Equal codes are accepted with error 0 by every policy (see Policy.judge): nothing to judge.
      tally.compared += lv.width * channels;
      continue;
    }
    for (let x = 0; x < lv.width; x++) {
      for (let c = 0; c < channels; c++) {
        const e = readCode(expected, x, y, level, c);
        const a = readCode(actual, x, y, level, c);
        tally.compared++;
        const ex = exact?.[(y * lv.width + x) * channels + c];
        const v = o.policy.judge({
          storage,
          expected: e,
          actual: a,
          ...(ex === undefined ? {} : { exact: ex, rounding: o.exact!.rounding }),
        });
        const s = tally.acc[c]!;
        const abs = Math.abs(v.error);
        s.sumAbs += abs;
        s.sum += v.error;
        s.maxAbs = Math.max(s.maxAbs, abs);
        if (!v.ok) {
          s.mismatches++;
          tally.mismatches++;
        }
        if (abs === Infinity && nanAgainstNumber(decodeCode(storage, e), decodeCode(storage, a))) s.nans++;
        tally.kept.offer(v.ok, v.error, () => report({ level, x, y, channel: CHANNELS[c]! }, e, a, v.error, v.note));
      }
    }
  }
}

/** What a comparison record says of the policy that judged values of `storage`; how NaNs went only for floats. */
export function policyCounts(
  policy: Policy,
  storage: ValueStorage,
): Pick<ComparisonCounts, 'policy' | 'unit' | 'tolerance' | 'nanPayloads' | 'perCase'> {
  const float = isFloatCodec(valueCodec(storage));
  return {
    policy: policy.name,
    unit: policy.unit(storage),
    tolerance: policy.tolerance(storage),
    ...(float && policy.nanPayloads ? { nanPayloads: policy.nanPayloads } : {}),
    ...(policy.perCase ? { perCase: true } : {}),
  };
}

/**
 * Compares `actual` against `expected` (same desc) over the texels of `levels`.
 * Throws when the two describe different surfaces.
 */
export function compareSurfaces(expected: Surface, actual: Surface, o: CompareOptions): ComparisonRecord {
  const storage = expected.desc.format.storage;
  const channels = channelCount(storage);
  const report = valueReporter(storage);
  const tally: SurfaceTally = {
    acc: CHANNELS.map(() => ({ maxAbs: 0, sumAbs: 0, sum: 0, mismatches: 0, nans: 0 })),
    kept: new WorstAndFirst(o.firstN ?? 8),
    compared: 0,
    mismatches: 0,
  };
  for (const level of o.levels) compareLevel(expected, actual, level, o, tally, report);
  const { compared, mismatches, kept } = tally;
  if (!kept.worst && compared > 0) {
    // Every value equal: the worst accepted is the first, error 0.
    const level = o.levels[0]!;
    const code = readCode(expected, 0, 0, level, 0);
    kept.worst = report({ level, x: 0, y: 0, channel: 'r' }, code, code, 0);
  }
  const perChannel = compared / channels || 1;
  const stats = Object.fromEntries(
    CHANNELS.slice(0, channels).map((ch, c) => {
      const s = tally.acc[c]!;
      const means = { meanAbs: s.sumAbs / perChannel, signedMean: s.sum / perChannel };
      return [ch, { maxAbs: s.maxAbs, ...means, mismatches: s.mismatches, ...nanCount(s.nans) }];
    }),
  ) as Partial<Record<Channel, ChannelStats>>;
  return {
    ...policyCounts(o.policy, storage),
    format: formatName(expected.desc.format),
    pass: mismatches === 0,
    levels: o.levels,
    compared,
    mismatches,
    channels: stats,
    ...(kept.worst ? { worst: kept.worst } : {}),
    first: kept.first,
  };
}

/** `, output hist` — a record's output, named where the case's output is not the default one. */
export function outputNote(r: ComparisonCounts): string {
  return r.output && r.output !== DEFAULT_OUTPUT ? `, output ${r.output}` : '';
}

/** How a passing record counts what it compared: `1 value matches`, `48 values match`. */
export function matchedText(compared: number): string {
  return compared === 1 ? '1 value matches' : `${compared} values match`;
}

/** A number as failure text prints it: integers as they are, others to 6 significant digits. */
export function renderNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}

/** A signed error as failure text prints it: `+1`, `-0.5`, `0`. */
export function renderSigned(v: number): string {
  return `${v > 0 ? '+' : ''}${renderNumber(v)}`;
}

/** The `nanAgainstNumber` field of channel statistics: present where any value was NaN against a number. */
export function nanCount(nans: number): Pick<ChannelStats, 'nanAgainstNumber'> {
  return nans > 0 ? { nanAgainstNumber: nans } : {};
}

/** Max |err|, mean |err| and bias as failure text prints them: each `NaN` where a value was NaN against a number. */
export function renderStats(s: ChannelStats): { readonly max: string; readonly mean: string; readonly bias: string } {
  if (s.nanAgainstNumber) return { max: NAN_ERROR, mean: NAN_ERROR, bias: NAN_ERROR };
  return { max: renderNumber(s.maxAbs), mean: renderNumber(s.meanAbs), bias: renderSigned(s.signedMean) };
}

/** One row of the per-channel table, after the channel's name: mismatches, max |err|, mean |err|, bias. */
export function renderStatsRow(s: ChannelStats): string {
  const { max, mean, bias } = renderStats(s);
  return `${String(s.mismatches).padEnd(11)} ${max.padEnd(10)} ${mean.padEnd(11)} ${bias}`;
}

/**
 * `expected 0x7f (0.498039) actual 0x80 (0.501961) +1 LSB; <note>`; where one value is NaN and the other is not,
 * `expected 0xc3e9921f (-467.142) actual 0x7fc23a83 (NaN): NaN where a number was expected` in place of the error.
 */
export function renderCodes(v: CodeReport, unit: string): string {
  const note = v.note ? `; ${v.note}` : '';
  const expected = `expected ${v.expectedHex} (${renderNumber(v.expectedValue)})`;
  const actual = `actual ${v.actualHex} (${renderNumber(v.actualValue)})`;
  const nan = nanAgainstNumber(v.expectedValue, v.actualValue);
  return `${expected} ${actual}${nan ? `: ${nan}` : ` ${renderSigned(v.error)} ${unit}`}${note}`;
}

/** `level 1 (0,0) r: expected 0x7f (0.498039) actual 0x80 (0.501961) +1 LSB; <note>` */
export function renderValue(v: ValueReport, unit: string): string {
  return `level ${v.level} (${v.x},${v.y}) ${v.channel}: ${renderCodes(v, unit)}`;
}

/**
 * The failure text of a comparison:
 * ```
 * 9 of 48 values differ (policy unormNearTie(2^-20), Unorm8x4/Rgba)
 *   worst: level 1 (0,0) r: expected 0x7f (0.498039) actual 0x80 (0.501961) +1 LSB; exact 127.5 is 0.5 LSB from the truncate boundary at 128
 *   channel  mismatches  max |err|  mean |err|  bias (LSB)
 *   r        3           1          0.0625      +0.0625
 *   …
 *   first mismatches:
 *     level 1 (0,0) r: …
 * ```
 * A passing record renders as `48 values match (policy …, format)`.
 */
export function renderComparison(r: ComparisonRecord): string {
  const head = `(policy ${r.policy}, ${r.format}${outputNote(r)})`;
  if (r.pass) return `${matchedText(r.compared)} ${head}`;
  const lines = [`${r.mismatches} of ${r.compared} values differ ${head}`];
  if (r.worst) lines.push(`  worst: ${renderValue(r.worst, r.unit)}`);
  lines.push(`  channel  mismatches  max |err|  mean |err|  bias (${r.unit})`);
  for (const ch of CHANNELS) {
    const s = r.channels[ch];
    if (!s) continue;
    lines.push(`  ${ch.padEnd(8)} ${renderStatsRow(s)}`);
  }
  lines.push('  first mismatches:');
  for (const v of r.first) lines.push(`    ${renderValue(v, r.unit)}`);
  return lines.join('\n');
}

/** Per texel of one level: the largest |error| / tolerance over its channels, and whether any channel was refused. */
export interface LevelErrorMap {
  readonly level: number;
  readonly width: number;
  readonly height: number;
  /** |error| / tolerance (|error| itself where the tolerance is 0), row-major. */
  readonly ratio: Float32Array;
  readonly refused: Uint8Array;
  /** 1 where the policy refused that channel of that texel, index `(y * width + x) * channels + channel`. */
  readonly refusedChannels: Uint8Array;
  /** Signed error per texel and channel, in the policy's unit. */
  readonly errors: Float64Array;
  readonly channels: number;
  /** Why the policy refused a channel of a texel, by `refusedChannels` index, where its verdict said. */
  readonly notes: ReadonlyMap<number, string>;
}

/** The per-texel picture of a comparison, for reports: one map per compared level. */
export function errorMaps(expected: Surface, actual: Surface, o: CompareOptions): LevelErrorMap[] {
  const storage = expected.desc.format.storage;
  const channels = channelCount(storage);
  const tolerance = o.policy.tolerance(storage);
  return o.levels.map((level) => {
    const lv = expected.desc.levels[level]!;
    const exact = o.exact?.levels[level];
    const ratio = new Float32Array(lv.width * lv.height);
    const refused = new Uint8Array(lv.width * lv.height);
    const errors = new Float64Array(lv.width * lv.height * channels);
    const refusedChannels = new Uint8Array(lv.width * lv.height * channels);
    const notes = new Map<number, string>();
    for (let y = 0; y < lv.height; y++) {
      for (let x = 0; x < lv.width; x++) {
        const i = y * lv.width + x;
        for (let c = 0; c < channels; c++) {
          const ex = exact?.[i * channels + c];
          const v = o.policy.judge({
            storage,
            expected: readCode(expected, x, y, level, c),
            actual: readCode(actual, x, y, level, c),
            ...(ex === undefined ? {} : { exact: ex, rounding: o.exact!.rounding }),
          });
          errors[i * channels + c] = v.error;
          ratio[i] = Math.max(ratio[i]!, Math.abs(v.error) / (tolerance || 1));
          if (!v.ok) refused[i] = refusedChannels[i * channels + c] = 1;
          if (!v.ok && v.note && notes.size < MAX_REFUSAL_NOTES) notes.set(i * channels + c, v.note);
        }
      }
    }
    return { level, width: lv.width, height: lv.height, ratio, refused, refusedChannels, errors, channels, notes };
  });
}
