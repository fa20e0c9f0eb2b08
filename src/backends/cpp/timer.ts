/**
 * The C++ backend's timer for the bench: a case's calls (its library built -O2 with the author's flags) repeated
 * and timed inside the runner process, on the case's memory as uploaded — `n` back to back for one time (hot), or
 * one at a time, each after overwriting a buffer twice the size of the CPU's last-level cache (cold). No process
 * round trip is inside a time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { KernelTimer } from '../backend.ts';
import type { CppRepeat } from './runner.ts';

/** Where the flush falls back to when the CPU's caches cannot be read (not Linux): more than most LLCs. */
const FALLBACK_LLC_BYTES = 32 * 1024 * 1024;
const CACHES = '/sys/devices/system/cpu/cpu0/cache';

/** The largest cache of CPU 0 in bytes (Linux sysfs: `32768K`), or undefined where none can be read. */
export function lastLevelCacheBytes(dir = CACHES): number | undefined {
  let sizes: number[];
  try {
    sizes = readdirSync(dir)
      .filter((d) => d.startsWith('index'))
      .map((d) => /^(\d+)([KM]?)$/.exec(readFileSync(`${dir}/${d}/size`, 'utf8').trim()))
      .map((m) => (m ? Number(m[1]) * (m[2] === 'M' ? 1 << 20 : m[2] === 'K' ? 1024 : 1) : 0));
  } catch {
    return undefined;
  }
  const largest = Math.max(0, ...sizes);
  return largest > 0 ? largest : undefined;
}

/** The timer over a case's calls, given how to run them repeated in the runner (ns per time). */
export function cppTimer(time: (repeat: CppRepeat) => Promise<readonly number[]>): KernelTimer {
  const flushBytes = 2 * (lastLevelCacheBytes() ?? FALLBACK_LLC_BYTES);
  return {
    hot: async (launches) => (await time({ launches }))[0]!,
    cold: async (samples) => [...(await time({ samples, flushBytes }))],
    release: () => undefined,
  };
}
