/**
 * What a sweep keeps of every case it runs: outcomes, the worst error per
 * output and unit over passing cases, the largest tolerance per output and
 * unit over every judged case, timing statistics, guard-band protection, and
 * the first describe() error.
 */
import { DEFAULT_OUTPUT, type Protection } from '../../model/output/spec.ts';
import type { CaseOutcome, CaseResult } from './case.ts';
import { emitSweepProgress } from './progress-listeners.ts';
import type { OutputComparison } from '../judge/judge.ts';
import type { CaseRecord, SweepResult, SweepTiming, TimingStats, ToleranceRecord, WorstError } from './sweep-result.ts';

function addStat(s: TimingStats | undefined, v: number): TimingStats {
  const count = (s?.count ?? 0) + 1;
  const total = (s?.total ?? 0) + v;
  return { count, total, min: Math.min(s?.min ?? v, v), max: Math.max(s?.max ?? v, v), last: v, avg: total / count };
}

interface JudgedOutput {
  readonly output: string;
  readonly comparison: OutputComparison;
}

/** Every output a case's judge compared, named. */
function judgedOutputs(r: CaseResult): readonly JudgedOutput[] {
  return r.outputs ?? (r.comparison ? [{ output: r.output ?? DEFAULT_OUTPUT, comparison: r.comparison }] : []);
}

/** The fields of a sweep's result its recorded cases decide. */
export type RecordedSweep = Pick<
  SweepResult,
  | 'outcomes'
  | 'worst'
  | 'tolerances'
  | 'cases'
  | 'timing'
  | 'describeError'
  | 'ms'
  | 'oracleMs'
  | 'gpuMs'
  | 'protection'
>;

/** Records a sweep's cases, in the order they ran. */
export class SweepRecorder {
  private readonly started = performance.now();
  private readonly outcomes: Partial<Record<CaseOutcome, number>> = {};
  private readonly worst = new Map<string, WorstError>();
  private readonly tolerances = new Map<string, ToleranceRecord>();
  private readonly cases: CaseRecord[] = [];
  private readonly timing: { -readonly [K in keyof SweepTiming]: SweepTiming[K] };
  private readonly protection: Record<string, Protection> = {};
  private oracleMs = 0;
  private gpuMs = 0;
  private describeError: string | undefined;

  constructor(timingSource: string) {
    this.timing = { source: timingSource };
  }

  /** Records one case, run by fast-check's generation or while shrinking a failure. */
  record(r: CaseResult, phase: CaseRecord['phase']): void {
    this.outcomes[r.outcome] = (this.outcomes[r.outcome] ?? 0) + 1;
    this.describeError ??= r.describeError;
    const t = this.timing;
    if (r.gpuNs !== undefined) t.gpuNs = addStat(t.gpuNs, r.gpuNs);
    if (r.uploadMs !== undefined) t.uploadMs = addStat(t.uploadMs, r.uploadMs);
    if (r.readbackMs !== undefined) t.readbackMs = addStat(t.readbackMs, r.readbackMs);
    if (r.comparison) t.oracleMs = addStat(t.oracleMs, r.oracleMs);
    const w = r.comparison?.worst;
    this.cases.push({
      case: r.case,
      outcome: r.outcome,
      phase,
      ...(w && r.comparison ? { worst: Math.abs(w.error), unit: r.comparison.unit } : {}),
    });
    this.oracleMs += r.oracleMs;
    this.gpuMs += r.gpuMs;
    emitSweepProgress({ kind: 'case', done: this.cases.length });
    for (const judged of judgedOutputs(r)) this.recordTolerance(judged, r.case);
    if (r.pass) this.recordWorst(r);
    if (r.protection) Object.assign(this.protection, r.protection);
  }

  /** Keeps a passing case's errors where they are the worst yet of their output and unit. */
  private recordWorst(r: CaseResult): void {
    for (const { output, comparison } of judgedOutputs(r)) {
      const cw = comparison.worst;
      if (!cw) continue;
      const key = `${output}\u0000${comparison.unit}`;
      const prev = this.worst.get(key);
      if (!prev || Math.abs(cw.error) > Math.abs(prev.error)) {
        this.worst.set(key, {
          output,
          unit: comparison.unit,
          error: Math.abs(cw.error),
          tolerance: comparison.tolerance,
          policy: comparison.policy,
          case: r.case,
        });
      }
    }
  }

  /** Keeps a judged output's tolerance where it is the largest yet of its output and unit. */
  private recordTolerance({ output, comparison: c }: JudgedOutput, caseLine: string): void {
    const key = `${output}\u0000${c.unit}`;
    const prev = this.tolerances.get(key);
    if (prev && prev.largest >= c.tolerance) return;
    this.tolerances.set(key, {
      output,
      unit: c.unit,
      largest: c.tolerance,
      policy: c.policy,
      case: caseLine,
      ...(c.perCase ? { perCase: true } : {}),
      ...(c.nanPayloads ? { nanPayloads: c.nanPayloads } : {}),
    });
  }

  /** What the recorded cases decide of the result, as of now. */
  recorded(): RecordedSweep {
    return {
      outcomes: this.outcomes,
      worst: [...this.worst.values()],
      ...(this.tolerances.size ? { tolerances: [...this.tolerances.values()] } : {}),
      cases: this.cases,
      timing: this.timing,
      ...(this.describeError === undefined ? {} : { describeError: this.describeError }),
      ms: performance.now() - this.started,
      oracleMs: this.oracleMs,
      gpuMs: this.gpuMs,
      ...(Object.keys(this.protection).length ? { protection: { ...this.protection } } : {}),
    };
  }
}
