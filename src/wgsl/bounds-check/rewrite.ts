/**
 * The rewrite of one function body: every index into an array of a
 * storage, uniform or workgroup variable (`a[i]`, `s.arr[i]`, `p.rows[i][j]`,
 * arrays of structs) becomes `a[twinpath_checked(u32(i), bound, site, slot)]`,
 * which records the first violation per variable and returns the index
 * clamped into bounds. The bound is the count as declared, or
 * `arrayLength(&a)` for a runtime-sized array as the source has it. Nothing
 * is added on a line of its own, so every line keeps its number.
 */
import type { Token } from '../tokens.ts';
import { closing, type CheckedType, type FunctionDecl, type GlobalVar, type ModuleDecls } from './declarations.ts';

/** The address spaces whose arrays are checked. */
export const CHECKED_SPACES: ReadonlySet<string> = new Set(['storage', 'uniform', 'workgroup']);

/** The function the rewrite calls at every checked index (declared by the prelude). */
export const CHECK_FUNCTION = 'twinpath_checked';

/** How an access uses the element: a write (`=`, `+=`, `++`), a pointer taken (`&a[i]`), else a read. */
export type AccessKind = 'read' | 'write' | 'pointer';

/** What a checked access indexes: a module-scope variable, or a function's pointer parameter (`p` of `loadTexel`). */
export type CheckedVariable =
  | { readonly kind: 'global'; readonly key: string; readonly global: GlobalVar }
  | { readonly kind: 'pointer'; readonly key: string; readonly fn: string; readonly param: string };

/** One checked index: the variable, its slot in the record buffer, the 1-based composed line, and how it is used. */
export interface CheckSite {
  readonly variable: CheckedVariable;
  readonly slot: number;
  readonly line: number;
  readonly access: AccessKind;
  /** The bound as the check computes it: `u32(16)`, `u32(W)`, `arrayLength(&a)`. */
  readonly bound: string;
}

/** What the rewrite found and made: the sites it checks, and accesses it cannot check (line, why). */
export interface RewriteState {
  readonly decls: ModuleDecls;
  readonly sites: CheckSite[];
  /** The variables by key (a global's name, `fn(param)`), in slot order. */
  readonly slots: Map<string, CheckedVariable>;
  readonly unchecked: Array<{ readonly line: number; readonly why: string }>;
  readonly lineOf: (offset: number) => number;
}

const COMPOUND = new Set(['+', '-', '*', '/', '%', '&', '|', '^']);

/** How the access ending before significant token `j` uses its element. */
function accessAfter(sig: readonly Token[], j: number, pointer: boolean): AccessKind {
  if (pointer) return 'pointer';
  const [a, b, c] = [sig[j], sig[j + 1], sig[j + 2]];
  // Two tokens make one operator (`+=`, `++`) only where they touch: `a[i] - -1` is a read.
  const touching = (x: Token | undefined, y: Token | undefined) => !!x && !!y && y.offset === x.offset + x.text.length;
  const op = touching(a, b) ? `${a!.text}${b!.text}${touching(b, c) ? c!.text : ''}` : (a?.text ?? '');
  if (op.startsWith('=') && op !== '==' && !op.startsWith('==')) return 'write';
  if (['++', '--', '<<=', '>>='].some((w) => op.startsWith(w))) return 'write';
  if (op.length >= 2 && COMPOUND.has(op[0]!) && op[1] === '=') return 'write';
  return 'read';
}

/** Names a function declares (parameters, `let`/`var`/`const`), which hide module-scope variables of that name. */
function localNames(state: RewriteState, f: FunctionDecl): Set<string> {
  const { sig } = state.decls;
  const names = new Set(f.params.map((p) => p.name));
  for (let j = f.bodyOpen; j < f.bodyClose; j++)
    if (['let', 'var', 'const'].includes(sig[j]!.text)) {
      const k = sig[j + 1]?.text === '<' ? closing(sig, j + 1) + 1 : j + 1;
      names.add(sig[k]!.text);
    }
  return names;
}

function slotOf(state: RewriteState, v: CheckedVariable): number {
  if (!state.slots.has(v.key)) state.slots.set(v.key, v);
  return [...state.slots.keys()].indexOf(v.key);
}

const holdsArray = (t: CheckedType): boolean =>
  t.kind === 'array' || (t.kind === 'struct' && [...t.members.values()].some(holdsArray));

/** A function's scope: the names it declares, and its pointer parameters into checked arrays. */
interface FunctionScope {
  readonly locals: ReadonlySet<string>;
  readonly pointers: ReadonlyMap<string, { readonly variable: CheckedVariable; readonly type: CheckedType }>;
}

/** An access a token starts: what it indexes, its type, the path `arrayLength` takes, where its chain starts. */
interface AccessStart {
  readonly variable: CheckedVariable;
  readonly type: CheckedType;
  readonly path: string;
  readonly chain: number;
}

/** The checked variable a token starts an access of (`a`, `p` of `p[i]`, `(*p)[i]`), or undefined. */
function accessStart(state: RewriteState, i: number, scope: FunctionScope): AccessStart | undefined {
  const { sig, globals } = state.decls;
  const t = sig[i]!;
  if (t.kind !== 'ident' || sig[i - 1]?.text === '.') return undefined;
  const pointer = scope.pointers.get(t.text);
  if (pointer) {
    const deref = sig[i - 1]?.text === '*' && sig[i - 2]?.text === '(' && sig[i + 1]?.text === ')';
    return { ...pointer, path: `(*${t.text})`, chain: deref ? i + 2 : i + 1 };
  }
  const v = globals.get(t.text);
  if (!v || !CHECKED_SPACES.has(v.space) || !holdsArray(v.type)) return undefined;
  if (scope.locals.has(t.text)) {
    const next = sig[i + 1]?.text;
    if (next === '[' || next === '.')
      state.unchecked.push({ line: state.lineOf(t.offset), why: `${t.text} is redeclared in this function` });
    return undefined;
  }
  return { variable: { kind: 'global', key: v.name, global: v }, type: v.type, path: v.name, chain: i + 1 };
}

