/**
 * Bindings by WGSL name: reflection (wgsl_reflect) says which group and
 * binding each variable of an entry point has, of what kind and type, and
 * whether the kernel sizes itself from it (`arrayLength(&x)`), which decides
 * how much of its guard band the binding spans.
 */
import { arrayLengthGuards, type LengthGuard } from '../../wgsl/array-length.ts';
import { reflectSource, type FunctionInfo } from '../../wgsl/reflect.ts';
import { SetupError } from '../../model/setup-error.ts';
import { wgslMessage, type WgslSource } from '../../wgsl/source.ts';
import type { TypeInfo, VariableInfo } from 'wgsl_reflect';

/** The kinds a binding can have, as the WGSL declares them. */
export type BindingKind = 'uniform' | 'storage' | 'texture' | 'sampler' | 'storage-texture';

/** wgsl_reflect's ResourceType codes, as binding kinds. */
const RESOURCE_KIND: Record<number, BindingKind> = {
  0: 'uniform',
  1: 'storage',
  2: 'uniform',
  3: 'texture',
  4: 'sampler',
  5: 'storage-texture',
};

/** What a dispatch can bind: a kind, for the check against the WGSL, and a label for messages. */
export interface Bindable {
  readonly kind: 'surface' | 'storage' | 'uniform' | 'texture' | 'storage-texture' | 'sampler';
  readonly label: string;
}

/** One resolved binding of a dispatch. */
export interface ResolvedBinding<B extends Bindable> {
  readonly group: number;
  readonly binding: number;
  /** The WGSL variable's name as its author wrote it (`common::io::params` for a module's variable). */
  readonly variable: string;
  readonly given: B;
  /**
   * The kernel sizes itself from this binding with `arrayLength(&x)`, rewritten to exclude the guard band: the
   * binding spans the data and exactly these whole elements of guard band.
   */
  readonly lengthGuard?: LengthGuard;
  /** `read`, `read_write` or `write` (storage), empty otherwise. */
  readonly access: string;
  /** A storage texture's type, format and access as the WGSL declares them (`texture_storage_2d`, `rgba16float`, `read_write`). */
  readonly storageTexture?: StorageTextureType;
}

/**
 * The @compute entry point `name` of a source. Throws SetupError:
 * `blur: no @compute entry point 'blurr' in its WGSL (it has: blur_h, blur_v)`.
 */
export function computeEntry(kernel: string, src: WgslSource, name: string): FunctionInfo {
  const entries = reflectSource(src).entry.compute;
  const e = entries.find((f) => f.name === name);
  if (!e)
    throw new SetupError(
      `${kernel}: no @compute entry point '${name}' in its WGSL (it has: ${entries.map((f) => f.name).join(', ') || 'none'})`,
    );
  return e;
}

function typeText(t: TypeInfo | null | undefined): string {
  if (!t) return '?';
  const x = t as TypeInfo & { format?: TypeInfo | null; access?: string; count?: number };
  if (t.isArray) return x.count ? `array<${typeText(x.format)}, ${x.count}>` : `array<${typeText(x.format)}>`;
  if (t.isTemplate && x.format) return `${t.name}<${typeText(x.format)}${x.access ? `, ${x.access}` : ''}>`;
  return t.name;
}

/**
 * `@group(1) @binding(0) pixels: storage, read_write array<f32>` — a variable as error messages list it,
 * imported names as written (`twinpath::texture::TextureDesc`).
 */
export function describeVariable(src: WgslSource, v: VariableInfo): string {
  const kind = RESOURCE_KIND[v.resourceType] ?? 'storage';
  return wgslMessage(
    src,
    `@group(${v.group}) @binding(${v.binding}) ${v.name}: ${kind}${v.access && kind === 'storage' ? `, ${v.access}` : ''} ${typeText(v.type)}`,
  );
}

/** An entry point's variable, in group and binding order, with what a dispatch checks of it. */
interface PlannedVariable {
  readonly v: VariableInfo;
  /** The name as its author wrote it: `params` in the kernel's file, `common::io::params` from module `common::io`. */
  readonly name: string;
  /** The last part of `name` (`params`): a dispatch may bind an imported variable by it where no other has it. */
  readonly short: string;
  readonly wants: BindingKind;
  readonly lengthGuard: LengthGuard | undefined;
  readonly storageTexture?: StorageTextureType;
}

/** `texture_storage_2d<rgba16float, read_write>` as the WGSL declares it: its type, format and access. */
export interface StorageTextureType {
  /** The type's name without its parameters: `texture_storage_2d`, `texture_storage_2d_array`. */
  readonly type: string;
  readonly format: string;
  readonly access: string;
}

/** `texture_storage_2d<rgba16float, read_write>`: its type, format and access. */
function storageTextureOf(v: VariableInfo): StorageTextureType | undefined {
  const t = v.type as TypeInfo & { format?: TypeInfo | null; access?: string };
  return v.resourceType === 5 && t.format
    ? { type: t.name, format: t.format.name, access: t.access || 'write' }
    : undefined;
}

/** Per entry point (of one source): its variables, decided once, so a dispatch only looks its bindings up. */
const plans = new WeakMap<FunctionInfo, readonly PlannedVariable[]>();

