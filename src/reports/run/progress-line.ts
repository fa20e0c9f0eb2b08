/**
 * Progress of the sweeps under way, from the workers' heartbeats: on a
 * terminal one line, redrawn (`twinpath ▸ big_kernel: 1200/20000 cases,
 * 340/s, ETA 55 s`); in CI (not a terminal, or CI set) the same text as a
 * line of its own every few seconds, for sweeps that run that long.
 */
import { sweepLabel } from '../../core/kernel/sweep-label.ts';
import { terminalSafe } from '../../core/settings/terminal-text.ts';
import type { Heartbeat } from './heartbeat.ts';
import { counted } from '../../model/counted.ts';

/** How often a CI log gets a progress line. */
export const CI_PROGRESS_MS = 5000;

/** Whether progress is redrawn in place: on a terminal, outside CI. */
export function liveProgress(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && (!env.CI || env.CI === 'false' || env.CI === '0');
}

/** `big_kernel: 1200/20000 cases, 340/s, ETA 55 s` (rate and ETA once a case is recorded). */
export function progressText(h: Heartbeat, now: number): string {
  const label = sweepLabel(h.kernel ?? '?', h.backend);
  const head = `${label}: ${h.done}/${counted(h.planned, 'case')}`;
  const s = (now - h.started) / 1000;
  if (!h.done || s <= 0) return head;
  const rate = h.done / s;
  const eta = Math.max(0, h.planned - h.done) / rate;
  return `${head}, ${rate < 10 ? rate.toFixed(1) : Math.round(rate)}/s, ETA ${eta < 60 ? `${Math.ceil(eta)} s` : `${Math.ceil(eta / 60)} min`}`;
}

export class ProgressLine {
  private shown = false;
  private lastLine = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stdout,
    private readonly live = liveProgress(stream),
  ) {}

  /** Draws the sweeps under way (heartbeats of live workers with a sweep). */
  update(beats: readonly Heartbeat[], now = Date.now()): void {
    const running = beats.filter((h) => h.kernel).sort((a, b) => a.started - b.started);
    if (!running.length) return this.clear();
    const text = terminalSafe(running.map((h) => progressText(h, now)).join(' | '));
    if (this.live) {
      const width = Math.max(20, (this.stream.columns || 120) - 1);
      this.stream.write(`\r\x1b[K${`twinpath ▸ ${text}`.slice(0, width)}`);
      this.shown = true;
    } else if (now - running[0]!.started >= CI_PROGRESS_MS && now - this.lastLine >= CI_PROGRESS_MS) {
      this.stream.write(`twinpath ▸ ${text}\n`);
      this.lastLine = now;
    }
  }

  /** Removes the redrawn line, before other output. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
