/**
 * The C rules checked against the C compiler, as the WGSL rules are checked
 * against the GPU: a probe program declaring the struct prints sizeof,
 * alignof and each member's offsetof; they must equal the layout engine's C
 * layout of the TS declaration.
 */
import { compileHost, runProgram } from '../backends/native/host-compiler.ts';
import { cDeclaration } from '../model/layout/c-text.ts';
import { layoutStruct } from '../model/layout/rules.ts';
import type { StructDecl } from '../model/layout/types.ts';

export interface CLayoutRow {
  readonly name: string;
  readonly ts: number;
  readonly c: number;
}

export interface CLayoutCheck {
  readonly struct: string;
  readonly pass: boolean;
  readonly ts: { readonly size: number; readonly align: number };
  readonly c: { readonly size: number; readonly align: number };
  /** Every member's offset, TS (C rules) against the compiler. */
  readonly rows: readonly CLayoutRow[];
}

export interface CheckCLayoutOptions {
  readonly ts: StructDecl;
  /** C source declaring the struct (a typedef of its name); default: the TS declaration in C. */
  readonly c?: string;
}

/** The probe program: the declaration, then one line per measure. */
function probeProgram(ts: StructDecl, declaration: string): string {
  const lines = [
    `printf("size %zu\\n", sizeof(${ts.name}));`,
    `printf("align %zu\\n", _Alignof(${ts.name}));`,
    ...ts.members.map((m) => `printf("member ${m.name} %zu\\n", offsetof(${ts.name}, ${m.name}));`),
  ];
  return `#include <stddef.h>\n#include <stdint.h>\n#include <stdio.h>\n${declaration}\nint main(void) {\n  ${lines.join('\n  ')}\n  return 0;\n}\n`;
}

/**
 * Compiles and runs the probe with the system C compiler. Throws
 * NativeCompileError when the declaration does not compile (a member the C
 * struct lacks: `error: 'TextureDesc' has no member named 'flipY'`).
 */
export function checkCLayout(o: CheckCLayoutOptions): CLayoutCheck {
  const layout = layoutStruct(o.ts, 'c');
  const exe = compileHost({
    language: 'c',
    code: probeProgram(o.ts, o.c ?? cDeclaration(o.ts)),
    output: 'executable',
    flags: ['-O0'],
    label: `layout probe ${o.ts.name}`,
  });
  const out = runProgram(exe, `layout probe ${o.ts.name}`);
  const value = (key: string) =>
    Number(/^(\S+ ?\S*) (\d+)$/m.exec(out.split('\n').find((l) => l.startsWith(`${key} `)) ?? '')?.[2]);
  const rows = layout.members.map((m) => ({ name: m.name, ts: m.offset, c: value(`member ${m.name}`) }));
  const c = { size: value('size'), align: value('align') };
  const pass = c.size === layout.size && c.align === layout.align && rows.every((r) => r.ts === r.c);
  return { struct: o.ts.name, pass, ts: { size: layout.size, align: layout.align }, c, rows };
}

/**
 * `TextureDesc (C): TS and the C compiler agree: 112 bytes, align 4, 12 fields`, or
 * `TextureDesc (C): first wrong field mipLevelCount: TS offset 28, C 32; size TS 112, C 116, align TS 4, C 4`.
 */
export function renderCLayoutCheck(r: CLayoutCheck): string {
  if (r.pass)
    return `${r.struct} (C): TS and the C compiler agree: ${r.ts.size} bytes, align ${r.ts.align}, ${r.rows.length} fields`;
  const wrong = r.rows.find((x) => x.ts !== x.c);
  const field = wrong ? `first wrong field ${wrong.name}: TS offset ${wrong.ts}, C ${wrong.c}; ` : '';
  return `${r.struct} (C): ${field}size TS ${r.ts.size}, C ${r.c.size}, align TS ${r.ts.align}, C ${r.c.align}`;
}
