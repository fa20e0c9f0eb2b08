/**
 * The WGSL the bounds check appends to a module: the record buffer, the
 * invocation id each entry point stores for the check to report, and the
 * check itself. Appended after the last line, so every line the author wrote
 * keeps its number.
 */
import { CHECK_FUNCTION } from './rewrite.ts';

/** The record buffer's variable. */
export const RECORD_VARIABLE = 'twinpath_bounds';

/** The private variable each entry point sets to its global invocation id. */
export const INVOCATION_VARIABLE = 'twinpath_invocation';

/** The parameter added to an entry point that has no global invocation id of its own. */
export const INVOCATION_PARAMETER = 'twinpath_invocation_in';

/**
 * u32 words per variable in the record buffer: the number of out-of-bounds accesses, then the first one's site,
 * index, bound and global invocation id (x, y, z), and one word of padding.
 */
export const RECORD_WORDS = 8;

/**
 * The appended WGSL for a record buffer at `group`/`binding`. The counter is claimed with atomicAdd: only the
 * access that finds it 0 writes the rest, so the first violation is kept whole, and the count comes free.
 */
export function boundsPrelude(group: number, binding: number): string {
  return `
@group(${group}) @binding(${binding}) var<storage, read_write> ${RECORD_VARIABLE}: array<atomic<u32>>;
var<private> ${INVOCATION_VARIABLE}: vec3<u32>;
fn ${CHECK_FUNCTION}(index: u32, bound: u32, site: u32, slot: u32) -> u32 {
  if (index >= bound) {
    let at = slot * ${RECORD_WORDS}u;
    if (atomicAdd(&${RECORD_VARIABLE}[at], 1u) == 0u) {
      atomicStore(&${RECORD_VARIABLE}[at + 1u], site);
      atomicStore(&${RECORD_VARIABLE}[at + 2u], index);
      atomicStore(&${RECORD_VARIABLE}[at + 3u], bound);
      atomicStore(&${RECORD_VARIABLE}[at + 4u], ${INVOCATION_VARIABLE}.x);
      atomicStore(&${RECORD_VARIABLE}[at + 5u], ${INVOCATION_VARIABLE}.y);
      atomicStore(&${RECORD_VARIABLE}[at + 6u], ${INVOCATION_VARIABLE}.z);
    }
  }
  return min(index, bound - 1u);
}
`;
}
