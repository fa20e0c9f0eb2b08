/**
 * The GPU session: one adapter and one device, reused by every case of the
 * process, with its pipeline cache and buffer pool. A lost device is replaced
 * by a new one on the next request.
 */
import { requestAdapter, type AdapterInfo } from './adapter.ts';
import { parseAdapterChoice, type AdapterChoice } from './instance.ts';
import { PipelineCache } from './pipelines.ts';
import { BufferPool } from './pool.ts';
import { requiredFeatures } from './features.ts';
import { MAX_CASES_PER_SUBMISSION } from './submission.ts';

export interface GpuSession {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly info: AdapterInfo;
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

let current: Promise<GpuSession> | undefined;
let generation = 0;

/** The adapter choice from `TWINPATH_ADAPTER` (`[backend:]name`). */
export function adapterChoiceFromEnv(): AdapterChoice {
  return parseAdapterChoice(process.env.TWINPATH_ADAPTER);
}

async function open(choice: AdapterChoice): Promise<GpuSession> {
  const { adapter, info } = await requestAdapter(choice);
  const wanted = [...new Set(['timestamp-query', 'shader-f16', 'float32-filterable', ...requiredFeatures()])] as GPUFeatureName[];
  const device = await adapter.requestDevice({
    requiredFeatures: wanted.filter((f) => adapter.features.has(f)),
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
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
    ...(device.features.has('timestamp-query') ? { timestamps: device.createQuerySet({ type: 'timestamp', count: 2 * MAX_CASES_PER_SUBMISSION, label: 'twinpath timing' }) } : {}),
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
 * The live session, opened on first use and replaced when its device was lost.
 * Rejects with NoAdapterError when there is no adapter (see requestAdapter).
 */
export async function gpuSession(choice: AdapterChoice = adapterChoiceFromEnv()): Promise<GpuSession> {
  if (current) {
    const s = await current.catch(() => undefined);
    if (s && !s.lost) return s;
  }
  current = open(choice);
  return current;
}

/** Empties and returns the session's uncaptured errors. */
export function takeUncapturedErrors(s: GpuSession): string[] {
  return s.uncaptured.splice(0);
}
