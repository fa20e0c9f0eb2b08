/**
 * The three-way layout check: a struct as declared in TS, as reflected from
 * the WGSL source (wgsl_reflect), and as the GPU reads it (probe.ts). TS and
 * WGSL fields are paired by name, then by offset (pairing.ts). Any
 * disagreement — a renamed field, one only one side has, an offset, a size, the
 * total size — and, in the uniform address space, any broken uniform rule fails the check.
 */
import { probeLayout, type AddressSpace, type ProbedMember } from './probe.ts';
import { reflectStructs } from './reflected.ts';
import { layoutStruct, type StructLayout } from '../model/layout/rules.ts';
import type { StructDecl, WgslType } from '../model/layout/types.ts';
import { likelyStruct, pairFields, type FieldPair, type Pairing } from './pairing.ts';
import { renderUniformViolation, uniformViolations, type UniformViolation } from '../model/layout/uniform.ts';

/** A runtime-sized array has size 0 in the layout; the probe reads two elements of it. */
const isRuntimeArray = (t: WgslType) => t.kind === 'array' && t.count === undefined;

export interface LayoutRow {
  /** Its place in the table: rows go by offset. */
  readonly index: number;
  /** How its TS and WGSL fields were paired (by name, by offset where renamed), or which side alone has it. */
  readonly pairing: Pairing;
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

/**
 * The rows of the check, in offset order: each TS field beside the WGSL field of its name (else of its offset) and
 * what the GPU read there. Without the WGSL struct, the TS fields alone (the missing struct is a problem apart).
 */
function layoutRows(ts: StructLayout, w: StructLayout | undefined, gpu: readonly ProbedMember[] | undefined) {
  const pairs: FieldPair[] = w
    ? pairFields(ts.members, w.members)
    : ts.members.map((_, i) => ({ pairing: 'ts-only', ts: i }));
  return pairs.map((p, index): LayoutRow => {
    const t = p.ts === undefined ? undefined : ts.members[p.ts];
    const r = p.wgsl === undefined ? undefined : w!.members[p.wgsl];
    const g = p.wgsl === undefined ? undefined : gpu?.[p.wgsl];
    const gpuAgrees = (f: NonNullable<typeof t>) =>
      !!g && g.offset === f.offset && (g.extent <= f.size || isRuntimeArray(f.type)) && g.name === f.name;
    const ok =
      !w || (p.pairing === 'name' && r!.offset === t!.offset && r!.size === t!.size && (!gpu || gpuAgrees(t!)));
    return {
      index,
      pairing: p.pairing,
      ...(t ? { ts: { name: t.name, offset: t.offset, size: t.size } } : {}),
      ...(r ? { wgsl: { name: r.name, offset: r.offset, size: r.size } } : {}),
      ...(g ? { gpu: g } : {}),
      ok,
    };
  });
}

/**
 * The problem of a struct not in the WGSL, with the structs there are and the one the TS declaration likely means:
 * `WGSL: no struct Params in the source (its structs: GpuParams, Other). Fix: name the WGSL struct: --struct GpuParams
 * (checkLayout's struct option)`.
 */
function missingStruct(
  name: string,
  ts: StructDecl,
  structs: ReturnType<typeof reflectStructs>,
  names: ReadonlyMap<string, string> | undefined,
): string {
  const listed = structs.map((s) => ({
    name: names?.get(s.decl.name) ?? s.decl.name,
    fields: s.decl.members.map((m) => m.name),
  }));
  const there = listed.length ? ` (its structs: ${listed.map((s) => s.name).join(', ')})` : '';
  const likely = likelyStruct(
    ts.members.map((m) => m.name),
    listed,
  );
  const fix = likely ? `. Fix: name the WGSL struct: --struct ${likely} (checkLayout's struct option)` : '';
  return `WGSL: no struct ${name} in the source${there}${fix}`;
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
  if (!reflected) problems.push(missingStruct(name, o.ts, structs, names));
  const probe = reflected && o.gpu !== false ? await probeLayout(code, reflected.decl, space) : undefined;
  if (probe && 'error' in probe)
    problems.push(
      `GPU: the probe of ${name} in ${space} space was rejected:\n    ${probe.error.replace(/\n/g, '\n    ')}`,
    );
  const gpu = probe && 'members' in probe ? probe.members : undefined;
  const w = reflected?.layout;
  const rows = layoutRows(ts, w, gpu);
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

/** A wrong row's reason, as the table's last column says it. */
function rowNote(r: LayoutRow): string {
  if (r.ok) return '';
  if (r.pairing === 'renamed') return 'renamed';
  if (r.pairing === 'ts-only') return 'only in TS';
  if (r.pairing === 'wgsl-only') return 'only in WGSL';
  const moved = r.ts!.offset !== r.wgsl!.offset || r.ts!.size !== r.wgsl!.size;
  return moved ? 'moved or resized' : 'read elsewhere by the GPU';
}

/** Wrong fields of one reason the summary line names; the table lists them all. */
const LISTED = 3;

/** `1 renamed (TS _pad0, WGSL pad at 12)`, `2 only in TS (a at 0, b at 4)`: the wrong rows of one reason. */
function reasonCounts(c: LayoutCheck): string[] {
  const wrong = c.rows.filter((r) => !r.ok && c.wgslSize !== undefined);
  const of = (note: string, what: (r: LayoutRow) => string) => {
    const rows = wrong.filter((r) => rowNote(r) === note);
    const listed = rows.slice(0, LISTED).map(what).join(', ') + (rows.length > LISTED ? ', …' : '');
    return rows.length ? [`${rows.length} ${note} (${listed})`] : [];
  };
  const side = (f: LayoutRow['ts']) => `${f!.name} at ${f!.offset}`;
  const both = (r: LayoutRow) => `${r.ts!.name} ${r.ts!.offset}/${r.ts!.size} vs ${r.wgsl!.offset}/${r.wgsl!.size}`;
  return [
    ...of('renamed', (r) => `TS ${r.ts!.name}, WGSL ${r.wgsl!.name} at ${r.ts!.offset}`),
    ...of('only in TS', (r) => side(r.ts)),
    ...of('only in WGSL', (r) => side(r.wgsl)),
    ...of('moved or resized', both),
    ...of('read elsewhere by the GPU', (r) => `${r.ts!.name} at ${r.gpu?.offset ?? '-'}`),
  ];
}

/**
 * The check as text. Agreement is one line:
 * `TextureDesc (storage): TS, WGSL and GPU agree: 112 bytes, 12 fields`.
 * A disagreement prints the first wrong field, the wrong rows by reason, the sizes, then the whole table (fields
 * paired by name, else by offset; wrong rows marked with their reason) and the broken uniform rules with their fixes:
 * ```
 * GpuParameters (storage): first wrong field #9: TS highlights, WGSL hdrBoost; 1 renamed (TS highlights, WGSL
 * hdrBoost at 36); size TS 400, WGSL 400
 *     #  field         TS off/size  WGSL field    WGSL off/size  GPU off  note
 *     8  contrast      32/4         contrast      32/4           32
 *  ✗  9  highlights    36/4         hdrBoost      36/4           36       renamed
 * ```
 * A struct the WGSL lacks says so first: `Params (storage): no WGSL struct Params; size TS 336`, its problem naming
 * the likely one (`Fix: name the WGSL struct: --struct GpuParams`).
 */
export function renderLayoutCheck(c: LayoutCheck): string {
  const head = `${c.struct} (${c.space})`;
  if (c.pass) return `${head}: TS, WGSL and GPU agree: ${c.tsSize} bytes, ${c.rows.length} fields`;
  const first = c.firstMismatch === undefined ? undefined : c.rows[c.firstMismatch];
  const fields =
    c.wgslSize === undefined
      ? [`no WGSL struct ${c.struct}`]
      : first
        ? [`first wrong field #${first.index}: TS ${first.ts?.name ?? '(none)'}, WGSL ${first.wgsl?.name ?? '(none)'}`]
        : ['fields agree'];
  const summary = [
    ...fields,
    ...reasonCounts(c),
    c.wgslSize === undefined ? `size TS ${c.tsSize}` : `size TS ${c.tsSize}, WGSL ${c.wgslSize}`,
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
    rowNote(r),
  ]);
  const header = ['', '#', 'field', 'TS off/size', 'WGSL field', 'WGSL off/size', 'GPU off', 'note'];
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
