/**
 * AddressSanitizer with UndefinedBehaviorSanitizer for the C++ backend: the
 * compiler's own runtime (`c++ -print-file-name=libasan.so`), preloaded into a
 * runner process of its own, with the options that make the first error end
 * that process and leave its report in a log the parent reads back.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { nativeCacheDir } from '../native/cache.ts';
import type { HostCompiler } from '../native/host-compiler.ts';

/** What the sanitized build of a kernel adds to its compile flags. */
export const ASAN_FLAGS: readonly string[] = ['-fsanitize=address,undefined', '-fno-omit-frame-pointer', '-g'];

/** The sanitizer runtime of the compiler: the library a runner process preloads. */
export interface AsanRuntime {
  readonly preload: string;
}

const found = new Map<string, AsanRuntime | { readonly unavailable: string }>();

/** The library folders the compiler searches (`-print-search-dirs`), for the message of a missing runtime. */
function searchDirs(cc: HostCompiler): string {
  const r = spawnSync(cc.command, ['-print-search-dirs'], { encoding: 'utf8' });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('libraries: ='));
  return line ? line.slice('libraries: ='.length).split(':').join(', ') : `(${cc.command} -print-search-dirs failed)`;
}

/**
 * The compiler's AddressSanitizer runtime, or why there is none:
 * `AddressSanitizer unavailable: c++ -print-file-name=libasan.so found no libasan.so (searched /usr/lib/gcc/x86_64-linux-gnu/12/, …).
 * Fix: install the compiler's sanitizer runtime (libasan8 on Debian, or clang's compiler-rt), or set TWINPATH_CXX to a compiler that has one`.
 */
export function asanRuntime(cc: HostCompiler): AsanRuntime | { readonly unavailable: string } {
  const known = found.get(cc.command);
  if (known) return known;
  const r = spawnSync(cc.command, ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const path = (r.stdout ?? '').trim();
  const result =
    r.status === 0 && isAbsolute(path)
      ? { preload: path }
      : {
          unavailable: `AddressSanitizer unavailable: ${cc.command} -print-file-name=libasan.so found no libasan.so (searched ${searchDirs(cc)}). Fix: install the compiler's sanitizer runtime (libasan8 on Debian, or clang's compiler-rt), or set TWINPATH_CXX to a compiler that has one`,
        };
  found.set(cc.command, result);
  return result;
}

let logs = 0;

/**
 * The environment of a sanitized runner process and where its report goes: the runtime preloaded, leaks not
 * checked (the runner lives across cases), the first error fatal (ASan aborts, UBSan exits), the report in
 * `<log>.<pid>`.
 */
export function asanEnvironment(rt: AsanRuntime): { readonly env: NodeJS.ProcessEnv; readonly log: string } {
  const dir = join(nativeCacheDir(), 'sanitizer-logs');
  mkdirSync(dir, { recursive: true });
  const log = join(dir, `asan-${process.pid}-${logs++}`);
  const common = `halt_on_error=1:print_stacktrace=1:log_path=${log}`;
  return {
    log,
    env: {
      ...process.env,
      LD_PRELOAD: rt.preload,
      ASAN_OPTIONS: `detect_leaks=0:abort_on_error=1:${common}`,
      UBSAN_OPTIONS: common,
      TWINPATH_RUNNER_HEAP: rt.preload,
    },
  };
}
