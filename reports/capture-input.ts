/**
 * A sweep's FailureCapture (surfaces, error maps, canary report) as the
 * failure writer's input. A single-channel, single-level surface
 * (Float32x1: tensors such as im2col's) is a typed buffer of shape
 * [height, width]; every other surface is an image with channels r, g, b, a
 * in logical order, whatever its memory layout.
 */
import { CHANNELS, GUARD_BYTES, channelCount, readCode, type FailureCapture, type Surface } from '../harness/index.ts';
import { storageElement } from './element-kinds.ts';
import { DEFAULT_OUTPUT, optionalField } from './failure-data.ts';
import type { FailureInput, ImageLevelInput, OutputInput } from './failure-input.ts';
import { canaryPicture } from './images.ts';

function codes(s: Surface, level: number): Uint32Array {
  const lv = s.desc.levels[level]!;
  const ch = channelCount(s.desc.format.storage);
  const out = new Uint32Array(lv.width * lv.height * ch);
  for (let y = 0; y < lv.height; y++) {
    for (let x = 0; x < lv.width; x++)
      for (let c = 0; c < ch; c++) out[(y * lv.width + x) * ch + c] = readCode(s, x, y, level, c);
  }
  return out;
}

/** The writer's input for a captured failure. */
export function captureInput(f: FailureCapture): FailureInput {
  const storage = f.expected.desc.format.storage;
  const element = storageElement(storage);
  const channels = CHANNELS.slice(0, channelCount(storage));
  const levels: ImageLevelInput[] = f.maps.map((m) => ({
    level: m.level,
    width: m.width,
    height: m.height,
    expected: codes(f.expected, m.level),
    actual: codes(f.actual, m.level),
    errors: m.errors,
    refused: m.refusedChannels,
  }));
  const judgement = { policy: f.comparison.policy, unit: f.comparison.unit, tolerance: f.comparison.tolerance };
  const canaryLevels = f.canary.pass
    ? []
    : [...new Set(f.canary.violations.map((v) => v.level ?? f.expected.desc.levels.length - 1))];
  const canary = f.canary.pass
    ? {}
    : {
        canary: {
          report: f.canary,
          pictures: canaryLevels.map((level) => ({
            level,
            ...canaryPicture(f.expected.desc, level, f.canary.violations, GUARD_BYTES),
          })),
        },
      };
  const name = optionalField(f, 'output') ?? DEFAULT_OUTPUT;
  const common = { name, format: f.comparison.format, element, ...judgement, ...canary };
  const asBuffer = storage === 'Float32x1' && levels.length === 1;
  const one = levels[0]!;
  const output: OutputInput = asBuffer
    ? {
        kind: 'buffer',
        ...common,
        expected: one.expected,
        actual: one.actual,
        errors: one.errors,
        refused: one.refused,
        shape: [one.height, one.width],
      }
    : {
        kind: 'image',
        ...common,
        channels,
        levels,
        notes: [...(f.comparison.worst ? [f.comparison.worst] : []), ...f.comparison.first].flatMap((v) =>
          v.note ? [{ level: v.level, x: v.x, y: v.y, channel: CHANNELS.indexOf(v.channel), note: v.note }] : [],
        ),
      };
  const backend = optionalField(f, 'backend');
  return {
    kernel: f.kernel,
    ...(backend ? { backend } : {}),
    case: f.case,
    seed: f.seed,
    path: f.path,
    failedOutput: name,
    outputs: [output],
  };
}
