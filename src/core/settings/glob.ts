/**
 * Path globs as twinpath's config writes them (`cases/*.test.ts`,
 * `src/**\/*.parity.test.ts`): `*` within one path segment, `**` across
 * segments. Paths use `/` and are relative to the project root.
 */

/** The regular expression of a path glob. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether the relative path `file` matches any of `globs`. */
export function matchesAnyGlob(file: string, globs: readonly string[]): boolean {
  const path = file.replaceAll('\\', '/');
  return globs.some((g) => globRegExp(g).test(path));
}
