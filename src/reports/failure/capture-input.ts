/**
 * A sweep's FailureCapture as the failure writer's input: one decision per
 * output kind, in outputInput. A surface is an image with channels r, g, b,
 * a in logical order, whatever its memory layout — except a single-channel,
 * single-level one (Float32x1: tensors such as im2col's), a typed buffer of
 * shape [height, width]. A typed-buffer output is a buffer of its own shape,
 * its channel axis named where the shape has one ([h, w, 3]: r, g, b; a
 * 1-channel or flat buffer has none). A texture output is an image in its
 * format's channels (memory order), one picture per array layer or depth slice.
 */
import { CHANNELS, channelCount } from '../../model/surface/format.ts';
import { ELEMENT_TYPES } from '../../model/elements/element-types.ts';
import { GUARD_BYTES, type CanaryReport } from '../../model/canary.ts';
import type {
  CapturedElements,
  CapturedOutput,
  CapturedSurface,
  FailureCapture,
} from '../../core/sweep/failure-listeners.ts';
import type { ElementOutputSpec, TextureOutputSpec } from '../../model/output/spec.ts';
import { surfaceCodes, uploadInput } from './case-inputs.ts';
import { elementTypeKind, storageElement } from './element-kinds.ts';
import type { CanaryInput, FailureInput, ImageLevelInput, OutputInput, ValueNote } from './failure-input.ts';
import { bufferCanaryPicture, canaryPicture } from './images.ts';

const judgementOf = (o: CapturedOutput) => ({
  name: o.name,
  outcome: o.outcome,
  policy: o.comparison.policy,
  unit: o.comparison.unit,
  tolerance: o.comparison.tolerance,
});

function surfaceInput(o: CapturedSurface): OutputInput {
  const storage = o.expected.desc.format.storage;
  const levels: ImageLevelInput[] = o.maps.map((m) => ({
    level: m.level,
    width: m.width,
    height: m.height,
    expected: surfaceCodes(o.expected, m.level),
    actual: surfaceCodes(o.actual, m.level),
    errors: m.errors,
    refused: m.refusedChannels,
    notes: m.notes,
  }));
  const canaryLevels = [...new Set(o.canary.violations.map((v) => v.level ?? o.expected.desc.levels.length - 1))];
  const canary: { canary?: CanaryInput } = o.canary.pass
    ? {}
    : {
        canary: {
          report: o.canary,
          pictures: canaryLevels.map((level) => ({
            level,
            ...canaryPicture(o.expected.desc, level, o.canary.violations, GUARD_BYTES),
          })),
        },
      };
  const common = { ...judgementOf(o), format: o.comparison.format, element: storageElement(storage), ...canary };
  const one = levels[0]!;
  if (storage === 'Float32x1' && levels.length === 1)
    return {
      kind: 'buffer',
      ...common,
      expected: one.expected,
      actual: one.actual,
      errors: one.errors,
      refused: one.refused,
      ...(one.notes ? { notes: one.notes } : {}),
      shape: [one.height, one.width],
    };
  const c = o.comparison;
  const notes: ValueNote[] = [...(c.worst ? [c.worst] : []), ...c.first].flatMap((v) =>
    v.note ? [{ level: v.level, x: v.x, y: v.y, channel: CHANNELS.indexOf(v.channel), note: v.note }] : [],
  );
  return { kind: 'image', ...common, channels: CHANNELS.slice(0, channelCount(storage)), levels, notes };
}

/** A typed buffer's guard band violations with the memory map of data and guard band. */
function bufferCanary(canary: CanaryReport, count: number, bytes: number, guardBytes: number): CanaryInput {
  const dataBytes = count * bytes;
  return {
    report: canary,
    pictures: [{ level: 0, ...bufferCanaryPicture(dataBytes, dataBytes + guardBytes, canary.violations) }],
    elements: { count, bytes },
  };
}

function bufferInput(o: CapturedElements, spec: ElementOutputSpec): OutputInput {
  const type = ELEMENT_TYPES[o.comparison.elementType];
  const m = o.map;
  const canary = o.canary.pass
    ? {}
    : { canary: bufferCanary(o.canary, m.expected.length, type.bytes, spec.guardBytes) };
  return {
    kind: 'buffer',
    ...judgementOf(o),
    format: type.name,
    element: elementTypeKind(type.name),
    ...canary,
    expected: m.expected,
    actual: m.actual,
    errors: m.errors,
    refused: m.refused,
    ...(m.dontCare ? { dontCare: m.dontCare } : {}),
    notes: m.notes,
    shape: spec.shape,
    ...(o.channels ? { channels: o.channels } : {}),
  };
}

function textureInput(o: CapturedElements, spec: TextureOutputSpec): OutputInput {
  const channels = o.channels ?? ['r'];
  const n = spec.width * spec.height * channels.length;
  const m = o.map;
  const levels: ImageLevelInput[] = Array.from({ length: spec.images }, (_, k) => {
    const slice = <T extends Uint32Array | Float64Array | Uint8Array>(a: T): T => a.subarray(k * n, (k + 1) * n) as T;
    return {
      level: spec.level ?? 0,
      ...(spec.images > 1 ? { image: { kind: spec.volume ? 'slice' : 'layer', index: k } as const } : {}),
      width: spec.width,
      height: spec.height,
      expected: slice(m.expected),
      actual: slice(m.actual),
      errors: slice(m.errors),
      refused: slice(m.refused),
      ...(m.dontCare ? { dontCare: slice(m.dontCare) } : {}),
      notes: new Map([...m.notes].filter(([i]) => i >= k * n && i < (k + 1) * n).map(([i, note]) => [i - k * n, note])),
    };
  });
  return {
    kind: 'image',
    ...judgementOf(o),
    format: spec.format,
    element: elementTypeKind(o.comparison.elementType),
    channels,
    levels,
  };
}

/**
 * What one captured output becomes in the report: the only place that
 * decides it, for every output kind the engine produces.
 */
export function outputInput(o: CapturedOutput): OutputInput {
  if (o.kind === 'surface') return surfaceInput(o);
  return o.spec.kind === 'texture' ? textureInput(o, o.spec) : bufferInput(o, o.spec);
}

/**
 * The writer's input for a captured failure: every output of the case, the bindings' protection, changed inputs,
 * and every input as uploaded.
 */
export function captureInput(f: FailureCapture): FailureInput {
  return {
    kernel: f.kernel,
    backend: f.backend,
    case: f.case,
    seed: f.seed,
    path: f.path,
    outcome: f.outcome,
    ...(f.failedOutput ? { failedOutput: f.failedOutput } : {}),
    outputs: f.outputs.map(outputInput),
    protection: f.protection,
    ...(f.inputChanges ? { inputChanges: f.inputChanges } : {}),
    ...(f.inputs.length ? { inputs: f.inputs.map(uploadInput) } : {}),
  };
}
