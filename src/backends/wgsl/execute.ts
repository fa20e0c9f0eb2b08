/**
 * The WGSL backend's GPU half (see output/run.ts): cases recorded into
 * queue submissions, read back, errors pinned to their case. Never throws
 * for a problem of a case: it becomes the case's DeviceRun outcome.
 */
import { CaseGpu } from './context.ts';
import { boundsOutcome } from './case-bounds.ts';
import { instrumentBounds } from '../../wgsl/bounds-check/instrument.ts';
import type { ClosedCase, KernelModule } from './gpu-context.ts';
import { SetupError } from '../../model/setup-error.ts';
import { CaseDeadlineError, Submission } from './submission.ts';
import { WgslCompileError } from './pipelines.ts';
import { WgslReflectError } from '../../wgsl/reflect.ts';
import { gpuSession, takeUncapturedErrors } from './session.ts';
import type { BackendKernel, KernelImplementations } from '../implementations.ts';
import type { DeviceRun } from '../../model/output/run.ts';
import type { WgslSource } from '../../wgsl/source.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The outcome of a kernel's gpu() that threw. */
function thrownRun(kernel: string, e: unknown): DeviceRun {
  if (e instanceof SetupError) return { outcome: 'setup-error', error: message(e) };
  if (e instanceof WgslReflectError) return { outcome: 'compile-error', error: `${kernel}: ${message(e)}` };
  return { outcome: 'gpu-error', error: `${kernel}: gpu() threw: ${message(e)}` };
}

/** A kernel's WGSL implementation: its source and the gpu function that runs it. */
type WgslImplementation<I> = Required<Pick<KernelImplementations<I>, 'wgsl' | 'gpu'>>;

/**
 * The kernel's WGSL implementation. Throws SetupError:
 * `cpp_only: the kernel has no WGSL implementation (wgsl + gpu). Fix: sweep it on a backend it implements`.
 */
function wgslImplementation<I>(k: BackendKernel<I>): WgslImplementation<I> {
  const { wgsl, gpu } = k;
  if (!wgsl || !gpu)
    throw new SetupError(
      `${k.name}: the kernel has no WGSL implementation (wgsl + gpu). Fix: sweep it on a backend it implements`,
    );
  return { wgsl, gpu };
}

/**
 * Runs the GPU half of `inputs`, as many cases per queue submission as fit
 * (see Submission). When a submission fails as a whole — a GPU error, a lost
 * device, the deadline — its cases run again one per submission, so each
 * problem is pinned to the case that has it.
 */
export async function executeGpu<I>(
  k: BackendKernel<I>,
  inputs: readonly I[],
  deadlineMs: number,
  boundsChecked = false,
): Promise<DeviceRun[]> {
  const runs: DeviceRun[] = [];
  const run = { deadlineMs, boundsChecked };
  while (runs.length < inputs.length) runs.push(...(await executeSubmission(k, inputs.slice(runs.length), run)));
  return runs;
}

/**
 * The kernel's modules, compiled (`boundsChecked`: their bounds-checked builds): `''` is its `wgsl`, the others by
 * their name in `modules`. Rejects with WgslCompileError (every error at file:line:col) or SetupError (no WGSL
 * implementation).
 */
export async function compileModules<I>(
  k: BackendKernel<I>,
  session: Awaited<ReturnType<typeof gpuSession>>,
  boundsChecked = false,
): Promise<Map<string, KernelModule>> {
  const sources: Array<readonly [string, WgslSource]> = [
    ['', wgslImplementation(k).wgsl],
    ...Object.entries(k.modules ?? {}),
  ];
  const compiled = await Promise.all(
    sources.map(async ([name, src]) => {
      const label = name ? `${k.name}/${name}` : k.name;
      const bounds = boundsChecked && !src.problem ? instrumentBounds(src) : undefined;
      // The checked build keeps arrayLength as written: its arrays are bound to exactly their data (case-dispatch.ts).
      const module = await session.pipelines.module(label, bounds?.source ?? src, { guarded: !bounds });
      return [name, { src, module, ...(bounds ? { bounds } : {}) }] as const;
    }),
  );
  return new Map(compiled);
}

/** A case recorded into a submission: its context, and what its gpu function returned or threw. */
interface RecordedCase {
  readonly g: CaseGpu;
  readonly closed?: ClosedCase;
  readonly thrown?: unknown;
}

/** Runs the gpu function of cases from the front of `inputs` into `submission` until it is full. */
async function recordCases<I>(
  k: BackendKernel<I>,
  inputs: readonly I[],
  to: {
    readonly session: Awaited<ReturnType<typeof gpuSession>>;
    readonly modules: Map<string, KernelModule>;
    readonly submission: Submission;
    readonly scoped: boolean;
  },
): Promise<RecordedCase[]> {
  const { gpu } = wgslImplementation(k);
  const cases: RecordedCase[] = [];
  for (const input of inputs) {
    if (cases.length && to.submission.full) break;
    const g = new CaseGpu(to.session, k.name, to.modules, to.submission, to.scoped);
    try {
      const returned = await gpu(g, input);
      cases.push({ g, closed: g.close(returned) });
    } catch (e) {
      g.endPass();
      cases.push({ g, thrown: e });
    }
  }
  return cases;
}

