/**
 * `twinpath layout`: the layout of every struct in WGSL files, composed as a
 * kernel's are (`#import` resolved among the files and under the import
 * roots; a struct of an imported module is named `module::Struct`), and with
 * a TS declaration named, the three-way check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadProjectModule } from '../vitest/load-module.ts';
import { reflectError } from '../wgsl/reflect.ts';
import { wgslJoin, wgslMessage, type WgslSource } from '../wgsl/source.ts';
import { checkLayout, renderLayoutCheck } from '../layout-check/check.ts';
import { reflectStructs } from '../layout-check/reflected.ts';
import { layoutStruct } from '../model/layout/rules.ts';
import { typeName, type StructDecl } from '../model/layout/types.ts';
import { renderUniformViolation, uniformViolations } from '../model/layout/uniform.ts';
import type { LAYOUT } from './command-specs.ts';
import { didYouMean } from './did-you-mean.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/**
 * Loads `MODULE#EXPORT` (a TypeScript or JavaScript module anywhere; no `#EXPORT`: its default export): a StructDecl,
 * or a function returning one. Throws a UsageError naming what the module does export:
 * `twinpath layout: --ts x.ts#Nope: x.ts exports no Nope (did you mean P?); it exports: P, Q`, or
 * `twinpath layout: --ts x.ts#Q: Q is not a struct declaration (struct(...) or a function returning one); ...`.
 */
async function loadDecl(spec: string): Promise<StructDecl> {
  const [file, name = 'default'] = spec.split('#');
  const at = `twinpath layout: --ts ${spec}`;
  if (!existsSync(file!)) throw new UsageError('layout', `${at}: no file ${file}`);
  const mod = await loadProjectModule(file!);
  const exported = Object.keys(mod);
  const exports = `it exports: ${exported.join(', ') || 'nothing'}`;
  if (!(name in mod))
    throw new UsageError('layout', `${at}: ${file} exports no ${name}${didYouMean(name, exported)}; ${exports}`);
  const value = mod[name];
  const decl = typeof value === 'function' ? (value as () => unknown)() : value;
  if (!decl || typeof decl !== 'object' || !('members' in decl))
    throw new UsageError(
      'layout',
      `${at}: ${name} is not a struct declaration (struct(...) or a function returning one); ${exports}`,
    );
  return decl as StructDecl;
}

/** The structs of composed WGSL; wgsl_reflect's parse errors name the file and line as written. */
function reflected(src: WgslSource): ReturnType<typeof reflectStructs> {
  try {
    return reflectStructs(src.code);
  } catch (e) {
    throw reflectError(e, src.lines);
  }
}

/**
 * `twinpath layout FILE.wgsl... [--root DIR]... [--struct NAME] [--ts MODULE#EXPORT] [--space storage|uniform] [--json]`:
 * prints layouts or the three-way check; returns 1 when a check fails. Throws a UsageError for no file, a missing one
 * (`twinpath layout: no file x.wgsl`) and a bad --ts (loadDecl).
 */
export async function layoutMain({ operands, values }: ParsedCommand<typeof LAYOUT>): Promise<number> {
  if (!operands.length) throw new UsageError('layout', 'twinpath layout: name at least one WGSL file');
  const missing = operands.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError('layout', `twinpath layout: no file ${missing.join(', ')}`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const src = wgslJoin(
    operands.map((f) => ({ file: f, code: readFileSync(f, 'utf8') })),
    { importRoots: values.root },
  );
  if (src.problem !== undefined) throw new Error(`twinpath layout: ${src.problem}`);
  if (values.ts) {
    const ts = await loadDecl(values.ts);
    const c = await checkLayout({
      ts,
      wgsl: src,
      struct: values.struct ?? ts.name,
      space: values.space as 'storage' | 'uniform',
    });
    out(values.json ? JSON.stringify(c, null, 2) : renderLayoutCheck(c));
    return c.pass ? 0 : 1;
  }
  return printLayouts(src, operands, values, out);
}

/**
 * Prints the layout of every struct of `src` (only `values.struct`'s), as a table or JSON. Throws a UsageError for a
 * --struct none is named: `twinpath layout: --struct Nope: no such struct in a.wgsl; structs: A, B`.
 */
function printLayouts(
  src: WgslSource,
  files: readonly string[],
  values: ParsedCommand<typeof LAYOUT>['values'],
  out: (line: string) => void,
): number {
  const named = (n: string) => wgslMessage(src, n);
  const wanted = (n: string) => !values.struct || n === values.struct || n.endsWith(`::${values.struct}`);
  const all = reflected(src);
  const structs = all.filter((s) => wanted(named(s.decl.name)));
  if (!all.length) throw new Error(`twinpath layout: no struct in ${files.join(', ')}`);
  if (!structs.length) {
    const names = all.map((s) => named(s.decl.name));
    const nearby = didYouMean(values.struct!, names);
    throw new UsageError(
      'layout',
      `twinpath layout: --struct ${values.struct}: no such struct in ${files.join(', ')}${nearby}; structs: ${names.join(', ')}`,
    );
  }
  const described = structs.map((s) => {
    const l = layoutStruct(s.decl);
    const members = l.members.map((m) => {
      const { name, offset, size, align } = m;
      return { name, type: named(typeName(m.type)), offset, size, align };
    });
    return { name: named(l.name), size: l.size, align: l.align, members, uniform: uniformViolations(s.decl) };
  });
  if (values.json) {
    out(JSON.stringify(described, null, 2));
    return 0;
  }
  for (const s of described) {
    out(
      `struct ${s.name}: ${s.size} bytes, align ${s.align}; storage: valid; uniform: ${s.uniform.length ? `${s.uniform.length} rule(s) broken` : 'valid'}`,
    );
    const w = Math.max(6, ...s.members.map((m) => m.name.length));
    const t = Math.max(4, ...s.members.map((m) => m.type.length));
    out(`  ${'offset'.padStart(6)}  ${'size'.padStart(4)}  ${'align'.padStart(5)}  ${'member'.padEnd(w)}  type`);
    for (const m of s.members)
      out(
        `  ${String(m.offset).padStart(6)}  ${String(m.size).padStart(4)}  ${String(m.align).padStart(5)}  ${m.name.padEnd(w)}  ${m.type.padEnd(t)}`.trimEnd(),
      );
    for (const v of s.uniform) out(`  ${named(renderUniformViolation(v))}`);
  }
  return 0;
}
