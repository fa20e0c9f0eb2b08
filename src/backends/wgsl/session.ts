/**
 * The GPU session: one adapter and one device, reused by every case of the
 * process, with its pipeline cache and buffer pool. A lost device is replaced
 * by a new one on the next request.
 */
import type { DeviceInfo } from '../../model/device.ts';
import { requestAdapter } from './adapter.ts';
import { parseAdapterChoice, type AdapterChoice } from './instance.ts';
import { PipelineCache } from './pipelines.ts';
import { BufferPool } from './pool.ts';
import { requiredFeatures } from './features.ts';
import type { DeviceRequirements } from './gpu-context.ts';

export type { DeviceRequirements } from './gpu-context.ts';

/** Cases one submission holds at most: the session's timestamp query set has a begin/end pair for each. */
export const MAX_CASES_PER_SUBMISSION = 64;

export interface GpuSession {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly info: DeviceInfo;
  /** 1 for the first device of the process, +1 for each replacement. */
  readonly generation: number;
  readonly pipelines: PipelineCache;
  readonly pool: BufferPool;
  /** Set when the device is lost: `destroyed` or Dawn's message. */
  lost: string | undefined;
  /** Errors raised outside any error scope since the last {@link takeUncapturedErrors}. */
  readonly uncaptured: string[];
  /** Queue submissions made for cases, and the cases they carried. */
  readonly submitted: { submissions: number; cases: number };
  /** Timestamp queries, a begin/end pair per case of a submission, when the device has timestamp-query. */
  readonly timestamps?: GPUQuerySet;
}

/**
 * The adapter lacks a feature or limit a kernel requires: the kernel's sweep
 * is `unsupported`, never a pass. Message:
 * `needs device feature texture-formats-tier2, which llvmpipe (vulkan) does not offer`.
 */
export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

/** Live sessions, one per distinct set of requirements (the defaults are `''`). */
const sessions = new Map<string, Promise<GpuSession>>();
let generation = 0;

function requirementsKey(r: DeviceRequirements | undefined): string {
  if (!r) return '';
  const features = [...(r.features ?? [])].sort();
  const limits = Object.entries(r.limits ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return features.length || limits.length ? JSON.stringify({ features, limits }) : '';
}

/** What `requires` asks that the adapter does not offer, one line each; empty when it offers everything. */
export function missingRequirements(adapter: GPUAdapter, r: DeviceRequirements | undefined): string[] {
  const missing = (r?.features ?? [])
    .filter((f) => !adapter.features.has(f as GPUFeatureName))
    .map((f) => `device feature ${f}`);
  for (const [name, want] of Object.entries(r?.limits ?? {})) {
    const have = (adapter.limits as unknown as Record<string, number | undefined>)[name];
    if (have === undefined) missing.push(`limit ${name} (unknown to this adapter)`);
    else if (name.startsWith('min') ? have > want : have < want)
      missing.push(`limit ${name} ${want} (the adapter offers ${have})`);
  }
  return missing;
}

/** The adapter choice from `TWINPATH_ADAPTER` (`[backend:]name`). */
export function adapterChoiceFromEnv(): AdapterChoice {
  return parseAdapterChoice(process.env.TWINPATH_ADAPTER);
}

async function open(choice: AdapterChoice, requires: DeviceRequirements | undefined): Promise<GpuSession> {
  const { adapter, info } = await requestAdapter(choice);
  const missing = missingRequirements(adapter, requires);
  if (missing.length)
    throw new UnsupportedError(`needs ${missing.join(', ')}, which ${info.vendor} ${info.device} does not offer`);
  const wanted = [
    ...new Set(['timestamp-query', 'shader-f16', 'float32-filterable', ...requiredFeatures()]),
  ] as GPUFeatureName[];
  const device = await adapter.requestDevice({
    requiredFeatures: [
      ...new Set([
        ...wanted.filter((f) => adapter.features.has(f)),
        ...((requires?.features ?? []) as GPUFeatureName[]),
      ]),
    ],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      ...requires?.limits,
    },
    label: 'twinpath',
  });
  const session: GpuSession = {
    adapter,
    device,
    info,
    generation: ++generation,
    pipelines: new PipelineCache(device),
    pool: new BufferPool(device),
    lost: undefined,
    uncaptured: [],
    submitted: { submissions: 0, cases: 0 },
    ...(device.features.has('timestamp-query')
      ? {
          timestamps: device.createQuerySet({
            type: 'timestamp',
            count: 2 * MAX_CASES_PER_SUBMISSION,
            label: 'twinpath timing',
          }),
        }
      : {}),
  };
  device.lost.then((l) => {
    session.lost = `${l.reason}${l.message ? `: ${l.message}` : ''}`;
  });
  device.onuncapturederror = (e) => {
    session.uncaptured.push(e.error.message);
  };
  return session;
}

/**
 * The live session for a set of device requirements (one device per distinct
 * set, reused), opened on first use and replaced when its device was lost.
 * Rejects with NoAdapterError when there is no adapter (see requestAdapter),
 * with UnsupportedError when the adapter lacks a requirement.
 */
export async function gpuSession(
  choice: AdapterChoice = adapterChoiceFromEnv(),
  requires?: DeviceRequirements,
): Promise<GpuSession> {
  const key = requirementsKey(requires);
  const current = sessions.get(key);
  if (current) {
    const s = await current.catch((e: unknown) => (e instanceof UnsupportedError ? e : undefined));
    if (s instanceof UnsupportedError) throw s;
    if (s && !s.lost) return s;
  }
  const opened = open(choice, requires);
  sessions.set(key, opened);
  return opened;
}

/** Empties and returns the session's uncaptured errors. */
export function takeUncapturedErrors(s: GpuSession): string[] {
  return s.uncaptured.splice(0);
}

/** Destroys every session's device; the next request opens a new one. */
export function closeSessions(): void {
  for (const s of sessions.values()) s.then((session) => session.device.destroy()).catch(() => undefined);
  sessions.clear();
}
