/**
 * The failure listener: for a sweep's shrunk failure, writes under
 * `<report>/failures/<kernel>[--<backend>]/` one folder per output with its
 * pictures (per level) and canary memory maps, and the failure's data as
 * `failure.json` and `failure.js` (the page loads the latter when the
 * failure is opened).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FailureArtifacts, FailureCapture } from '../../core/sweep/failure-listeners.ts';
import { captureInput } from './capture-input.ts';
import { decodeElement, hexElement } from './element-kinds.ts';
import {
  base64,
  failureFolder,
  failureScript,
  type BufferOutputData,
  type BufferRow,
  type CanaryData,
  type ElementArrays,
  type FailureFile,
  type ImageOutputData,
  type OutputData,
} from './failure-data.ts';
import type {
  BufferOutputInput,
  CanaryInput,
  ElementInput,
  FailureInput,
  ImageLevelInput,
  ImageOutputInput,
  OutputInput,
} from './failure-input.ts';
import {
  dontCareTexel,
  elementHistogram,
  levelStats,
  refusedValues,
  worstIndices,
  type ElementAt,
} from './failure-stats.ts';
import { displayMapping, levelPictures, png } from './images.ts';
import { inside, safeName } from './safe-name.ts';
import { DEFAULT_BACKEND } from '../../backends/registry.ts';

/** Levels up to this many texels carry their values for the page's viewer and inspector; larger ones, pictures only. */
export const VIEWER_TEXELS = 65536;

/** Elements shown either side of a worst element in a buffer's table. */
const WINDOW = 6;

/** Elements of an input buffer its table shows, from its first (the viewer shows an image input whole). */
const INPUT_ROWS = 32;

const ROLES = ['expected', 'actual', 'mask', 'heatmap', 'diff', 'pixelmatch'] as const;

function elementArrays(e: ElementInput): ElementArrays {
  return {
    expected: base64(e.expected),
    actual: base64(e.actual),
    errors: base64(Float32Array.from(e.errors)),
    refused: base64(e.refused),
    ...(e.dontCare ? { dontCare: base64(e.dontCare) } : {}),
  };
}

/** Coordinate names and coordinates of a buffer's elements: [h, w, c] with named channels gives (x, y, channel). */
function bufferAxes(o: BufferOutputInput): { axes: string[]; at: (i: number) => number[] } {
  const shape = o.shape ?? [o.expected.length];
  if (shape.length === 1) return { axes: ['index'], at: (i) => [i] };
  const named = (o.channels?.length ?? 0) > 1 && o.channels!.length === shape[shape.length - 1];
  const spatial = named ? shape.length - 1 : shape.length;
  const axes = [
    ...['x', 'y', 'z'].slice(0, spatial),
    ...Array.from({ length: Math.max(0, spatial - 3) }, (_, k) => `d${k + 3}`),
    ...(named ? ['channel'] : []),
  ];
  return {
    axes,
    at: (i) => {
      const coords: number[] = [];
      let rest = i;
      for (let d = shape.length - 1; d >= 0; d--) {
        coords.push(rest % shape[d]!);
        rest = Math.floor(rest / shape[d]!);
      }
      return named ? [...coords.slice(1), coords[0]!] : coords;
    },
  };
}

class FailureFiles {
  readonly artifacts: Record<string, string> = {};
  constructor(
    private readonly dir: string,
    readonly base: string,
  ) {}

