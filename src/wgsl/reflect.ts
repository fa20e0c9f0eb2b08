/**
 * wgsl_reflect, imported through its ES module build: the package's `main`
 * is a CommonJS file inside a `"type": "module"` package, which Node refuses.
 */
// @ts-expect-error -- the ESM build ships no declarations of its own; its types are the package's.
import * as esm from 'wgsl_reflect/wgsl_reflect.module.js';
import type * as types from 'wgsl_reflect';
import { formatPosition, originOf, type LineOrigin } from './line-map.ts';

export const { WgslReflect } = esm as typeof types;
export type WgslReflect = types.WgslReflect;
export type FunctionInfo = types.FunctionInfo;

/** WGSL that wgsl_reflect cannot parse, at the line as written. */
export class WgslReflectError extends Error {
  override name = 'WgslReflectError';
}

/**
 * wgsl_reflect's parse error (a string `Invalid syntax at line 12`, or an
 * Error `Expected name for struct.. Line: 12`) with the line mapped to the file
 * that has it: `wgsl_reflect cannot parse the WGSL: kernels/k/common/tone.wgsl:3: Expected name for struct`.
 */
export function reflectError(e: unknown, lines: readonly LineOrigin[]): WgslReflectError {
  const text = e instanceof Error ? e.message : String(e);
  const m = /^(.*?)[.\s]*(?:at line|Line:)\s*(\d+)\s*$/.exec(text);
  const where = m ? `${formatPosition(originOf(lines, Number(m[2])))}: ${m[1]}` : text;
  return new WgslReflectError(`wgsl_reflect cannot parse the WGSL: ${where}`);
}

const reflections = new Map<string, WgslReflect>();

/** The reflection of composed WGSL, parsed once per code; throws {@link WgslReflectError}. */
export function reflectSource(src: { readonly code: string; readonly lines: readonly LineOrigin[] }): WgslReflect {
  let r = reflections.get(src.code);
  if (!r) {
    try {
      r = new WgslReflect(src.code);
    } catch (e) {
      throw reflectError(e, src.lines);
    }
    reflections.set(src.code, r);
  }
  return r;
}
