/**
 * The naming rule for kernels (docs/naming.md), decided here and used by
 * defineKernel, `twinpath init` and the check of this repository:
 *
 * - a kernel's name is snake_case, `[a-z0-9_]+` (`mip_downsample`): it names
 *   the sweep, the report folder and the replay line;
 * - its folder is `kernels/<family>/`, the family being the kernel's name or
 *   the common prefix of the kernels it holds (`photo` for `photo_*`); the
 *   folder's definition module is `kernel.ts`;
 * - files inside are kebab-case of the family: `<family-kebab>.wgsl` (and its
 *   native sources `.cu`, `.cpp`, `.h`), the
 *   oracle `oracles/<family-kebab>.ts`; the sweep file is `cases/<family>.test.ts`; a check of the kernel beyond
 *   its sweep lies beside it, kebab-case too (`mip-chain.test.ts`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a kernel name must match. */
export const KERNEL_NAME = /^[a-z0-9_]+$/;

/** The file of a kernel folder that defines and exports its kernels. */
export const KERNEL_MODULE = 'kernel.ts';

/** A kernel family's files from the project root; `kernelFiles('flip_y').wgsl` is `kernels/flip_y/flip-y.wgsl`. */
export function kernelFiles(family: string): {
  folder: string;
  definition: string;
  wgsl: string;
  oracle: string;
  sweep: string;
} {
  const kebab = family.replaceAll('_', '-');
  return {
    folder: `kernels/${family}`,
    definition: `kernels/${family}/${KERNEL_MODULE}`,
    wgsl: `kernels/${family}/${kebab}.wgsl`,
    oracle: `oracles/${kebab}.ts`,
    sweep: `cases/${family}.test.ts`,
  };
}

const KEBAB_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.test)?\.(?:wgsl|ts|cu|cpp|c|h)$/;

/**
 * The ways the kernel folders under `root/kernels` break the rule, one line each:
 * `kernels/FlipY: a kernel folder is snake_case ([a-z0-9_]+)`,
 * `kernels/flip_y/flip_y.wgsl: files in a kernel folder are kebab-case (flip-y.wgsl)`,
 * `kernels/flip_y: no sweep file cases/flip_y.test.ts`.
 */
export function namingViolations(root: string): string[] {
  const dir = join(root, 'kernels');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const family of readdirSync(dir)) {
    const folder = join(dir, family);
    if (!statSync(folder).isDirectory() || !existsSync(join(folder, KERNEL_MODULE))) continue;
    const files = kernelFiles(family);
    if (!KERNEL_NAME.test(family)) out.push(`${files.folder}: a kernel folder is snake_case ([a-z0-9_]+)`);
    for (const f of readdirSync(folder)) {
      if (!KEBAB_FILE.test(f))
        out.push(
          `${files.folder}/${f}: files in a kernel folder are kebab-case (${f.toLowerCase().replaceAll('_', '-')})`,
        );
    }
    if (!existsSync(join(root, files.sweep))) out.push(`${files.folder}: no sweep file ${files.sweep}`);
  }
  return out;
}
