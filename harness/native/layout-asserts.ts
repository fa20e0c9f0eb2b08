/**
 * The C layout of each struct a native implementation passes, checked by the
 * compiler that builds it (gcc, clang or NVRTC): static assertions of the
 * TS declaration's C-rules size and member offsets, appended to the source.
 */
import { layoutStruct } from '../layout/rules.ts';
import type { StructDecl } from '../layout/types.ts';

/** The file name assertion failures are reported under. */
export const LAYOUT_CHECK_FILE = '<twinpath C layout check>';

/**
 * `static_assert(sizeof(TextureDesc) == 112, "twinpath layout: sizeof(TextureDesc) is 112 in the TS declaration (C rules)");`
 * and one per member: a failure reads
 * `static assertion failed: twinpath layout: TextureDesc.mipLevelCount is at offset 28 in the TS declaration (C rules)`.
 */
export function layoutAssertions(structs: readonly StructDecl[]): string {
  return structs
    .flatMap((s) => {
      const l = layoutStruct(s, 'c');
      return [
        `static_assert(sizeof(${s.name}) == ${l.size}, "twinpath layout: sizeof(${s.name}) is ${l.size} in the TS declaration (C rules)");`,
        ...l.members.map((m) => `static_assert(__builtin_offsetof(${s.name}, ${m.name}) == ${m.offset}, "twinpath layout: ${s.name}.${m.name} is at offset ${m.offset} in the TS declaration (C rules)");`),
      ];
    })
    .join('\n');
}
