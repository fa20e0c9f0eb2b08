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
import type { Command } from './args.ts';
import { parseFor } from './parse.ts';
import { UsageError } from './usage.ts';

/**
 * Loads `MODULE#EXPORT` (a TypeScript or JavaScript module anywhere): a StructDecl, or a function returning one.
 * Throws `twinpath: x.ts#P is not a struct declaration (struct(...) or a function returning one)`.
 */
async function loadDecl(spec: string): Promise<StructDecl> {
  const [file, name = 'default'] = spec.split('#');
  if (!existsSync(file!)) throw new UsageError('layout', `twinpath layout: --ts ${spec}: no file ${file}`);
  const mod = await loadProjectModule(file!);
  const value = mod[name];
  const decl = typeof value === 'function' ? (value as () => unknown)() : value;
  if (!decl || typeof decl !== 'object' || !('members' in decl))
    throw new Error(`twinpath: ${spec} is not a struct declaration (struct(...) or a function returning one)`);
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

/** Prints layouts or the three-way check; returns the exit code (1 when a check fails). */
export async function layoutCommand(cmd: Command, out: (s: string) => void): Promise<number> {
  const src = wgslJoin(
    cmd.kernels.map((f) => ({ file: f, code: readFileSync(f, 'utf8') })),
    { importRoots: cmd.importRoots ?? [] },
  );
  if (src.problem !== undefined) throw new Error(`twinpath layout: ${src.problem}`);
  if (cmd.ts) {
    const ts = await loadDecl(cmd.ts);
    const c = await checkLayout({ ts, wgsl: src, struct: cmd.struct ?? ts.name, space: cmd.space ?? 'storage' });
    out(cmd.json ? JSON.stringify(c, null, 2) : renderLayoutCheck(c));
    return c.pass ? 0 : 1;
  }
  const named = (n: string) => wgslMessage(src, n);
  const wanted = (n: string) => !cmd.struct || n === cmd.struct || n.endsWith(`::${cmd.struct}`);
  const structs = reflected(src).filter((s) => wanted(named(s.decl.name)));
  if (!structs.length)
    throw new Error(`twinpath: no struct ${cmd.struct ? `${cmd.struct} ` : ''}in ${cmd.kernels.join(', ')}`);
  const described = structs.map((s) => {
    const l = layoutStruct(s.decl);
    const members = l.members.map((m) => {
      const { name, offset, size, align } = m;
      return { name, type: named(typeName(m.type)), offset, size, align };
    });
    return { name: named(l.name), size: l.size, align: l.align, members, uniform: uniformViolations(s.decl) };
  });
  if (cmd.json) {
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

/** `twinpath layout FILE.wgsl... [--struct NAME] [--ts MODULE#EXPORT] [--space storage|uniform] [--json]`. */
export async function layoutMain(argv: readonly string[]): Promise<number> {
  const cmd = parseFor('layout', argv, 'layout');
  const missing = cmd.kernels.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError('layout', `twinpath layout: no file ${missing.join(', ')}`);
  return layoutCommand(cmd, (line) => process.stdout.write(`${line}\n`));
}
