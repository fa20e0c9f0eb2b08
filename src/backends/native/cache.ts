/**
 * Where compiled native artifacts live: shared libraries and probes, keyed by
 * a hash of everything that went into them (TWINPATH_NATIVE_CACHE, default
 * `<tmpdir>/twinpath-native-<uid>`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/** The cache folder, created on first use. */
export function nativeCacheDir(): string {
  const dir = process.env.TWINPATH_NATIVE_CACHE || join(tmpdir(), `twinpath-native-${userInfo().uid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A short hex key of the given parts (source, compiler, flags). */
export function cacheKey(...parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 24);
}

/** `#include "name"` lines: the headers a source reaches that are the project's own. */
const QUOTED_INCLUDE = /^\s*#\s*include\s*"([^"]+)"/gm;

/**
 * The source with every header it reaches by `#include "…"` — looked for beside the including file, then in the
 * `-I` folders of `flags` — appended with its path, so a cache key over it changes when a header changes: a stale
 * library never stands in for an edited header. A header not found is left to the compiler to report.
 */
export function withLocalHeaders(code: string, flags: readonly string[], from?: string): string {
  const dirs = flags.filter((f) => f.startsWith('-I') && f.length > 2).map((f) => f.slice(2));
  const seen = new Set<string>();
  const parts = [code];
  const visit = (text: string, here: string | undefined) => {
    for (const m of text.matchAll(QUOTED_INCLUDE)) {
      const path = [...(here ? [here] : []), ...dirs].map((d) => join(d, m[1]!)).find((p) => existsSync(p));
      if (!path || seen.has(path)) continue;
      seen.add(path);
      const header = readFileSync(path, 'utf8');
      parts.push(`\0${path}\0${header}`);
      visit(header, dirname(path));
    }
  };
  visit(code, from);
  return parts.join('');
}
