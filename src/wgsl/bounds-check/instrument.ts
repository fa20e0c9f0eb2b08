/**
 * The bounds-checked build of composed WGSL: every index into a storage,
 * uniform or workgroup array checked (rewrite.ts), each compute entry point
 * storing its global invocation id first, and the record buffer and check
 * appended (prelude.ts) at a free binding of group 0. Lines keep their
 * numbers, so a site's line maps back to the file as written. A tokenizer
 * does the rewrite: wgsl_reflect gives spans of statements, not of the
 * index expressions inside them.
 */
import { formatPosition, originOf, type LineOrigin } from '../line-map.ts';
import { wgslMessage, type WgslSource } from '../source.ts';
import { moduleDecls, type FunctionDecl, type ModuleDecls } from './declarations.ts';
import { pointerOrigins, variableLabel, type VariableLabel } from './labels.ts';
import { boundsPrelude, INVOCATION_PARAMETER, INVOCATION_VARIABLE, RECORD_WORDS } from './prelude.ts';
import { rewriteBody, type CheckSite, type RewriteState } from './rewrite.ts';

/** What a bounds-checked build holds beyond its WGSL: where to bind the record buffer, and what each site is. */
export interface BoundsCheck {
  /** The instrumented source; the original where nothing is checked. */
  readonly source: WgslSource;
  readonly sites: readonly CheckSite[];
  /** The checked variables by slot in the record buffer, as reports name them. */
  readonly variables: readonly VariableLabel[];
  /** Where the record buffer binds and its size; undefined where nothing is checked. */
  readonly record?: { readonly group: number; readonly binding: number; readonly bytes: number };
  /** Accesses the check cannot see, at file:line: `kernels/k/k.wgsl:9: a pointer to a is taken; …`. */
  readonly unchecked: readonly string[];
  /** The compute entry points that reach a checked access (directly or through functions they call). */
  readonly recordUsers: ReadonlySet<string>;
  /**
   * Variables (names as written) bounded by `arrayLength`: bound to exactly their data, so the bound is the data's
   * and not a guard band's.
   */
  readonly sizedByLength: ReadonlySet<string>;
}

/** The file name appended lines map to. */
export const PRELUDE_FILE = '<twinpath bounds check>';

/** The expression of an entry point's global invocation id, or undefined when it has none. */
function invocationOf(decls: ModuleDecls, f: FunctionDecl): string | undefined {
  for (const p of f.params) {
    if (p.builtin === 'global_invocation_id') return p.name;
    const member = [...(decls.builtinMembers.get(p.type) ?? [])].find(([, b]) => b === 'global_invocation_id');
    if (member) return `${p.name}.${member[0]}`;
  }
  return undefined;
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** The edits of one function: its body rewritten; for an entry point, the invocation id stored first. */
function functionEdits(state: RewriteState, f: FunctionDecl): Edit[] {
  const { sig } = state.decls;
  const body = rewriteBody(state, f);
  if (!f.attributes.includes('compute'))
    return [{ from: sig[f.bodyOpen]!.offset + 1, to: sig[f.bodyClose]!.offset, text: body }];
  const edits: Edit[] = [];
  let invocation = invocationOf(state.decls, f);
  if (!invocation) {
    const close = sig[f.paramsClose]!.offset;
    const comma = f.params.length && sig[f.paramsClose - 1]!.text !== ',' ? ', ' : '';
    edits.push({
      from: close,
      to: close,
      text: `${comma}@builtin(global_invocation_id) ${INVOCATION_PARAMETER}: vec3<u32>`,
    });
    invocation = INVOCATION_PARAMETER;
  }
  const text = ` ${INVOCATION_VARIABLE} = vec3<u32>(${invocation});${body}`;
  edits.push({ from: sig[f.bodyOpen]!.offset + 1, to: sig[f.bodyClose]!.offset, text });
  return edits;
}

function applyEdits(code: string, edits: readonly Edit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    out += code.slice(pos, e.from) + e.text;
    pos = e.to;
  }
  return out + code.slice(pos);
}

