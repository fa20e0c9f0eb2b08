/**
 * Where a sweep's time goes, per stage: the one place that names the stages
 * (STAGES), a clock the engine adds each stage's milliseconds to, and the
 * sweep's profile with its floor, the least time its cases could take: per
 * case, the larger of the GPU's busy time and the CPU work (generation, oracle,
 * judging) spread over the cores. `twinpath run --profile` (TWINPATH_PROFILE=1)
 * keeps it in each sweep's result.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DeviceRun } from '../../model/output/run.ts';

/**
 * The stages, in the order a sweep meets them: probe (finding the backend and opening its device, before the first
 * case), compile (compiling the kernel's implementation there: once per process and backend), generation (fast-check
 * draws the case), encode (uploads: writing the case's buffers and textures), readback (the device's round trips,
 * submit to mapped readback, wall time: this thread may work on other batches meanwhile), gpu (the device's own
 * busy time), oracle,
 * judge (canary and comparison, oracle not counted), shrink (replaying and shrinking the first failure), report
 * (capturing the failure and writing its files). The wall time in none of them is the profile's `otherMs`.
 */
export const STAGES = [
  'probe',
  'compile',
  'generate',
  'encode',
  'readback',
  'gpu',
  'oracle',
  'judge',
  'shrink',
  'report',
] as const;

export type Stage = (typeof STAGES)[number];

/** The stages on the device, not on a thread of the sweep: never added into a sum of the threads' stages. */
export const ON_DEVICE: readonly Stage[] = ['readback', 'gpu'];

/** How the GPU's busy time was taken when the device gave no time of its own. */
const GPU_BUSY_WALL = 'submit-to-readback wall time (the device gave no kernel time)';

/**
 * The CPU work a floor counts: generation, oracle and judging, as the stages timed them, but at most the process's
 * CPU time over the cases' phase (a stage's wall time counts the waits of a thread that found no free core).
 */
export const cpuWorkMs = (stages: Readonly<Record<Stage, number>>, casesCpuMs: number): number =>
  Math.min(stages.generate + stages.oracle + stages.judge, casesCpuMs);

/** A sweep's time by stage, its CPU use and its floor. */
export interface SweepProfile {
  /** The sweep, compile to result. */
  readonly wallMs: number;
  /** The generated cases' phase (generation to the last verdict): what the floor is measured against. */
  readonly casesMs: number;
  /** Cases run in that phase. */
  readonly cases: number;
  /**
   * The process's CPU time (every thread) over the cases' phase: the CPU work the floor counts is at most this
   * (stage times are wall times, which stretch where threads outnumber the cores and wait for one).
   */
  readonly casesCpuMs: number;
  /** Milliseconds per stage; oracle and judge summed over the threads that ran them; gpu on the device. */
  readonly stages: Readonly<Record<Stage, number>>;
  /**
   * The wall time in no stage: wallMs less the sweep's thread's stages (readback and gpu, on the device, and the
   * oracle and judging of worker threads, which run beside it, not subtracted); below 0 only where stages were
   * counted twice. The device half's host-side work but its uploads (creating, encoding, submitting, mapping),
   * and this thread's waits on the device and on the worker threads (threadBusy tells the two apart).
   */
  readonly otherMs: number;
  /** CPU time of the process (every thread, user and system) over the sweep. */
  readonly cpuMs: number;
  /** cpuMs / (wallMs * cores), 0 to 1. */
  readonly cpuUtilisation: number;
  /**
   * The sweep's thread's busy share of the wall time (its event loop's utilisation, 0 to 1; shared with sweeps
   * running beside it): near 1, the thread that drives the device is what the sweep waits on.
   */
  readonly threadBusy: number;
  readonly cores: number;
  /** Threads judging cases (TWINPATH_WORKERS): this one and the worker threads. */
  readonly workers: number;
  /** Why every case was judged on the sweep's thread though worker threads were there (judge-pool.ts). */
  readonly judgedHere?: string;
  /** How gpu was taken: the sweep's timing source (timestamp queries, CUDA events…) or GPU_BUSY_WALL. */
  readonly gpuBusySource: string;
  /** max(gpu, min(generate + oracle + judge, casesCpuMs) / cores) over the cases' phase (cpuWorkMs). */
  readonly floorMs: number;
  /** casesMs / floorMs: 1 is as fast as the machine allows (`1.8x of floor`). */
  readonly floorRatio: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The milliseconds of each stage of one sweep, as the engine adds them. */
export class StageClock {
  private readonly ms: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  private readonly started = performance.now();
  private readonly cpuStarted = cpuNow();
  private readonly loopStarted = performance.eventLoopUtilization();
  private casesMs = 0;
  private cases = 0;
  private casesCpuFrom = 0;
  private casesCpuMs = 0;
  /** Whether every case's GPU time came from the device (else gpu is the submit-to-readback wall time). */
  private deviceTimed = true;

  /** Time this thread spent in stages so far (the rest of its wall time it waited, or ran no stage). */
  private busyMs = 0;

  /** Adds `ms` to `stage`; `onThisThread`: whether the sweep's thread spent it (a worker thread's time is not). */
  add(stage: Stage, ms: number, onThisThread = !ON_DEVICE.includes(stage)): void {
    this.ms[stage] += ms;
    if (onThisThread) this.busyMs += ms;
  }

