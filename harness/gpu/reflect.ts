/**
 * wgsl_reflect, imported through its ES module build: the package's `main`
 * is a CommonJS file inside a `"type": "module"` package, which Node refuses.
 */
// @ts-expect-error -- the ESM build ships no declarations of its own; its types are the package's.
import * as esm from 'wgsl_reflect/wgsl_reflect.module.js';
import type * as types from 'wgsl_reflect';

export const { WgslReflect } = esm as typeof types;
export type WgslReflect = types.WgslReflect;
export type FunctionInfo = types.FunctionInfo;
