/**
 * A case's inputs as the failure page shows them, decoded, in the same viewer and tables as its outputs: each
 * input becomes an OutputInput whose expected and actual are both its uploaded bytes (nothing refused). A surface
 * buffer is an image of its levels; a texture level an image in its format's channels, a picture per layer or
 * slice; a typed array a buffer of its element type; any other buffer its bytes.
 */
import { GUARD_BYTES } from '../../model/canary.ts';
import { texelElements } from '../../model/compare/texels.ts';
import { ELEMENT_TYPES, elementCodes, type ElementTypeName } from '../../model/elements/element-types.ts';
import type { InputUpload } from '../../model/output/run.ts';
import { CHANNELS, channelCount } from '../../model/surface/format.ts';
import { wrapSurface, type Surface } from '../../model/surface/surface.ts';
import { readCode } from '../../model/surface/texel.ts';
import { elementTypeKind, storageElement } from './element-kinds.ts';
import type { BufferOutputInput, ElementInput, ImageLevelInput, OutputInput } from './failure-input.ts';

/** Every texel's codes of one level of a surface, channels r, g, b, a in logical order. */
export function surfaceCodes(s: Surface, level: number): Uint32Array {
  const lv = s.desc.levels[level]!;
  const ch = channelCount(s.desc.format.storage);
  const out = new Uint32Array(lv.width * lv.height * ch);
  for (let y = 0; y < lv.height; y++) {
    for (let x = 0; x < lv.width; x++)
      for (let c = 0; c < ch; c++) out[(y * lv.width + x) * ch + c] = readCode(s, x, y, level, c);
  }
  return out;
}

/** Codes as an element input nothing was judged in: expected and actual alike, no error, nothing refused. */
function uploadedElements(codes: Uint32Array): ElementInput {
  return {
    expected: codes,
    actual: codes,
    errors: new Float64Array(codes.length),
    refused: new Uint8Array(codes.length),
  };
}

/** What an input's judgement fields say: no policy judged it. */
const AS_UPLOADED = { policy: 'as uploaded', unit: '', tolerance: 0, asUploaded: true } as const;

function surfaceUpload(u: InputUpload & { readonly desc: NonNullable<InputUpload['desc']> }): OutputInput {
  const s = wrapSurface(u.desc, u.uploaded);
  const storage = u.desc.format.storage;
  const levels: ImageLevelInput[] = u.desc.levels.map((l) => ({
    level: l.level,
    width: l.width,
    height: l.height,
    ...uploadedElements(surfaceCodes(s, l.level)),
  }));
  const channels = CHANNELS.slice(0, channelCount(storage));
  return {
    kind: 'image',
    name: u.label,
    format: storage,
    element: storageElement(storage),
    channels,
    levels,
    ...AS_UPLOADED,
  };
}

/** A texture level, one picture per layer or slice; a packed format (rgb10a2unorm), whose channels differ in width, as 32-bit words. */
function textureUpload(u: InputUpload & { readonly texture: NonNullable<InputUpload['texture']> }): OutputInput {
  const t = u.texture;
  let view: ReturnType<typeof texelElements>;
  try {
    view = texelElements(t.format);
  } catch {
    const shape = [...(t.images > 1 ? [t.images] : []), t.height, t.width];
    return typedUpload(u.label, u.uploaded, 'u32', shape, t.format);
  }
  const codes = Uint32Array.from(elementCodes(ELEMENT_TYPES[view.type], u.uploaded));
  const n = t.width * t.height * view.channels.length;
  const levels: ImageLevelInput[] = Array.from({ length: t.images }, (_, k) => ({
    level: t.level,
    ...(t.images > 1 ? { image: { kind: t.dimension === '3d' ? 'slice' : 'layer', index: k } as const } : {}),
    width: t.width,
    height: t.height,
    ...uploadedElements(codes.subarray(k * n, (k + 1) * n)),
  }));
  const element = elementTypeKind(view.type);
  return { kind: 'image', name: u.label, format: t.format, element, channels: view.channels, levels, ...AS_UPLOADED };
}

function typedUpload(
  label: string,
  bytes: Uint8Array,
  type: ElementTypeName,
  shape?: readonly number[],
  format: string = type,
): BufferOutputInput {
  const codes = Uint32Array.from(elementCodes(ELEMENT_TYPES[type], bytes));
  const at = { shape: shape ?? [codes.length] };
  return {
    kind: 'buffer',
    name: label,
    format,
    element: elementTypeKind(type),
    ...at,
    ...uploadedElements(codes),
    ...AS_UPLOADED,
  };
}

/**
 * One input of a failing case as the page shows it. A typed array whose type is unknown (a Float64Array) shows
 * its bytes; so does a byte buffer, without the guard band that follows its data.
 */
export function uploadInput(u: InputUpload): OutputInput {
  if (u.desc) return surfaceUpload({ ...u, desc: u.desc });
  if (u.texture) return textureUpload({ ...u, texture: u.texture });
  const e = u.element;
  if (e?.type) return typedUpload(u.label, u.uploaded.subarray(0, e.count * e.bytes), e.type);
  const dataBytes = e ? e.count * e.bytes : Math.max(0, u.uploaded.length - GUARD_BYTES);
  return typedUpload(u.label, u.uploaded.subarray(0, dataBytes), 'u8');
}