  /** A case judged: its oracle's time and the rest of judging, on this thread or a worker thread. */
  addJudged(oracleMs: number, judgeMs: number, onThisThread: boolean): void {
    this.add('oracle', oracleMs, onThisThread);
    this.add('judge', judgeMs, onThisThread);
  }

  /** Runs `f`, its time added to `stage`. */
  async time<T>(stage: Stage, f: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await f();
    } finally {
      this.add(stage, performance.now() - t);
    }
  }

  /**
   * A batch's device half: encode is its cases' upload time (writing buffers and textures); readback their share
   * of the submit-to-readback wall time; gpu the device's time of each case, or that wall time where the device
   * gave none.
   */
  addDeviceRuns(runs: readonly DeviceRun[]): void {
    for (const r of runs) {
      if (!('outputs' in r)) continue;
      this.add('encode', r.uploadMs);
      this.add('readback', r.readbackMs, false);
      if (r.gpuNs === undefined) this.deviceTimed = false;
      this.add('gpu', r.gpuNs === undefined ? r.readbackMs : r.gpuNs / 1e6);
    }
  }

  /** The generated cases' phase starts now. */
  casesStart(): void {
    this.casesCpuFrom = cpuNow();
  }

  /** The generated cases' phase ended: `cases` ran in `ms`. */
  casesDone(cases: number, ms: number): void {
    this.cases = cases;
    this.casesMs = ms;
    this.casesCpuMs = cpuNow() - this.casesCpuFrom;
  }

  /** The profile as of now; `timingSource` says how the backend timed its kernels. */
  profile(timingSource: string, workers: number, cores = availableParallelism()): SweepProfile {
    const wallMs = performance.now() - this.started;
    const cpuMs = cpuNow() - this.cpuStarted;
    const stages = { ...this.ms };
    const gpuBusySource = this.deviceTimed ? timingSource : GPU_BUSY_WALL;
    const floorMs = Math.max(stages.gpu, cpuWorkMs(stages, this.casesCpuMs) / cores);
    return {
      wallMs,
      casesMs: this.casesMs,
      cases: this.cases,
      casesCpuMs: this.casesCpuMs,
      stages,
      otherMs: wallMs - this.busyMs,
      cpuMs,
      cpuUtilisation: wallMs > 0 ? cpuMs / (wallMs * cores) : 0,
      threadBusy: performance.eventLoopUtilization(this.loopStarted).utilization,
      cores,
      workers,
      gpuBusySource,
      floorMs,
      floorRatio: floorMs > 0 ? this.casesMs / floorMs : 0,
    };
  }
}

/** A run's profile: its sweeps' profiles summed, over the run's own wall time. */
export interface RunProfile extends Omit<SweepProfile, 'gpuBusySource' | 'workers' | 'floorRatio'> {
  readonly sweeps: number;
  /** The sweeps' wall times summed. */
  readonly sweepsMs: number;
  /** The run's wall time outside its sweeps (wallMs - sweepsMs): starting up, loading kernels, writing the report. */
  readonly outsideSweepsMs: number;
  /**
   * The wall time in no stage: the sweeps' otherMs and the time outside sweeps, less the report's writing (in the
   * report stage).
   */
  readonly otherMs: number;
  /** wallMs / floorMs: the run's own wall time over its sweeps' floors summed (`12.3x of floor`). */
  readonly floorRatio: number;
  /** How the sweeps that ran cases took their GPU busy time, each way once. */
  readonly gpuBusySources: readonly string[];
}

/**
 * The run's profile from its sweeps' profiles: stages, cases, CPU and floors summed; `wallMs` the run's own (the
 * reporter's start to now), `reportMs` the time the reporter spent writing the report, added to the report stage.
 */
export function runProfile(sweeps: readonly SweepProfile[], wallMs: number, reportMs: number): RunProfile {
  const sum = (f: (p: SweepProfile) => number) => sweeps.reduce((n, p) => n + f(p), 0);
  const stages = Object.fromEntries(STAGES.map((s) => [s, sum((p) => p.stages[s])])) as Record<Stage, number>;
  stages.report += reportMs;
  const cores = sweeps[0]?.cores ?? availableParallelism();
  const cpuMs = sum((p) => p.cpuMs);
  const floorMs = sum((p) => p.floorMs);
  const sweepsMs = sum((p) => p.wallMs);
  // A wall measured apart (bench-sweep's) may fall a hair short of the sweeps' summed walls: none outside them.
  const outsideSweepsMs = Math.max(0, wallMs - sweepsMs);
  return {
    sweeps: sweeps.length,
    wallMs,
    sweepsMs,
    outsideSweepsMs,
    casesMs: sum((p) => p.casesMs),
    cases: sum((p) => p.cases),
    casesCpuMs: sum((p) => p.casesCpuMs),
    stages,
    otherMs: sum((p) => p.otherMs) + outsideSweepsMs - reportMs,
    cpuMs,
    cpuUtilisation: wallMs > 0 ? cpuMs / (wallMs * cores) : 0,
    // Each sweep's share weighted by its wall time.
    threadBusy: sweepsMs > 0 ? sum((p) => p.threadBusy * p.wallMs) / sweepsMs : 0,
    cores,
    // A sweep that ran no case (its backend unavailable) timed nothing.
    gpuBusySources: [...new Set(sweeps.filter((p) => p.cases > 0).map((p) => p.gpuBusySource))],
    floorMs,
    floorRatio: floorMs > 0 ? wallMs / floorMs : 0,
  };
}
