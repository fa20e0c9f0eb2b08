/**
 * The main job's summary table: one row per kernel sweep.
 */
import { decideVerdict, notRun, verdictLabel, type SweepVerdict } from '../../core/gate/verdict.ts';
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { DEFAULT_BACKEND } from '../../backends/registry.ts';
import { terminalSafe } from '../../core/settings/terminal-text.ts';
import type { Expectation } from '../../core/gate/expectations.ts';
import type { SweepResult, WorstError } from '../../core/sweep/sweep.ts';
import { NAN_ERROR, nanAgainstNumber } from '../../model/compare/nan-against-number.ts';
import { counted } from '../../model/counted.ts';

/** One row: a sweep that produced a result, or a sweep that died before it could. */
export interface SummaryRow {
  readonly kernel: string;
  /** The backend of the sweep's test (`wgsl` when absent), known even when the sweep ended without a result. */
  readonly backend?: string;
  readonly sweep?: SweepResult;
  /** The sweep's verdict, decided once where the sweep ended (src/core/gate/verdict.ts). */
  readonly verdict: SweepVerdict;
  /** First line of the error of a sweep that ended without a result. */
  readonly error?: string;
  /** For a sweep file that failed to load (its kernel is then the file's path): the file, relative to the project root. */
  readonly file?: string;
  readonly ms: number;
}

/**
 * Which sweep a row is the result of, `flip_y (wgsl)`: its kernel and backend. A run holds one row per sweep; a rerun
 * replaces it (run-report.ts) and shards that hold the same one are refused (merge.ts).
 */
export function sweepIdentity(row: Pick<SummaryRow, 'kernel' | 'backend' | 'sweep'>): string {
  return `${row.kernel} (${row.sweep?.backend ?? row.backend ?? DEFAULT_BACKEND})`;
}

/** The row of a sweep run outside a test (scripts, report tests), its verdict decided by harness/verdict.ts. */
export function sweepRow(s: SweepResult, expectations: readonly Expectation[] = []): SummaryRow {
  return { kernel: s.kernel, sweep: s, verdict: decideVerdict(s, expectations), ms: s.ms };
}

/** `2^-13` for powers of two below 1, 3 significant digits for other fractions, integers as they are. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const l = Math.log2(v);
  if (Number.isInteger(l)) return `2^${l}`;
  return v.toPrecision(3);
}

/**
 * A failed sweep's own worst value, `2^-4 abs (absRel(…)) in the failure` (`NaN (tol 3) in the failure` where it
 * was NaN against a number), else the passing cases' worst per unit.
 */
export function worstText(s: SweepResult): string {
  const c = s.failure?.result.comparison;
  if (c?.worst && !c.pass) {
    const nan = nanAgainstNumber(c.worst.expectedValue, c.worst.actualValue);
    const error = nan ? NAN_ERROR : `${formatNumber(Math.abs(c.worst.error))} ${c.unit}`;
    return `${error} (${c.unit === 'abs' ? c.policy : `tol ${formatNumber(c.tolerance)}`}) in the failure`;
  }
  return worst(s.worst);
}

function worst(w: readonly WorstError[]): string {
  if (!w.length) return '-';
  // absRel accepts where either bound holds: name both rather than the absolute one alone.
  return w
    .map(
      (e) => `${formatNumber(e.error)} ${e.unit} (${e.unit === 'abs' ? e.policy : `tol ${formatNumber(e.tolerance)}`})`,
    )
    .join(', ');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The GPU pass time per case, `avg (min-max)` in microseconds, from timestamp queries. */
export function gpuPerCase(s?: SweepResult): string {
  const g = s?.timing?.gpuNs;
  if (!g) return '-';
  const us = (ns: number) => (ns / 1000).toFixed(ns < 10_000 ? 1 : 0);
  return `${us(g.avg)} us (${us(g.min)}-${us(g.max)})`;
}

/**
 * The result column is the verdict's label (verdict.ts), as in every output; case text is made terminal-safe.
 * ```
 * kernel              cases  result                   worst error (tolerance)        GPU/case           time
 * generate_mips         300  pass                     1 LSB (tol 1), 0 ULP (tol 4)  48.2 us (9.1-410)  1.4 s
 * prepare_mip_source     12  fail (canary)            canary                         -                  0.3 s
 * mip_texture_float32   100  expected-fail (mismatch) 2^-4 abs (absRel(…)) in the failure  -       0.9 s
 * im2col [cuda]           0  unavailable              CUDA unavailable: libcuda did not load  -  0.0 s
 * ```
 */
export function renderSummaryTable(rows: readonly SummaryRow[]): string {
  const body = rows.map((r) => {
    const s = r.sweep;
    const cases = s ? String(s.runs) : '-';
    return [
      sweepLabel(r.kernel, s?.backend ?? r.backend),
      cases,
      verdictLabel(r.verdict),
      s && !notRun(r.verdict) ? worstText(s) : (r.verdict.reason?.split(' — ')[0] ?? r.error ?? ''),
      gpuPerCase(s),
      seconds(r.ms),
    ].map(terminalSafe);
  });
  const head = ['kernel', 'cases', 'result', 'worst error (tolerance)', 'GPU/case', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/**
 * One line per backend some sweep found unavailable, its reason in short and where the rest is:
 * `cuda: unavailable — CUDA unavailable: libcuda did not load (2 sweeps; the full reason and fix: results.json)`.
 */
export function unavailableBackends(rows: readonly SummaryRow[]): string[] {
  const by = new Map<string, SummaryRow[]>();
  for (const r of rows.filter((r) => r.verdict.status === 'unavailable')) {
    const b = r.sweep?.backend ?? r.backend ?? 'wgsl';
    by.set(b, [...(by.get(b) ?? []), r]);
  }
  return [...by].map(([b, of]) => {
    const why = of[0]!.verdict.reason?.split(' — ')[0] ?? '';
    return `${b}: unavailable — ${why} (${counted(of.length, 'sweep')}; the full reason and fix: results.json)`;
  });
}
