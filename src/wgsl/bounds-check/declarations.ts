/**
 * What the bounds check needs to know of composed WGSL, read from its tokens:
 * module-scope variables with their address space, binding and type (arrays
 * with their element count as written, structs with their members), and each
 * function's parameters and body. wgsl_reflect's AST gives no spans for
 * expressions and evaluates an override-sized array's count to 1, so this
 * reads the declarations itself.
 */
import { significant, tokenize, type Token } from '../tokens.ts';

/** A type as the check follows it: arrays (count as written; undefined: runtime-sized), structs, anything else. */
export type CheckedType =
  | { readonly kind: 'array'; readonly element: CheckedType; readonly count: string | undefined }
  | { readonly kind: 'struct'; readonly members: ReadonlyMap<string, CheckedType> }
  | { readonly kind: 'other' };

/** A type as declared: its name and template arguments (types, or an array count's expression text). */
interface TypeText {
  readonly name: string;
  readonly args: ReadonlyArray<TypeText | string>;
}

/** A module-scope `var`: its address space, binding attributes (literal or not) and type. */
export interface GlobalVar {
  readonly name: string;
  readonly space: string;
  readonly group: number | undefined;
  readonly binding: number | undefined;
  readonly type: CheckedType;
}

/** A function: its attributes, parameters, and the significant-token indices of its `(`, `)`, `{` and `}`. */
/** A function parameter: its name, builtin, type name, and for a pointer its address space and pointee. */
export interface ParamDecl {
  readonly name: string;
  readonly builtin?: string;
  readonly type: string;
  readonly pointer?: { readonly space: string; readonly type: CheckedType };
}

export interface FunctionDecl {
  readonly name: string;
  readonly attributes: readonly string[];
  readonly params: readonly ParamDecl[];
  readonly paramsOpen: number;
  readonly paramsClose: number;
  readonly bodyOpen: number;
  readonly bodyClose: number;
}

/** The declarations of one module, over its significant tokens. */
export interface ModuleDecls {
  readonly code: string;
  readonly sig: readonly Token[];
  readonly globals: ReadonlyMap<string, GlobalVar>;
  readonly functions: readonly FunctionDecl[];
  /** Struct members carrying `@builtin(...)`, by struct name: member name -> builtin. */
  readonly builtinMembers: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Index of the token closing the one opening at `i` (`(`/`)`, `[`/`]`, `{`/`}`, `<`/`>`). */
export function closing(sig: readonly Token[], i: number): number {
  const open = sig[i]!.text;
  const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open]!;
  let depth = 0;
  for (let j = i; j < sig.length; j++) {
    if (sig[j]!.text === open) depth++;
    else if (sig[j]!.text === close && --depth === 0) return j;
  }
  return sig.length;
}

/** Reads a type at `i`: its text form and the index after it. */
function readType(code: string, sig: readonly Token[], i: number): { type: TypeText; end: number } {
  const name = sig[i]?.text ?? '';
  if (sig[i + 1]?.text !== '<') return { type: { name, args: [] }, end: i + 1 };
  const close = closing(sig, i + 1);
  if (name === 'ptr') {
    const pointee = readType(code, sig, i + 4);
    return { type: { name, args: [sig[i + 2]!.text, pointee.type] }, end: close + 1 };
  }
  if (name !== 'array') return { type: { name, args: [] }, end: close + 1 };
  const element = readType(code, sig, i + 2);
  const args: Array<TypeText | string> = [element.type];
  if (sig[element.end]?.text === ',' && element.end + 1 < close) {
    const from = sig[element.end + 1]!;
    args.push(code.slice(from.offset, sig[close]!.offset).trim());
  }
  return { type: { name, args }, end: close + 1 };
}

/** `@name(args)` attributes from `i`: their texts and the index after them. */
function readAttributes(sig: readonly Token[], i: number): { attributes: string[]; end: number } {
  const attributes: string[] = [];
  while (sig[i]?.text === '@') {
    let end = i + 2;
    if (sig[end]?.text === '(') end = closing(sig, end) + 1;
    attributes.push(
      sig
        .slice(i + 1, end)
        .map((t) => t.text)
        .join(''),
    );
    i = end;
  }
  return { attributes, end: i };
}

const builtinOf = (attributes: readonly string[]) =>
  attributes.map((a) => /^builtin\((\w+)\)$/.exec(a)?.[1]).find((b) => b !== undefined);

const literal = (attributes: readonly string[], name: string) => {
  const a = attributes.find((x) => x.startsWith(`${name}(`));
  const m = a ? /^\w+\((\d+)u?\)$/.exec(a) : null;
  return m ? Number(m[1]) : undefined;
};

/** The members of the struct whose `{` is at `i`, with their attributes. */
function readMembers(code: string, sig: readonly Token[], i: number) {
  const members: Array<{ name: string; type: TypeText; attributes: string[] }> = [];
  const close = closing(sig, i);
  let j = i + 1;
  while (j < close) {
    const a = readAttributes(sig, j);
    const name = sig[a.end]!.text;
    const t = readType(code, sig, a.end + 2);
    members.push({ name, type: t.type, attributes: a.attributes });
    j = sig[t.end]?.text === ',' ? t.end + 1 : t.end;
  }
  return { members, end: close };
}

