/**
 * What the bounds check's record buffer says after a case: per checked
 * variable, how many accesses fell outside its bound and the first one —
 * variable and binding, index, bound, global invocation id, and the line as
 * written.
 */
import { formatPosition, originOf } from '../line-map.ts';
import type { BoundsCheck } from './instrument.ts';
import { RECORD_WORDS } from './prelude.ts';

const ACCESS = { read: 'read', write: 'write', pointer: 'pointer to' } as const;

/** `a[-1]` for an index that was a negative i32, else the index as a u32. */
const indexText = (i: number) => (i >= 2 ** 31 ? `${i} (${i - 2 ** 32} as i32)` : String(i));

/**
 * One line per checked variable that was accessed out of bounds, in slot order; empty when none was:
 * `out-of-bounds read src[16] (bound 16; @group(0) @binding(0) src, storage) at kernels/k/k.wgsl:9 by global
 * invocation (3, 0, 0); 4 out-of-bounds accesses to src in the case`.
 */
export function boundsViolations(check: BoundsCheck, words: Uint32Array): string[] {
  const out: string[] = [];
  check.variables.forEach((v, slot) => {
    const at = slot * RECORD_WORDS;
    const count = words[at]!;
    if (!count) return;
    const [site, index, bound, x, y, z] = [...words.subarray(at + 1, at + 7)] as number[];
    const s = check.sites[site!];
    const { name, where } = v;
    const line = s ? formatPosition(originOf(check.source.lines, s.line)) : `site ${site}`;
    const kind = s ? ACCESS[s.access] : 'access to';
    const more = count > 1 ? `; ${count} out-of-bounds accesses to ${name} in the case` : '';
    const access = `out-of-bounds ${kind} ${name}[${indexText(index!)}] (bound ${bound}; ${where})`;
    out.push(`${access} at ${line} by global invocation (${x}, ${y}, ${z})${more}`);
  });
  return out;
}