/** Whether the `&` before token `i` hands the pointer to a function of the module (which checks it) or arrayLength. */
function pointerHandedOn(state: RewriteState, i: number, end: number): boolean {
  const { sig, functions } = state.decls;
  if (sig[i - 3]?.text === 'arrayLength') return true;
  if (![',', '('].includes(sig[i - 2]?.text ?? '') || ![',', ')'].includes(sig[end]?.text ?? '')) return false;
  let depth = 0;
  for (let j = i - 2; j >= 0; j--) {
    const x = sig[j]!.text;
    if (x === ')') depth++;
    else if (x === '(' && depth-- === 0) return functions.some((f) => f.name === sig[j - 1]?.text);
  }
  return false;
}

/**
 * The text of `code[from, to)` (offsets; `sig[first, last)` the significant tokens in it) with every checked
 * access rewritten.
 */
function rewriteSpan(
  state: RewriteState,
  scope: FunctionScope,
  span: { from: number; to: number; first: number; last: number },
): string {
  const { code, sig } = state.decls;
  let out = '';
  let pos = span.from;
  let i = span.first;
  while (i < span.last) {
    const start = accessStart(state, i, scope);
    if (!start) {
      i++;
      continue;
    }
    const v = start.variable;
    const pointer = sig[i - 1]?.text === '&';
    let type = start.type;
    let path: string | undefined = start.path;
    let j = start.chain;
    const checks: Array<{ open: number; close: number; bound: string }> = [];
    while (j < span.last) {
      if (sig[j]!.text === '.' && sig[j + 1]?.kind === 'ident') {
        type = type.kind === 'struct' ? (type.members.get(sig[j + 1]!.text) ?? { kind: 'other' }) : { kind: 'other' };
        path = path === undefined ? undefined : `${path}.${sig[j + 1]!.text}`;
        j += 2;
      } else if (sig[j]!.text === '[') {
        const close = closing(sig, j);
        if (type.kind === 'array') {
          const bound = type.count !== undefined ? `u32(${type.count})` : path && `arrayLength(&${path})`;
          if (bound) checks.push({ open: j, close, bound });
          else state.unchecked.push({ line: state.lineOf(sig[j]!.offset), why: 'a runtime-sized array past an index' });
          type = type.element;
        } else {
          checks.push({ open: j, close, bound: '' });
          type = { kind: 'other' };
        }
        path = undefined;
        j = close + 1;
      } else break;
    }
    if (pointer && holdsArray(type) && !pointerHandedOn(state, i, j))
      state.unchecked.push({
        line: state.lineOf(sig[i]!.offset),
        why: `a pointer to ${sig[i]!.text} is kept; accesses through it are not checked`,
      });
    const access = accessAfter(sig, j, pointer);
    for (const c of checks) {
      const open = sig[c.open]!;
      const close = sig[c.close]!;
      const inner = rewriteSpan(state, scope, {
        from: open.offset + 1,
        to: close.offset,
        first: c.open + 1,
        last: c.close,
      });
      out += code.slice(pos, open.offset + 1);
      if (c.bound) {
        const site = state.sites.length;
        const line = state.lineOf(open.offset);
        state.sites.push({ variable: v, slot: slotOf(state, v), line, access, bound: c.bound });
        out += `${CHECK_FUNCTION}(u32(${inner}), ${c.bound}, ${site}u, ${slotOf(state, v)}u)`;
      } else out += inner;
      pos = close.offset;
    }
    i = j;
  }
  return out + code.slice(pos, span.to);
}

/** The body of `f` (between its braces) with every checked access rewritten. */
export function rewriteBody(state: RewriteState, f: FunctionDecl): string {
  const { sig } = state.decls;
  const open = sig[f.bodyOpen]!;
  const close = sig[f.bodyClose]!;
  const span = { from: open.offset + 1, to: close.offset, first: f.bodyOpen + 1, last: f.bodyClose };
  const pointers = new Map(
    f.params.flatMap((p) =>
      p.pointer && CHECKED_SPACES.has(p.pointer.space) && holdsArray(p.pointer.type)
        ? [[p.name, { variable: pointerVariable(f.name, p.name), type: p.pointer.type }] as const]
        : [],
    ),
  );
  notePointerCopies(state, f, pointers);
  return rewriteSpan(state, { locals: localNames(state, f), pointers }, span);
}

/** Lists `let q = p;` of a checked pointer parameter `p`: accesses through the copy are not checked. */
function notePointerCopies(state: RewriteState, f: FunctionDecl, pointers: ReadonlyMap<string, unknown>): void {
  const { sig } = state.decls;
  for (let j = f.bodyOpen; j < f.bodyClose; j++) {
    const [name, eq, value] = [sig[j + 1], sig[j + 2], sig[j + 3]];
    if (['let', 'var'].includes(sig[j]!.text) && eq?.text === '=' && value && pointers.has(value.text))
      state.unchecked.push({
        line: state.lineOf(value.offset),
        why: `pointer parameter ${value.text} is copied to ${name?.text}; accesses through it are not checked`,
      });
  }
}

/** The variable of pointer parameter `param` of function `fn`. */
export const pointerVariable = (fn: string, param: string): CheckedVariable => ({
  kind: 'pointer',
  key: `${fn}(${param})`,
  fn,
  param,
});
