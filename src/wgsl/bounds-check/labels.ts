/**
 * How the bounds check names what it checks: a module-scope variable by its
 * name as written and its binding (`@group(0) @binding(1) pixels, storage`,
 * `var<workgroup> tile`); a pointer parameter by the variables its callers
 * hand it (`pixels …; through p of twinpath::texture::loadTexel`).
 */
import { wgslMessage, type WgslSource } from '../source.ts';
import { closing, type GlobalVar, type ModuleDecls } from './declarations.ts';
import { pointerVariable, type CheckedVariable } from './rewrite.ts';

/** A checked variable in a report: the array's name, and where it lives. */
export interface VariableLabel {
  readonly name: string;
  readonly where: string;
}

/** The arguments of the call whose `(` is significant token `open`: each as its tokens' texts. */
function callArguments(decls: ModuleDecls, open: number): string[][] {
  const { sig } = decls;
  const close = closing(sig, open);
  const args: string[][] = [[]];
  let depth = 0;
  for (let j = open + 1; j < close; j++) {
    const x = sig[j]!.text;
    if (x === '(' || x === '[') depth++;
    else if (x === ')' || x === ']') depth--;
    if (x === ',' && depth === 0) args.push([]);
    else args.at(-1)!.push(x);
  }
  return args;
}

/**
 * Per pointer parameter (`fn(param)`), the module-scope variables its callers hand it: `&pixels` directly, or a
 * pointer parameter of their own that is handed one.
 */
export function pointerOrigins(decls: ModuleDecls): Map<string, Set<string>> {
  const { sig } = decls;
  const byName = new Map(decls.functions.map((f) => [f.name, f]));
  const edges = new Map<string, Set<string>>();
  const add = (to: string, from: string) => edges.set(to, (edges.get(to) ?? new Set()).add(from));
  for (const caller of decls.functions) {
    const own = new Set(caller.params.filter((p) => p.pointer).map((p) => p.name));
    for (let j = caller.bodyOpen; j < caller.bodyClose; j++) {
      const callee = byName.get(sig[j]!.text);
      if (!callee || sig[j + 1]?.text !== '(') continue;
      callArguments(decls, j + 1).forEach((arg, k) => {
        const param = callee.params[k];
        if (!param?.pointer) return;
        const to = pointerVariable(callee.name, param.name).key;
        if (arg.length === 2 && arg[0] === '&' && decls.globals.has(arg[1]!)) add(to, arg[1]!);
        else if (arg.length === 1 && own.has(arg[0]!)) add(to, pointerVariable(caller.name, arg[0]!).key);
      });
    }
  }
  const origins = new Map<string, Set<string>>();
  const resolve = (key: string, seen: Set<string>): Set<string> => {
    const out = new Set<string>();
    if (seen.has(key)) return out;
    seen.add(key);
    for (const from of edges.get(key) ?? [])
      for (const g of decls.globals.has(from) ? [from] : resolve(from, seen)) out.add(g);
    return out;
  };
  for (const key of edges.keys()) origins.set(key, resolve(key, new Set()));
  return origins;
}

function globalLabel(src: WgslSource, g: GlobalVar): VariableLabel {
  const name = wgslMessage(src, g.name);
  const where =
    g.space === 'workgroup'
      ? `var<workgroup> ${name}`
      : `@group(${g.group}) @binding(${g.binding}) ${name}, ${g.space}`;
  return { name, where };
}

/** The label of each checked variable, and the module-scope variables each one may be (a pointer's origins). */
export function variableLabel(
  src: WgslSource,
  decls: ModuleDecls,
  origins: ReadonlyMap<string, ReadonlySet<string>>,
  v: CheckedVariable,
): { readonly label: VariableLabel; readonly globals: readonly string[] } {
  if (v.kind === 'global') return { label: globalLabel(src, v.global), globals: [v.global.name] };
  const from = [...(origins.get(v.key) ?? [])];
  const via = `${v.param} of ${wgslMessage(src, v.fn)}`;
  if (from.length === 1) {
    const g = globalLabel(src, decls.globals.get(from[0]!)!);
    return { label: { name: g.name, where: `${g.where}; through ${via}` }, globals: from };
  }
  const names = from.map((g) => wgslMessage(src, g)).join(' or ') || 'no variable of the module';
  return { label: { name: `(*${v.param})`, where: `${via}, a pointer to ${names}` }, globals: from };
}
