/** Element formats: buffer element types, shapes, texture formats, their codecs and copy pitches. */
export {
  F16,
  UFLOAT11,
  UFLOAT10,
  decodeSmallFloat,
  encodeSmallFloat,
  quietNaNCode,
  smallFloatBits,
  type SmallFloat,
} from './small-float.ts';
export {
  scalarCodec,
  isFloatCodec,
  floatUlpDistance,
  srgbToLinear,
  linearToSrgb,
  type ScalarCodec,
  type ScalarKind,
} from './scalar.ts';
export {
  ELEMENT_TYPES,
  elementType,
  storageElement,
  readElementCode,
  elementCodes,
  writeElementCode,
  elementBytes,
  type ElementType,
  type ElementTypeName,
  type ElementData,
} from './element-types.ts';
export {
  shapeOf,
  channelNames,
  shapeSize,
  checkShape,
  elementLocation,
  renderLocation,
  type ElementShape,
  type ElementLocation,
} from './shape.ts';
export {
  TEXTURE_FORMATS,
  textureFormat,
  logicalChannels,
  wgslSampledType,
  storageSupport,
  type TextureFormatInfo,
  type TexelChannel,
  type TexelChannelName,
  type TextureSampleType,
  type StorageAccess,
  type FeatureStorage,
} from './texture-formats.ts';
export { texelCodes, decodeTexel, encodeTexel, writeTexelCodes } from './texel-codec.ts';
export { texelChange, type TexelLevel } from './texel-change.ts';
export { COPY_BYTES_PER_ROW_ALIGNMENT, copyLayout, unpadRows, padRows, type CopyLayout } from './row-pitch.ts';
