/**
 * What the report's first screen says, decided from results.json alone: the
 * run status, the adapters and backends, each sweep's status (its verdict
 * where the run recorded one), totals by status, and one row per
 * kernel x output x backend with its worst error against its tolerance.
 * Fields newer engines add (run status, backend, output names, verdicts
 * such as unsupported) are read where present and defaulted where absent.
 */
import { adapterLine, type AdapterInfo, type SweepResult } from '../harness/index.ts';
import { DEFAULT_OUTPUT, failureFolder, optionalField } from './failure-data.ts';
import type { ResultsFile } from './results-json.ts';
import { formatNumber, gpuPerCase, type SummaryRow } from './summary-table.ts';

/** Every status a sweep can end in, failures first: the order of the table and the totals. */
export const STATUSES = [
  { status: 'fail', label: 'failed', gate: 'fails' },
  { status: 'unexpected-pass', label: 'unexpected pass', gate: 'fails' },
  { status: 'error', label: 'error (no result)', gate: 'fails' },
  { status: 'unavailable', label: 'unavailable (backend cannot load)', gate: 'counted apart' },
  { status: 'unsupported', label: 'unsupported (adapter lacks a feature)', gate: 'counted apart' },
  { status: 'expected-fail', label: 'expected fail', gate: 'passes' },
  { status: 'pass', label: 'passed', gate: 'passes' },
] as const;

export type PageStatus = (typeof STATUSES)[number]['status'];

const KNOWN = new Set<string>(STATUSES.map((s) => s.status));

/** A sweep's status and its verdict's reason: the recorded verdict, else pass/fail from the result, else `error`. */
export function sweepStatus(r: SummaryRow): { status: PageStatus; reason?: string } {
  const v = r.verdict ?? (r.sweep ? (r.sweep as { verdict?: SummaryRow['verdict'] }).verdict : undefined);
  const reason = v && optionalField(v, 'reason');
  if (v && KNOWN.has(v.status)) return { status: v.status as PageStatus, ...(reason ? { reason } : {}) };
  return { status: r.sweep ? (r.sweep.pass ? 'pass' : 'fail') : 'error' };
}

/** The sweep's backend; `wgsl` where the record names none. */
export function sweepBackend(r: SummaryRow): string {
  return (r.sweep && optionalField(r.sweep, 'backend')) ?? 'wgsl';
}

export interface PageRow {
  readonly kernel: string;
  readonly output: string;
  readonly backend: string;
  readonly status: PageStatus;
  readonly reason?: string;
  readonly cases: string;
  /** `1 LSB (tol 0)`, or where the failing output's worst value sits. */
  readonly worst: string;
  /** |worst| / tolerance where both are known: the row's meter. */
  readonly ratio?: number;
  readonly gpu: string;
  readonly seconds: string;
  /** The failure section this row opens (only the output that failed, or the sweep's only row). */
  readonly failure?: string;
  /** Another output of the same sweep failed first. */
  readonly note?: string;
}

export interface FailureStub {
  readonly anchor: string;
  readonly kernel: string;
  readonly backend: string;
  readonly output: string;
  readonly status: PageStatus;
  readonly reason?: string;
  readonly row: SummaryRow;
  /** `failures/<kernel>/failure.js` where the failure writer wrote one. */
  readonly script?: string;
}

export interface PageModel {
  readonly runStatus?: string;
  readonly date: string;
  readonly adapters: readonly string[];
  readonly backends: readonly string[];
  readonly totals: ReadonlyArray<{
    readonly status: PageStatus;
    readonly label: string;
    readonly gate: string;
    readonly count: number;
  }>;
  readonly tests: ResultsFile['totals'];
  readonly rows: readonly PageRow[];
  readonly failures: readonly FailureStub[];
}

const rank = (s: PageStatus) => STATUSES.findIndex((x) => x.status === s);

function outputsOf(s: SweepResult): string[] {
  const names = [
    ...s.worst.map((w) => optionalField(w, 'output') ?? DEFAULT_OUTPUT),
    ...(s.failure ? [optionalField(s.failure, 'output') ?? DEFAULT_OUTPUT] : []),
  ];
  return names.length ? [...new Set(names)] : [DEFAULT_OUTPUT];
}