/**
 * Records cases from the front of `inputs` until the submission is full,
 * submits, reads back: one DeviceRun per case it took. A submission of several
 * cases goes without per-dispatch error scopes; when it fails, its cases
 * rerun one per submission, scoped, to say which case and dispatch failed.
 */
async function executeSubmission<I>(
  k: BackendKernel<I>,
  inputs: readonly I[],
  run: { readonly deadlineMs: number; readonly boundsChecked: boolean },
): Promise<DeviceRun[]> {
  const { deadlineMs } = run;
  const session = await gpuSession(undefined, k.requires);
  let modules: Map<string, KernelModule>;
  try {
    modules = await compileModules(k, session, run.boundsChecked);
  } catch (e) {
    const run: DeviceRun = {
      outcome: e instanceof WgslCompileError ? 'compile-error' : e instanceof SetupError ? 'setup-error' : 'gpu-error',
      error: message(e),
    };
    return inputs.map(() => run);
  }
  const { device } = session;
  const scoped = inputs.length === 1;
  const submission = new Submission(session, k.name);
  const scopes: GPUErrorFilter[] = ['internal', 'out-of-memory', 'validation'];
  scopes.forEach((s) => device.pushErrorScope(s));
  const cases = await recordCases(k, inputs, { session, modules, submission, scoped });
  let read: Awaited<ReturnType<Submission['submit']>> | undefined;
  let failed: unknown;
  try {
    read = await submission.submit(k.name, deadlineMs);
  } catch (e) {
    failed = e;
  }
  const alone = async () => {
    const runs: DeviceRun[] = [];
    for (const input of inputs.slice(0, cases.length)) runs.push(...(await executeSubmission(k, [input], run)));
    return runs;
  };
  if (failed instanceof CaseDeadlineError) {
    // The device may never come back: drop it (the next submission gets a new one) rather than wait on its error scopes.
    session.lost = 'case deadline passed';
    device.destroy();
    if (!scoped) return alone();
    return [
      { outcome: 'timeout', error: `${failed.message}; the device was dropped and the next case gets a new one` },
    ];
  }
  const perDispatch = (await Promise.all(cases.map((c) => c.g.dispatchValidation()))).flat();
  const popped = (await Promise.all(scopes.map(() => device.popErrorScope()))).filter((e): e is GPUError => e !== null);
  cases.forEach((c) => c.g.release());
  const errors = [...perDispatch, ...popped.map((e) => e.message), ...takeUncapturedErrors(session)].map((e) =>
    e.trim(),
  );
  if (session.lost || errors.length || failed) {
    // A pipeline whose creation failed must be created again by the next case that needs it, so that case's scope sees why.
    for (const m of modules.values()) session.pipelines.forgetModule(m.module);
    if (!scoped) return alone();
  }
  if (session.lost)
    return [
      {
        outcome: 'device-lost',
        error: `${k.name}: the GPU device was lost (${session.lost}); the next case gets a new device`,
      },
    ];
  if (errors.length)
    return [
      {
        outcome: 'gpu-error',
        error: `${k.name}: GPU errors:\n  ${errors.join('\n  ').replace(/\n(?! {2})/g, '\n    ')}`,
      },
    ];
  if (failed || !read)
    return [{ outcome: 'gpu-error', error: `${k.name}: reading the output back failed: ${message(failed)}` }];
  return cases.map((c) =>
    c.closed
      ? (boundsOutcome(k.name, c.closed.bounds, read.reads) ?? readRun(c.g, c.closed, read, read.ms / cases.length))
      : thrownRun(k.name, c.thrown),
  );
}

/** A recorded case's outputs and inputs as read back, with its timing. */
function readRun(
  g: CaseGpu,
  closed: ClosedCase,
  read: Awaited<ReturnType<Submission['submit']>>,
  readbackMs: number,
): DeviceRun {
  const { outputs, inputs: checked, unread, slot, protection } = closed;
  const gpuNs = read.gpuNs(slot);
  return {
    outputs: outputs.map((o) => ({ spec: o.spec, bytes: read.reads[o.read]! })),
    inputs: checked.map((i) => ({
      label: i.input.label,
      uploaded: i.input.uploaded,
      after: read.reads[i.read]!,
      ...(i.input.desc ? { desc: i.input.desc } : {}),
      ...(i.input.element ? { element: i.input.element } : {}),
      ...(i.input.texture ? { texture: i.input.texture } : {}),
    })),
    unread,
    protection,
    uploadMs: g.uploadMs,
    readbackMs,
    ...(gpuNs === undefined ? {} : { gpuNs }),
  };
}