function plan(src: WgslSource, e: FunctionInfo): readonly PlannedVariable[] {
  let p = plans.get(e);
  if (!p) {
    const guards = arrayLengthGuards(src);
    p = [...e.resources]
      .sort((a, b) => a.group - b.group || a.binding - b.binding)
      .map((v) => {
        const st = storageTextureOf(v);
        const name = src.names.get(v.name) ?? v.name;
        return {
          v,
          name,
          short: name.slice(name.lastIndexOf(':') + 1),
          wants: RESOURCE_KIND[v.resourceType] ?? 'storage',
          lengthGuard: guards.get(v.name),
          ...(st ? { storageTexture: st } : {}),
        };
      });
    plans.set(e, p);
  }
  return p;
}

const bufferKinds = new Set(['surface', 'storage']);

function kindOf(b: Bindable): BindingKind {
  return bufferKinds.has(b.kind) ? 'storage' : (b.kind as BindingKind);
}

/**
 * The variable a name given to a dispatch binds: the one whose name as
 * written is `key`, else the one imported variable whose last part is `key`.
 * A problem when none or several are: `params is ambiguous in main: it may be
 * common::io::params or extra::params; give the qualified name`.
 */
function variableFor(
  planned: readonly PlannedVariable[],
  key: string,
  entry: string,
): PlannedVariable | { readonly problem: string } {
  const exact = planned.find((p) => p.name === key);
  if (exact) return exact;
  const byShort = planned.filter((p) => p.short === key);
  if (byShort.length === 1) return byShort[0]!;
  if (byShort.length === 0) return { problem: `${key} is not a variable of ${entry}` };
  const names = byShort.map((p) => p.name);
  const candidates = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return { problem: `${key} is ambiguous in ${entry}: it may be ${candidates}; give the qualified name` };
}

/**
 * Matches the bindings given to a dispatch with the entry point's variables:
 * by WGSL name (any group; a variable of an imported module by its qualified
 * name `common::io::params`, or by `params` where no other variable of the
 * entry point has that name), or — an array — by position in @group(0).
 * Throws SetupError naming every problem and listing the entry point's
 * variables with their types, names as written (never composed ones):
 * ```
 * blur: bindings for entry point 'blur_h' do not match its WGSL:
 *   pixel is not a variable of blur_h
 *   src (texture) is not given
 * blur_h uses:
 *   @group(0) @binding(0) src: texture texture_2d<f32>
 *   @group(0) @binding(1) common::io::params: uniform Params
 *   …
 * Fix: give every variable the entry point uses, by its WGSL name.
 * ```
 */
export function resolveBindings<B extends Bindable>(
  kernel: string,
  src: WgslSource,
  e: FunctionInfo,
  given: Readonly<Record<string, B>> | readonly B[],
): ResolvedBinding<B>[] {
  const planned = plan(src, e);
  const problems: string[] = [];
  /** Values given for no variable, named after the variables' own problems. */
  const unused: string[] = [];
  const resolved: ResolvedBinding<B>[] = [];
  const positional = Array.isArray(given);
  const named = new Map<PlannedVariable, { readonly key: string; readonly b: B }>();
  if (positional) {
    (given as readonly B[]).forEach((b, i) => {
      if (b && !planned.some((p) => p.v.group === 0 && p.v.binding === i))
        unused.push(`binding ${i} (${b.label}) is given but entry point '${e.name}' uses no @group(0) @binding(${i})`);
    });
  } else {
    for (const [key, b] of Object.entries(given as Record<string, B>)) {
      if (!b) continue;
      const p = variableFor(planned, key, e.name);
      if ('problem' in p) unused.push(p.problem);
      else if (named.has(p)) problems.push(`${p.name} is given twice, as ${named.get(p)!.key} and as ${key}`);
      else named.set(p, { key, b });
    }
  }
  for (const p of planned) {
    const { v, wants } = p;
    const where = positional ? `@group(${v.group}) @binding(${v.binding}) ` : '';
    const b = positional ? (v.group === 0 ? (given as readonly B[])[v.binding] : undefined) : named.get(p)?.b;
    if (!b) {
      problems.push(`${where}${p.name} (${wants}) is not given`);
      continue;
    }
    if (kindOf(b) !== wants) {
      const given = `${b.kind}${bufferKinds.has(b.kind) || b.kind === 'uniform' ? ' buffer' : ''} (${b.label})`;
      problems.push(`${where}${p.name} is ${wants} in the WGSL but a ${given} was given`);
      continue;
    }
    resolved.push({
      group: v.group,
      binding: v.binding,
      variable: p.name,
      given: b,
      ...(p.lengthGuard ? { lengthGuard: p.lengthGuard } : {}),
      access: v.access,
      ...(p.storageTexture ? { storageTexture: p.storageTexture } : {}),
    });
  }
  problems.push(...unused);
  if (problems.length) {
    const fix = positional
      ? 'pass bindings in @binding order of @group(0), or by WGSL name'
      : 'give every variable the entry point uses, by its WGSL name';
    const uses = planned.map((p) => describeVariable(src, p.v)).join('\n  ') || '(no resources)';
    throw new SetupError(
      `${kernel}: bindings for entry point '${e.name}' do not match its WGSL:\n  ${problems.join('\n  ')}\n` +
        `${e.name} uses:\n  ${uses}\nFix: ${fix}.`,
    );
  }
  return resolved;
}