/** A function's parameters between `(` at `open` and its `)`. */
/** A parameter as read, its pointee's type not yet resolved (structs may be declared after the function). */
type ParamText = Omit<ParamDecl, 'pointer'> & {
  readonly pointer?: { readonly space: string; readonly type: TypeText };
};

function readParams(code: string, sig: readonly Token[], open: number) {
  const close = closing(sig, open);
  const params: ParamText[] = [];
  let j = open + 1;
  while (j < close) {
    const a = readAttributes(sig, j);
    const t = readType(code, sig, a.end + 2);
    const builtin = builtinOf(a.attributes);
    const [space, pointee] = t.type.args;
    const pointer =
      t.type.name === 'ptr' && typeof space === 'string' && typeof pointee === 'object'
        ? { pointer: { space, type: pointee } }
        : {};
    params.push({ name: sig[a.end]!.text, type: t.type.name, ...(builtin ? { builtin } : {}), ...pointer });
    j = sig[t.end]?.text === ',' ? t.end + 1 : t.end;
  }
  return { params, close };
}

/** Reads every module-scope declaration the check needs from composed WGSL. */
export function moduleDecls(code: string): ModuleDecls {
  const sig = tokenize(code).filter(significant);
  const structs = new Map<string, Array<{ name: string; type: TypeText }>>();
  const aliases = new Map<string, TypeText>();
  const vars: Array<{ name: string; space: string; attributes: string[]; type: TypeText }> = [];
  const functions: Array<Omit<FunctionDecl, 'params'> & { readonly params: readonly ParamText[] }> = [];
  const builtinMembers = new Map<string, Map<string, string>>();
  let i = 0;
  while (i < sig.length) {
    const a = readAttributes(sig, i);
    const t = sig[a.end];
    if (!t) break;
    const name = sig[a.end + 1]?.text ?? '';
    if (t.text === 'struct') {
      const m = readMembers(code, sig, a.end + 2);
      structs.set(name, m.members);
      const builtins = m.members.flatMap((x) => (builtinOf(x.attributes) ? [[x.name, builtinOf(x.attributes)!]] : []));
      builtinMembers.set(name, new Map(builtins as Array<[string, string]>));
      i = m.end + 1;
    } else if (t.text === 'alias') {
      const r = readType(code, sig, a.end + 3);
      aliases.set(name, r.type);
      i = r.end + 1;
    } else if (t.text === 'var') {
      const spaced = sig[a.end + 1]?.text === '<';
      const space = spaced ? sig[a.end + 2]!.text : 'private';
      const at = spaced ? closing(sig, a.end + 1) + 1 : a.end + 1;
      const typed = sig[at + 1]?.text === ':' ? readType(code, sig, at + 2) : undefined;
      if (typed) vars.push({ name: sig[at]!.text, space, attributes: a.attributes, type: typed.type });
      i = typed?.end ?? at + 1;
    } else if (t.text === 'fn') {
      const p = readParams(code, sig, a.end + 2);
      let open = p.close + 1;
      while (open < sig.length && sig[open]!.text !== '{') open++;
      const bodyClose = closing(sig, open);
      functions.push({
        name,
        attributes: a.attributes,
        params: p.params,
        paramsOpen: a.end + 2,
        paramsClose: p.close,
        bodyOpen: open,
        bodyClose,
      });
      i = bodyClose + 1;
    } else if (t.text === '{') i = closing(sig, a.end) + 1;
    else i = a.end + 1;
  }
  function resolve(tt: TypeText, depth = 0): CheckedType {
    if (depth > 32) return { kind: 'other' };
    if (tt.name === 'array' && typeof tt.args[0] === 'object')
      return { kind: 'array', element: resolve(tt.args[0], depth + 1), count: tt.args[1] as string | undefined };
    const alias = aliases.get(tt.name);
    if (alias) return resolve(alias, depth + 1);
    const s = structs.get(tt.name);
    if (s) return { kind: 'struct', members: new Map(s.map((m) => [m.name, resolve(m.type, depth + 1)])) };
    return { kind: 'other' };
  }
  const globals = new Map(
    vars.map((v) => [
      v.name,
      {
        name: v.name,
        space: v.space,
        group: literal(v.attributes, 'group'),
        binding: literal(v.attributes, 'binding'),
        type: resolve(v.type),
      },
    ]),
  );
  const resolvedFunctions = functions.map((f) => ({
    ...f,
    params: f.params.map((p) => (p.pointer ? { ...p, pointer: { ...p.pointer, type: resolve(p.pointer.type) } } : p)),
  })) as FunctionDecl[];
  return { code, sig, globals, functions: resolvedFunctions, builtinMembers };
}
