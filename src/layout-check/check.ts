/**
 * The three-way layout check: a struct as declared in TS, as reflected from
 * the WGSL source (wgsl_reflect), and as the GPU reads it (probe.ts). Any
 * disagreement — name, order, offset, size, total size — and, in the uniform
 * address space, any broken uniform rule fails the check.
 */
import { probeLayout, type AddressSpace } from './probe.ts';
import { reflectStructs } from './reflected.ts';
import { layoutStruct } from '../model/layout/rules.ts';
import type { StructDecl, WgslType } from '../model/layout/types.ts';

/** A runtime-sized array has size 0 in the layout; the probe reads two elements of it. */
const isRuntimeArray = (t: WgslType) => t.kind === 'array' && t.count === undefined;
import { renderUniformViolation, uniformViolations, type UniformViolation } from '../model/layout/uniform.ts';

export interface LayoutRow {
  readonly index: number;
  readonly ts?: { readonly name: string; readonly offset: number; readonly size: number };
  readonly wgsl?: { readonly name: string; readonly offset: number; readonly size: number };
  readonly gpu?: { readonly name: string; readonly offset: number; readonly extent: number };
  readonly ok: boolean;
}

export interface LayoutCheck {
  readonly struct: string;
  readonly space: AddressSpace;
  readonly pass: boolean;
  readonly rows: readonly LayoutRow[];
  readonly tsSize: number;
  readonly wgslSize?: number;
  /** Index of the first row that disagrees. */
  readonly firstMismatch?: number;
  /** Uniform rules the TS declaration breaks (uniform space only). */
  readonly uniform: readonly UniformViolation[];
  /** Why a view is missing: the struct is not in the WGSL, or the GPU rejected the probe. */
  readonly problems: readonly string[];
}

export interface CheckLayoutOptions {
  readonly ts: StructDecl;
  /** The WGSL that declares the struct; composed WGSL (a WgslSource) also finds a struct of an imported module. */
  readonly wgsl: string | { readonly code: string; readonly names?: ReadonlyMap<string, string> };
  /** The struct's name in the WGSL, `Name` or `module::Name` (default: the TS declaration's). */
  readonly struct?: string;
  readonly space?: AddressSpace;
  /** Probe the GPU too (default true). */
  readonly gpu?: boolean;
}

/** Checks a struct three ways; never throws for a disagreement, reports it. */
export async function checkLayout(o: CheckLayoutOptions): Promise<LayoutCheck> {
  const space = o.space ?? 'storage';
  const code = typeof o.wgsl === 'string' ? o.wgsl : o.wgsl.code;
  const name = o.struct ?? o.ts.name;
  const ts = layoutStruct(o.ts);
  const problems: string[] = [];
  const names = typeof o.wgsl === 'string' ? undefined : o.wgsl.names;
  const structs = reflectStructs(code);
  const qualified = (s: (typeof structs)[number]) => names?.get(s.decl.name) ?? '';
  const byModule = (s: (typeof structs)[number]) => qualified(s) === name || qualified(s).endsWith(`::${name}`);
  const reflected = structs.find((s) => s.decl.name === name) ?? structs.find(byModule);
  if (!reflected) problems.push(`WGSL: no struct ${name} in the source`);
  const probe = reflected && o.gpu !== false ? await probeLayout(code, reflected.decl, space) : undefined;
  if (probe && 'error' in probe)
    problems.push(
      `GPU: the probe of ${name} in ${space} space was rejected:\n    ${probe.error.replace(/\n/g, '\n    ')}`,
    );
  const gpu = probe && 'members' in probe ? probe.members : undefined;
  const w = reflected?.layout;
  const n = Math.max(ts.members.length, w?.members.length ?? 0);
  const rows: LayoutRow[] = [];
  for (let i = 0; i < n; i++) {
    const t = ts.members[i];
    const r = w?.members[i];
    const g = gpu?.[i];
    const ok =
      !!t &&
      (!w || (!!r && r.name === t.name && r.offset === t.offset && r.size === t.size)) &&
      (!gpu || (!!g && g.offset === t.offset && (g.extent <= t.size || isRuntimeArray(t.type)) && g.name === t.name));
    rows.push({
      index: i,
      ...(t ? { ts: { name: t.name, offset: t.offset, size: t.size } } : {}),
      ...(r ? { wgsl: { name: r.name, offset: r.offset, size: r.size } } : {}),
      ...(g ? { gpu: g } : {}),
      ok,
    });
  }
  const uniform = space === 'uniform' ? uniformViolations(o.ts) : [];
  const firstMismatch = rows.find((r) => !r.ok)?.index;
  const sizesAgree = !w || w.size === ts.size;
  return {
    struct: name,
    space,
    pass: firstMismatch === undefined && sizesAgree && uniform.length === 0 && problems.length === 0,
    rows,
    tsSize: ts.size,
    ...(w ? { wgslSize: w.size } : {}),
    ...(firstMismatch === undefined ? {} : { firstMismatch }),
    uniform,
    problems,
  };
}

/**
 * The check as text. Agreement is one line:
 * `TextureDesc (storage): TS, WGSL and GPU agree: 112 bytes, 12 fields`.
 * A disagreement prints the whole table, wrong rows marked, then the broken
 * uniform rules with their fixes:
 * ```
 * GpuParameters (storage): first wrong field #9: TS highlights, WGSL hdrBoost; size TS 400, WGSL 416
 *     #  field         TS off/size  WGSL field    WGSL off/size  GPU off
 *     8  contrast      32/4         contrast      32/4           32
 *  ✗  9  highlights    36/4         hdrBoost      36/4           36
 * ```
 */
export function renderLayoutCheck(c: LayoutCheck): string {
  const head = `${c.struct} (${c.space})`;
  if (c.pass) return `${head}: TS, WGSL and GPU agree: ${c.tsSize} bytes, ${c.rows.length} fields`;
  const first = c.firstMismatch === undefined ? undefined : c.rows[c.firstMismatch];
  const summary = [
    first
      ? `first wrong field #${first.index}: TS ${first.ts?.name ?? '(none)'}, WGSL ${first.wgsl?.name ?? '(none)'}`
      : 'fields agree',
    `size TS ${c.tsSize}, WGSL ${c.wgslSize ?? '-'}`,
    ...(c.uniform.length ? [`${c.uniform.length} uniform rule(s) broken`] : []),
  ].join('; ');
  const cells = c.rows.map((r) => [
    r.ok ? '' : '✗',
    String(r.index),
    r.ts?.name ?? '-',
    r.ts ? `${r.ts.offset}/${r.ts.size}` : '-',
    r.wgsl?.name ?? '-',
    r.wgsl ? `${r.wgsl.offset}/${r.wgsl.size}` : '-',
    r.gpu ? String(r.gpu.offset) : '-',
  ]);
  const header = ['', '#', 'field', 'TS off/size', 'WGSL field', 'WGSL off/size', 'GPU off'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    `  ${row.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [
    `${head}: ${summary}`,
    line(header),
    ...cells.map(line),
    ...c.uniform.map((v) => `  ${renderUniformViolation(v)}`),
    ...c.problems.map((p) => `  ${p}`),
  ].join('\n');
}