function tolText(unit: string, policy: string, tolerance: number): string {
  return unit === 'abs' ? policy : `tol ${formatNumber(tolerance)}`;
}

function outputWorst(s: SweepResult, output: string, failed: boolean): { text: string; ratio?: number } {
  const c = s.failure?.result.comparison;
  if (failed && c?.worst && !c.pass) {
    const e = Math.abs(c.worst.error);
    return {
      text: `${formatNumber(e)} ${c.unit} (${tolText(c.unit, c.policy, c.tolerance)}) in the failure`,
      ...(c.tolerance ? { ratio: e / c.tolerance } : {}),
    };
  }
  if (failed && s.failure) return { text: s.failure.result.outcome };
  const mine = s.worst.filter((w) => (optionalField(w, 'output') ?? DEFAULT_OUTPUT) === output);
  if (!mine.length) return { text: '-' };
  const ratios = mine.filter((w) => w.tolerance > 0).map((w) => w.error / w.tolerance);
  return {
    text: mine.map((w) => `${formatNumber(w.error)} ${w.unit} (${tolText(w.unit, w.policy, w.tolerance)})`).join(', '),
    ...(ratios.length ? { ratio: Math.max(...ratios) } : {}),
  };
}

/** The first screen's model of a results file. */
export function pageModel(r: ResultsFile): PageModel {
  const sweeps = [...r.sweeps].map((row) => ({ row, ...sweepStatus(row), backend: sweepBackend(row) }));
  sweeps.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) || a.row.kernel.localeCompare(b.row.kernel) || a.backend.localeCompare(b.backend),
  );
  const rows: PageRow[] = [];
  const failures: FailureStub[] = [];
  for (const { row, status, reason, backend } of sweeps) {
    const s = row.sweep;
    const anchor = `f-${failureFolder(row.kernel, backend).replace(/^failures\//, '')}`;
    const failed = status !== 'pass' && status !== 'unexpected-pass' && (!s || !s.pass);
    const failedOutput = s?.failure ? (optionalField(s.failure, 'output') ?? DEFAULT_OUTPUT) : undefined;
    if (failed) {
      const script = s?.failure?.artifacts?.script;
      failures.push({
        anchor,
        kernel: row.kernel,
        backend,
        output: failedOutput ?? DEFAULT_OUTPUT,
        status,
        row,
        ...(script ? { script } : {}),
      });
    }
    for (const output of s ? outputsOf(s) : [DEFAULT_OUTPUT]) {
      const mine = failedOutput === undefined || failedOutput === output;
      const worst = s ? outputWorst(s, output, failed && mine) : { text: row.error ?? '-' };
      rows.push({
        kernel: row.kernel,
        output,
        backend,
        status,
        ...(reason ? { reason } : {}),
        cases: s ? String(s.runs) : '-',
        worst: worst.text,
        ...(worst.ratio === undefined ? {} : { ratio: worst.ratio }),
        gpu: gpuPerCase(s),
        seconds: `${(row.ms / 1000).toFixed(1)} s`,
        ...(failed && mine ? { failure: anchor } : {}),
        ...(failed && !mine ? { note: `output ${failedOutput} failed first` } : {}),
      });
    }
  }
  const adapters = [...new Set(r.sweeps.flatMap((s) => (s.sweep ? [adapterLine(s.sweep.adapter)] : [])))];
  if (!adapters.length && r.adapter) adapters.push(adapterLine(r.adapter as AdapterInfo));
  const runStatus = (r as { run?: { status?: unknown } }).run?.status;
  return {
    ...(typeof runStatus === 'string' ? { runStatus } : {}),
    date: r.date,
    adapters,
    backends: [...new Set(sweeps.map((s) => s.backend))].sort(),
    totals: STATUSES.map((s) => ({ ...s, count: sweeps.filter((x) => x.status === s.status).length })),
    tests: r.totals,
    rows,
    failures,
  };
}