  /** Writes `<base>/<relative>` and records it as artifact `key`; returns the path relative to the report. */
  write(key: string, relative: string, data: string | Buffer): string {
    const rel = `${this.base}/${relative}`;
    const full = inside(this.dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    this.artifacts[key] = rel;
    return rel;
  }
}

function canaryData(files: FailureFiles, folder: string, c: CanaryInput | undefined): { canary?: CanaryData } {
  if (!c) return {};
  const pictures = c.pictures.map((p) => ({
    level: p.level,
    width: p.width,
    height: p.height,
    file: files.write(
      `${folder}.level${p.level}.canary`,
      `${folder}/level${p.level}-canary.png`,
      png(p.rgba, p.width, p.height),
    ),
  }));
  const elements = c.elements ? { elements: c.elements } : {};
  return { canary: { corruptBytes: c.report.corruptBytes, ...elements, violations: c.report.violations, pictures } };
}

/** `level1`, `level0-layer2`: a level's (or one image of it) name in file names and artifact keys. */
function levelKey(l: ImageLevelInput): string {
  return `level${l.level}${l.image ? `-${l.image.kind}${l.image.index}` : ''}`;
}

/** The folder of an output's pictures, or of an input's (`input-<label>`, apart from outputs of the same name). */
const folderOf = (o: { readonly name: string; readonly asUploaded?: true }) =>
  `${o.asUploaded ? 'input-' : ''}${safeName(o.name)}`;

function imageOutput(files: FailureFiles, o: ImageOutputInput): ImageOutputData {
  const folder = folderOf(o);
  const ch = o.channels.length;
  const levels = o.levels.map((l) => {
    const pics = levelPictures(l, o.element, o.channels, o.tolerance);
    const key = levelKey(l);
    // An input has one picture, as uploaded (its role `actual`): nothing was compared.
    const pictures = Object.fromEntries(
      (o.asUploaded ? (['actual'] as const) : ROLES).map((role) => [
        role,
        files.write(`${folder}.${key}.${role}`, `${folder}/${key}-${role}.png`, png(pics[role], l.width, l.height)),
      ]),
    );
    let dontCareTexels = 0;
    for (let i = 0; i < l.width * l.height; i++) if (dontCareTexel(l, i, ch)) dontCareTexels++;
    return {
      ...levelStats(l, o.channels, o.tolerance),
      files: pictures,
      pixelmatchCount: pics.pixelmatchCount,
      dontCareTexels,
      ...(l.image ? { image: l.image } : {}),
      ...(l.width * l.height <= VIEWER_TEXELS ? { data: elementArrays(l) } : {}),
    };
  });
  const note = (level: number, x: number, y: number, c: number) =>
    o.notes?.find((n) => n.level === level && n.x === x && n.y === y && n.channel === c)?.note;
  const values = refusedValues(
    o.levels.map((l) => ({
      e: l,
      locate: (i): ElementAt => {
        const [t, c] = [Math.floor(i / ch), i % ch];
        const [x, y] = [t % l.width, Math.floor(t / l.width)];
        const n = note(l.level, x, y, c);
        return {
          index: i,
          level: l.level,
          at: l.image ? [x, y, l.image.index] : [x, y],
          ...(ch > 1 ? { channel: o.channels[c]! } : {}),
          ...(n ? { note: n } : {}),
        };
      },
    })),
    o.element,
    o,
  );
  const histogram = levels.reduce<number[]>(
    (h, l) => h.map((v, k) => v + l.histogram[k]!),
    levels[0]?.histogram.map(() => 0) ?? [],
  );
  const compared = o.levels.reduce((n, l) => n + l.errors.length - (l.dontCare?.reduce((s, v) => s + v, 0) ?? 0), 0);
  const mismatches = o.levels.reduce((n, l) => n + l.refused.reduce((s, v) => s + v, 0), 0);
  return {
    kind: 'image',
    name: o.name,
    format: o.format,
    element: o.element,
    channels: o.channels,
    policy: o.policy,
    unit: o.unit,
    tolerance: o.tolerance,
    compared,
    mismatches,
    ...values,
    histogram,
    mapping: displayMapping(o.element, o.channels),
    levels,
    ...canaryData(files, folder, o.canary),
    ...(o.outcome ? { outcome: o.outcome } : {}),
    ...(o.asUploaded ? { asUploaded: true } : {}),
  };
}

function bufferOutput(files: FailureFiles, o: BufferOutputInput): BufferOutputData {
  const { axes, at } = bufferAxes(o);
  const count = o.expected.length;
  const named = axes[axes.length - 1] === 'channel';
  const locate = (i: number): ElementAt => ({
    index: i,
    at: at(i),
    ...(named ? { channel: o.channels![i % o.channels!.length]! } : {}),
  });
  const row = (i: number): BufferRow => ({
    index: i,
    at: at(i),
    expectedHex: hexElement(o.element, o.expected[i]!),
    actualHex: hexElement(o.element, o.actual[i]!),
    expectedValue: decodeElement(o.element, o.expected[i]!),
    actualValue: decodeElement(o.element, o.actual[i]!),
    error: o.errors[i]!,
    refused: o.refused[i] === 1,
    dontCare: o.dontCare?.[i] === 1,
  });
  // Each element is listed once: a later window stops where an earlier one's rows begin.
  const shown = new Set<number>();
  // An input has no error to centre on: its table is its first INPUT_ROWS elements.
  const centers = o.asUploaded ? (count ? [0] : []) : worstIndices(o, 4);
  const reach = o.asUploaded ? INPUT_ROWS - 1 : WINDOW;
  const windows = centers.flatMap((center) => {
    if (shown.has(center)) return [];
    let [from, to] = [center, center];
    while (from > Math.max(0, center - WINDOW) && !shown.has(from - 1)) from--;
    while (to < Math.min(count - 1, center + reach) && !shown.has(to + 1)) to++;
    const rows: BufferRow[] = [];
    for (let i = from; i <= to; i++) {
      shown.add(i);
      rows.push(row(i));
    }
    return [{ center, rows }];
  });
  return {
    kind: 'buffer',
    name: o.name,
    format: o.format,
    element: o.element,
    channels: o.channels ?? [],
    policy: o.policy,
    unit: o.unit,
    tolerance: o.tolerance,
    compared: count - (o.dontCare?.reduce((s, v) => s + v, 0) ?? 0),
    mismatches: o.refused.reduce((s, v) => s + v, 0),
    ...refusedValues([{ e: o, locate }], o.element, o),
    histogram: elementHistogram(o, o.tolerance),
    count,
    ...(o.shape ? { shape: o.shape } : {}),
    axes,
    windows,
    dontCareElements: o.dontCare?.reduce((s, v) => s + v, 0) ?? 0,
    ...canaryData(files, folderOf(o), o.canary),
    ...(o.outcome ? { outcome: o.outcome } : {}),
    ...(o.asUploaded ? { asUploaded: true } : {}),
  };
}

/**
 * Writes a failure's folder; returns its files by role (`<output>.level1.heatmap`,
 * `json`, `script`), relative to `dir`.
 */
export function writeFailure(dir: string, f: FailureInput): FailureArtifacts {
  const files = new FailureFiles(dir, failureFolder(f.kernel, f.backend));
  const data = (o: OutputInput): OutputData => (o.kind === 'image' ? imageOutput(files, o) : bufferOutput(files, o));
  const outputs = f.outputs.map(data);
  const file: FailureFile = {
    id: files.base,
    kernel: f.kernel,
    backend: f.backend ?? DEFAULT_BACKEND,
    case: f.case,
    seed: f.seed,
    path: f.path,
    ...(f.outcome ? { outcome: f.outcome } : {}),
    failedOutput: f.failedOutput ?? f.outputs[0]?.name ?? '',
    outputs,
    ...(f.protection ? { protection: f.protection } : {}),
    ...(f.inputChanges ? { inputChanges: f.inputChanges } : {}),
    ...(f.inputs ? { inputs: f.inputs.map(data) } : {}),
  };
  files.write('json', 'failure.json', JSON.stringify(file));
  files.write('script', 'failure.js', failureScript(file));
  return files.artifacts;
}

/** The listener: writes into the folder `reportDir()` names when a failure comes. */
export function failureWriter(reportDir: () => string): (f: FailureCapture) => FailureArtifacts {
  return (f) => writeFailure(reportDir(), captureInput(f));
}
