/**
 * What the report's first screen says, decided from results.json alone: the
 * run status, the adapters and backends, each sweep's verdict, totals by
 * status, and one row per kernel x output x backend with its worst error
 * against its tolerance. Fields newer engines add (backend, output names)
 * are read where present and defaulted where absent.
 */
import { adapterLine } from '../../model/device.ts';
import { notRun, passesGate, verdictLabel, verdictText, type SweepStatus } from '../../core/gate/verdict.ts';
import type { SweepResult } from '../../core/sweep/sweep.ts';
import { DEFAULT_OUTPUT, failureFolder, optionalField } from '../failure/failure-data.ts';
import { DEFAULT_BACKEND } from '../../backends/registry.ts';
import { runStatusLine, type ResultsFile } from '../run/results-json.ts';
import { formatNumber, gpuPerCase, type SummaryRow } from '../run/summary-table.ts';

/** How the page names each status in its totals, in the order of the table: what needs a look first. */
const STATUS_LABELS: Readonly<Record<SweepStatus, string>> = {
  fail: 'failed',
  'unexpected-pass': 'unexpected pass',
  unavailable: 'unavailable (backend cannot load)',
  unsupported: 'unsupported (adapter lacks a feature)',
  'expected-fail': 'expected fail',
  pass: 'passed',
};

const ORDER = Object.keys(STATUS_LABELS) as SweepStatus[];

/** What the gate makes of a status: `fails`, `passes`, or `counted apart` (unsupported, unavailable). */
function gateText(status: SweepStatus): string {
  const v = { status };
  return notRun(v) ? 'counted apart' : passesGate(v) ? 'passes' : 'fails';
}

/** The sweep's backend, from its row or its result; DEFAULT_BACKEND where an older record names none. */
export function sweepBackend(r: SummaryRow): string {
  return optionalField(r, 'backend') ?? (r.sweep && optionalField(r.sweep, 'backend')) ?? DEFAULT_BACKEND;
}

export interface PageRow {
  readonly kernel: string;
  readonly output: string;
  readonly backend: string;
  readonly status: SweepStatus;
  /** The verdict's short form, `fail (mismatch)`. */
  readonly label: string;
  /** The verdict's full form, with its reason. */
  readonly text: string;
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
  readonly status: SweepStatus;
  readonly label: string;
  readonly text: string;
  readonly reason?: string;
  readonly row: SummaryRow;
  /** `failures/<kernel>/failure.js` where the failure writer wrote one. */
  readonly script?: string;
}

export interface PageModel {
  readonly runStatus: ResultsFile['status'];
  /** `run finished: 5 pass, 1 expected-fail`, as the console says it. */
  readonly runLine: string;
  readonly date: string;
  readonly adapters: readonly string[];
  readonly backends: readonly string[];
  readonly totals: ReadonlyArray<{
    readonly status: SweepStatus;
    readonly label: string;
    readonly gate: string;
    readonly count: number;
  }>;
  readonly tests: ResultsFile['totals'];
  readonly rows: readonly PageRow[];
  readonly failures: readonly FailureStub[];
}

const rank = (s: SweepStatus) => ORDER.indexOf(s);

/** A failure that names no output (a sanitizer's finding, a setup error, a crash): its row names none either. */
const NO_OUTPUT = '-';

/** The output a failure is of: named, the default one where it was compared, or none. */
const failureOutput = (s: SweepResult): string | undefined =>
  s.failure && (optionalField(s.failure, 'output') ?? (s.failure.result.comparison ? DEFAULT_OUTPUT : undefined));

function outputsOf(s: SweepResult): string[] {
  const failed = failureOutput(s);
  const names = [...s.worst.map((w) => optionalField(w, 'output') ?? DEFAULT_OUTPUT), ...(failed ? [failed] : [])];
  return names.length ? [...new Set(names)] : [s.failure ? NO_OUTPUT : DEFAULT_OUTPUT];
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
      // Any error past a tolerance of 0 fills the bar.
      ...(c.tolerance ? { ratio: e / c.tolerance } : e > 0 ? { ratio: Infinity } : {}),
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
  const sweeps = [...r.sweeps].map((row) => ({ row, status: row.verdict.status, backend: sweepBackend(row) }));
  sweeps.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) || a.row.kernel.localeCompare(b.row.kernel) || a.backend.localeCompare(b.backend),
  );
  const rows: PageRow[] = [];
  const failures: FailureStub[] = [];
  for (const { row, status, backend } of sweeps) {
    const s = row.sweep;
    const verdict = {
      status,
      label: verdictLabel(row.verdict),
      text: verdictText(row.verdict),
      ...(row.verdict.reason ? { reason: row.verdict.reason } : {}),
    };
    const anchor = `f-${failureFolder(row.kernel, backend).replace(/^failures\//, '')}`;
    // Everything but a pass has something to look at: a failure, an expected one, or why the sweep did not run.
    const failed = status !== 'pass';
    const failedOutput = s ? failureOutput(s) : undefined;
    if (failed) {
      const script = s?.failure?.artifacts?.script;
      const output = failedOutput ?? (s?.failure ? NO_OUTPUT : DEFAULT_OUTPUT);
      failures.push({ anchor, kernel: row.kernel, backend, output, ...verdict, row, ...(script ? { script } : {}) });
    }
    for (const output of s ? outputsOf(s) : [DEFAULT_OUTPUT]) {
      const mine = failedOutput === undefined || failedOutput === output;
      const worst = s ? outputWorst(s, output, failed && mine) : { text: row.error ?? '-' };
      rows.push({
        kernel: row.kernel,
        output,
        backend,
        ...verdict,
        cases: s ? String(s.runs) : '-',
        worst: worst.text,
        ...(worst.ratio === undefined ? {} : { ratio: worst.ratio }),
        gpu: gpuPerCase(s),
        seconds: `${(row.ms / 1000).toFixed(1)} s`,
        ...(failed && mine ? { failure: anchor } : {}),
        ...(failed && !mine && failedOutput ? { note: `output ${failedOutput} failed first` } : {}),
      });
    }
  }
  const adapters = [...new Set(r.sweeps.flatMap((s) => (s.sweep ? [adapterLine(s.sweep.adapter)] : [])))];
  if (!adapters.length && r.adapter) adapters.push(adapterLine(r.adapter));
  return {
    runStatus: r.status,
    runLine: runStatusLine(r),
    date: r.date,
    adapters,
    backends: [...new Set(sweeps.map((s) => s.backend))].sort(),
    totals: ORDER.map((status) => ({
      status,
      label: STATUS_LABELS[status],
      gate: gateText(status),
      count: sweeps.filter((x) => x.status === status).length,
    })),
    tests: r.totals,
    rows,
    failures,
  };
}
