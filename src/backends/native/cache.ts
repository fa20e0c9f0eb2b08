/**
 * Where compiled native artifacts live: shared libraries and probes, keyed by
 * a hash of everything that went into them (TWINPATH_NATIVE_CACHE, default
 * `<tmpdir>/twinpath-native-<uid>`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

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
