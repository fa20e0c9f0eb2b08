/**
 * The C layout of each struct a native implementation passes, as the
 * compiler that built it laid it out (gcc, clang or NVRTC): a probe function
 * compiled into the same module writes every struct's sizeof and each
 * member's offset, and they must equal the TS declaration's C-rules layout.
 * Plain C++ (no offsetof, no headers), so NVRTC and the host compilers build
 * it alike; the backend calls it once per module.
 */
import { layoutStruct } from '../../model/layout/rules.ts';
import type { StructDecl } from '../../model/layout/types.ts';
import { NativeCompileError } from './host-compiler.ts';

/** The probe's entry point. */
export const LAYOUT_PROBE_ENTRY = 'twinpath_layout_probe';

/** The file name the probe's source is compiled under. */
export const LAYOUT_PROBE_FILE = '<twinpath C layout probe>';

/** How many u64 values the probe writes: per struct, its size then one offset per member. */
export function layoutProbeLength(structs: readonly StructDecl[]): number {
  return structs.reduce((n, s) => n + 1 + s.members.length, 0);
}

/**
 * The probe's source: `extern "C" [__global__] void twinpath_layout_probe(unsigned long long* out)`,
 * one block per struct: `{ Im2colParams s; out[0] = sizeof(s); out[1] = (char*)&s.pixel_h - (char*)&s; … }`.
 */
export function layoutProbeSource(structs: readonly StructDecl[], backend: 'cuda' | 'cpp'): string {
  let i = 0;
  const blocks = structs.map((s) => {
    const lines = [
      `out[${i++}] = sizeof(s);`,
      ...s.members.map((m) => `out[${i++}] = (unsigned long long)((const char*)&s.${m.name} - (const char*)&s);`),
    ];
    return `  {\n    ${s.name} s;\n    ${lines.join('\n    ')}\n  }`;
  });
  return `extern "C" ${backend === 'cuda' ? '__global__ ' : ''}void ${LAYOUT_PROBE_ENTRY}(unsigned long long* out) {\n${blocks.join('\n')}\n}\n`;
}

/**
 * Compares what the probe wrote with the TS declarations. Throws NativeCompileError:
 * `im2col [cpp]: C struct Im2colParams differs from its TS declaration (C rules): nps_x at offset 16 in the compiled source, 12 in TS; nps_y at offset 12, 16 in TS. Fix: declare the C struct's members in the TS declaration's order, with its types`.
 */
export function checkProbedLayout(
  label: string,
  structs: readonly StructDecl[],
  probed: ArrayLike<number | bigint>,
): void {
  let i = 0;
  const problems: string[] = [];
  for (const s of structs) {
    const l = layoutStruct(s, 'c');
    const size = Number(probed[i++]);
    const wrong = l.members.flatMap((m) => {
      const at = Number(probed[i++]);
      return at === m.offset ? [] : [`${m.name} at offset ${at} in the compiled source, ${m.offset} in TS`];
    });
    if (size !== l.size) wrong.push(`sizeof ${size} in the compiled source, ${l.size} in TS`);
    if (wrong.length)
      problems.push(`C struct ${s.name} differs from its TS declaration (C rules): ${wrong.join('; ')}`);
  }
  if (problems.length)
    throw new NativeCompileError(
      `${label}: ${problems.join('\n')}. Fix: declare the C struct's members in the TS declaration's order, with its types`,
    );
}
