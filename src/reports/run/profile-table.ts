/**
 * The profile of a run (`twinpath run --profile`) as text: one row per
 * profiled sweep and one for the run, milliseconds per stage, CPU use and
 * the distance from the floor; the same rows make the report page's section.
 */
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { STAGES, type RunProfile, type SweepProfile } from '../../core/sweep/stage-clock.ts';
import type { SummaryRow } from './summary-table.ts';

/**
 * The columns: the sweep, its cases, its wall time, each stage, the wall time in none, CPU use, the sweep's
 * thread's busy share, the floor ratio.
 */
export const PROFILE_COLUMNS = [
  'sweep',
  'cases',
  'wall ms',
  ...STAGES.map((s) => `${s} ms`),
  'other ms',
  'cpu',
  'thread',
  'floor',
];

/** `1.8x of floor`; `-` where no case ran (no floor to be measured against). */
export function floorText(p: Pick<SweepProfile, 'floorRatio' | 'cases'>): string {
  return p.cases > 0 ? `${p.floorRatio.toFixed(1)}x of floor` : '-';
}

function cells(label: string, p: SweepProfile | RunProfile): string[] {
  return [
    label,
    String(p.cases),
    p.wallMs.toFixed(0),
    ...STAGES.map((s) => p.stages[s].toFixed(0)),
    p.otherMs.toFixed(0),
    `${(p.cpuUtilisation * 100).toFixed(0)}%`,
    `${(p.threadBusy * 100).toFixed(0)}%`,
    floorText(p),
  ];
}

/** The table's rows as cells: each profiled sweep, then the run. */
export function profileRows(rows: readonly SummaryRow[], run: RunProfile): string[][] {
  const sweeps = rows.flatMap((r) =>
    r.sweep?.profile ? [cells(sweepLabel(r.sweep.kernel, r.sweep.backend), r.sweep.profile)] : [],
  );
  return [...sweeps, cells(`run (${run.sweeps} ${run.sweeps === 1 ? 'sweep' : 'sweeps'})`, run)];
}

/**
 * What the numbers mean, in one line: how GPU busy was taken, what other holds, the floor and its two ratios, and
 * the run's time outside its sweeps (`… the run's wall holds 521 ms outside its sweeps: writing the report (in
 * report ms), starting up and loading kernels (in other ms)`).
 */
export function profileNote(run: RunProfile): string {
  return (
    `GPU busy: ${run.gpuBusySources.join('; ') || '-'}; oracle and judge summed over the threads that ran them; ` +
    `other: wall time in no stage of the sweep's thread (gpu and worker threads' oracle and judge overlap it); ` +
    `thread: the sweep's thread's busy share of its wall (near 100%, it is what the sweep waits on); ` +
    `floor per case: max(GPU busy, min(generate + oracle + judge, CPU time) / ${run.cores} cores); ` +
    `a sweep's floor ratio is its cases' phase over its floor, the run's its wall over the floors summed; ` +
    `the run's wall holds ${run.outsideSweepsMs.toFixed(0)} ms outside its sweeps: writing the report (in report ` +
    `ms), starting up and loading kernels (in other ms)`
  );
}

/**
 * The profile table, columns aligned, then its note, then a line for each sweep judged on its own thread only
 * though worker threads were there (`profile: box_blur: every case was judged on the sweep's thread: its
 * definition names no module (add module: import.meta.url)`); stages elided, ` of floor` cut:
 * ```
 * sweep         cases  wall ms  probe ms  compile ms  generate ms  …  other ms  cpu  floor
 * im2col          100      301         9          27           12  …        48  71%  8.9x
 * run (1 sweep)   100      710         9          27           12  …       455  30%  25.2x
 * profile: GPU busy: timestamp queries; oracle and judge summed over the threads that ran them; other: …
 * ```
 */
export function renderProfileTable(rows: readonly SummaryRow[], run: RunProfile): string {
  const body = profileRows(rows, run);
  const widths = PROFILE_COLUMNS.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const here = rows.flatMap((r) =>
    r.sweep?.profile?.judgedHere
      ? [
          `profile: ${sweepLabel(r.sweep.kernel, r.sweep.backend)}: every case was judged on the sweep's thread: ` +
            r.sweep.profile.judgedHere,
        ]
      : [],
  );
  return [line(PROFILE_COLUMNS), ...body.map(line), `profile: ${profileNote(run)}`, ...here].join('\n');
}
