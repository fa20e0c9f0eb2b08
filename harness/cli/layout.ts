/**
 * `twinpath layout`: the layout of every struct in WGSL files, and with a TS
 * declaration named, the three-way check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadProjectModule } from '../../project/load-module.ts';
import { wgslJoin } from '../gpu/wgsl-source.ts';
import { checkLayout, renderLayoutCheck } from '../layout/check.ts';
import { reflectStructs } from '../layout/reflected.ts';
import { layoutStruct } from '../layout/rules.ts';
import { typeName, type StructDecl } from '../layout/types.ts';
import { renderUniformViolation, uniformViolations } from '../layout/uniform.ts';
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
  if (!decl || typeof decl !== 'object' || !('members' in decl)) throw new Error(`twinpath: ${spec} is not a struct declaration (struct(...) or a function returning one)`);
  return decl as StructDecl;
}

/** Prints layouts or the three-way check; returns the exit code (1 when a check fails). */
export async function layoutCommand(cmd: Command, out: (s: string) => void): Promise<number> {
  const src = wgslJoin(cmd.kernels.map((f) => ({ file: f, code: readFileSync(f, 'utf8') })));
  if (cmd.ts) {
    const ts = await loadDecl(cmd.ts);
    const c = await checkLayout({ ts, wgsl: src, struct: cmd.struct ?? ts.name, space: cmd.space ?? 'storage' });
    out(cmd.json ? JSON.stringify(c, null, 2) : renderLayoutCheck(c));
    return c.pass ? 0 : 1;
  }
  const structs = reflectStructs(src.code).filter((s) => !cmd.struct || s.decl.name === cmd.struct);
  if (!structs.length) throw new Error(`twinpath: no struct ${cmd.struct ? `${cmd.struct} ` : ''}in ${cmd.kernels.join(', ')}`);
  const described = structs.map((s) => {
    const l = layoutStruct(s.decl);
    return { name: l.name, size: l.size, align: l.align, members: l.members.map((m) => ({ name: m.name, type: typeName(m.type), offset: m.offset, size: m.size, align: m.align })), uniform: uniformViolations(s.decl) };
  });
  if (cmd.json) {
    out(JSON.stringify(described, null, 2));
    return 0;
  }
  for (const s of described) {
    out(`struct ${s.name}: ${s.size} bytes, align ${s.align}; storage: valid; uniform: ${s.uniform.length ? `${s.uniform.length} rule(s) broken` : 'valid'}`);
    const w = Math.max(6, ...s.members.map((m) => m.name.length));
    const t = Math.max(4, ...s.members.map((m) => m.type.length));
    out(`  ${'offset'.padStart(6)}  ${'size'.padStart(4)}  ${'align'.padStart(5)}  ${'member'.padEnd(w)}  type`);
    for (const m of s.members) out(`  ${String(m.offset).padStart(6)}  ${String(m.size).padStart(4)}  ${String(m.align).padStart(5)}  ${m.name.padEnd(w)}  ${m.type.padEnd(t)}`.trimEnd());
    for (const v of s.uniform) out(`  ${renderUniformViolation(v)}`);
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