/** The compute entry points whose calls reach a function in `checking` (one that holds a checked access). */
function entriesReaching(decls: ModuleDecls, checking: ReadonlySet<string>): Set<string> {
  const { sig } = decls;
  const names = new Set(decls.functions.map((f) => f.name));
  const calls = new Map(
    decls.functions.map((f) => {
      const callees = new Set<string>();
      for (let j = f.bodyOpen; j < f.bodyClose; j++)
        if (names.has(sig[j]!.text) && sig[j + 1]?.text === '(') callees.add(sig[j]!.text);
      return [f.name, callees] as const;
    }),
  );
  const reaches = (name: string, seen: Set<string>): boolean => {
    if (checking.has(name)) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return [...(calls.get(name) ?? [])].some((c) => reaches(c, seen));
  };
  return new Set(
    decls.functions.filter((f) => f.attributes.includes('compute') && reaches(f.name, new Set())).map((f) => f.name),
  );
}

/** 1-based line of each offset of `code`. */
function lineIndex(code: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const built = new WeakMap<WgslSource, BoundsCheck>();

/**
 * The bounds-checked build of `src`, made once per source. Accesses it cannot check are listed in `unchecked` (a
 * sweep under the check is then unsupported, saying which): through a pointer to a whole array kept in a `let` or
 * a pointer parameter's copy, a variable redeclared in a function, or a `@group` that is not a literal (no free
 * binding can be chosen).
 */
export function instrumentBounds(src: WgslSource): BoundsCheck {
  let check = built.get(src);
  if (!check) {
    check = buildBoundsCheck(src);
    built.set(src, check);
  }
  return check;
}

function buildBoundsCheck(src: WgslSource): BoundsCheck {
  const decls = moduleDecls(src.code);
  const lineOf = lineIndex(src.code);
  const state: RewriteState = { decls, sites: [], slots: new Map(), unchecked: [], lineOf };
  const checking = new Set<string>();
  const edits = decls.functions.flatMap((f) => {
    const before = state.sites.length;
    const e = functionEdits(state, f);
    if (state.sites.length > before) checking.add(f.name);
    return e;
  });
  const at = (line: number) => formatPosition(originOf(src.lines, line));
  const unchecked = state.unchecked.map((u) => `${at(u.line)}: ${u.why}`);
  const groupExpr = [...src.code.matchAll(/@\s*group\s*\(/g)].find(
    (m) => !/^@\s*group\s*\(\s*\d+u?\s*\)/.test(src.code.slice(m.index)),
  );
  if (groupExpr)
    unchecked.push(`${at(lineOf(groupExpr.index))}: @group(...) is not a literal, so no free binding can be chosen`);
  const origins = pointerOrigins(decls);
  const labelled = [...state.slots.values()].map((v) => variableLabel(src, decls, origins, v));
  const variables = labelled.map((l) => l.label);
  const recordUsers = entriesReaching(decls, checking);
  const sizedByLength = new Set(
    state.sites
      .filter((s) => s.bound.startsWith('arrayLength'))
      .flatMap((s) => labelled[s.slot]!.globals.map((g) => wgslMessage(src, g))),
  );
  if (!state.sites.length) return { source: src, sites: [], variables, unchecked, recordUsers, sizedByLength };
  const group = 0;
  const taken = [...decls.globals.values()].filter((v) => v.group === group).map((v) => v.binding ?? -1);
  const binding = Math.max(-1, ...taken) + 1;
  const prelude = boundsPrelude(group, binding);
  const code = applyEdits(src.code, edits) + prelude;
  const added: LineOrigin[] = prelude
    .split('\n')
    .slice(1)
    .map((_, k) => ({ file: PRELUDE_FILE, line: k + 1, edits: [] }));
  return {
    source: { ...src, code, lines: [...src.lines, ...added] },
    sites: state.sites,
    variables,
    record: { group, binding, bytes: variables.length * RECORD_WORDS * 4 },
    unchecked,
    recordUsers,
    sizedByLength,
  };
}
