/**
 * Kernels by the names their authors wrote: a module's functions listed (the
 * driver's cuModuleEnumerateFunctions on CUDA 12.4+, else `cuobjdump
 * -symbols` of the CUBIN), demangled by the toolkit's cu++filt, and matched
 * against a launch's name with whitespace normalised, so
 * `reduce<int, 256, true>` finds `_Z6reduceIiLi256ELb1EEvPT_j`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, nativeCacheDir } from '../native/cache.ts';
import { LAYOUT_PROBE_ENTRY } from '../native/layout-probe.ts';
import type { CudaToolkit } from './toolkit.ts';

/** A kernel of a module: its lowered (mangled or extern "C") name and its name as written. */
export interface ModuleKernel {
  readonly lowered: string;
  readonly source: string;
}

/**
 * An integer or bool template argument as written: cu++filt prints `reverse_tile<(int)64>`, `reduce<128u>` and
 * `reduce<(bool)1>` where the source says `reverse_tile<64>`, `reduce<128>` and `reduce<true>` (a cast for int, short,
 * char and bool; a suffix for unsigned and long).
 */
function plainLiterals(name: string): string {
  return name
    .replace(/\(bool\)0/g, 'false')
    .replace(/\(bool\)1/g, 'true')
    .replace(/\((?:(?:un)?signed )?(?:char|short|int|long|long long)\)(-?\d+)/g, '$1')
    .replace(/\b(\d+)(?:ull|llu|ul|lu|ll|u|l)\b/gi, '$1');
}

/**
 * `reduce<int,256,true>` for `reduce< int, 256,  true >` and for cu++filt's `reduce<int, (int)256, true>`: a space is
 * kept only between two words, integer arguments plain.
 */
export function normaliseName(name: string): string {
  return plainLiterals(name)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?=\W)|(?<=\W) /g, '');
}

/**
 * The name as written from a demangled signature: `void reduce<int, 256, true>(int*, unsigned int)` and
 * `void reduce<int, (int)256, true>(int*, unsigned int)` → `reduce<int, 256, true>`.
 */
export function sourceName(demangled: string): string {
  let s = demangled.trim();
  if (s.endsWith(')')) {
    let depth = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      if (s[i] === ')') depth++;
      else if (s[i] === '(' && --depth === 0) {
        s = s.slice(0, i);
        break;
      }
    }
  }
  return plainLiterals(s.replace(/^void\s+/, '').trim());
}

/** Demangles names with the toolkit's cu++filt (one run); each name as it is where there is none, or it fails. */
export function demangle(names: readonly string[], toolkit: CudaToolkit | undefined): string[] {
  if (!toolkit?.cuxxfilt || !names.length) return [...names];
  const r = spawnSync(toolkit.cuxxfilt, [], { input: `${names.join('\n')}\n`, encoding: 'utf8' });
  const lines = r.status === 0 ? r.stdout.split('\n') : [];
  return names.map((n, i) => lines[i]?.trim() || n);
}

/** Kernel names of a CUBIN by `cuobjdump -symbols` (its STO_ENTRY symbols), or undefined without cuobjdump. */
export function cuobjdumpKernels(cubin: Uint8Array, toolkit: CudaToolkit | undefined): string[] | undefined {
  if (!toolkit?.cuobjdump) return undefined;
  const file = join(nativeCacheDir(), `${cacheKey('cubin', Buffer.from(cubin).toString('base64'))}.cubin`);
  if (!existsSync(file)) writeFileSync(file, cubin);
  const r = spawnSync(toolkit.cuobjdump, ['-symbols', file], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('STO_ENTRY'))
    .map((l) => l.trim().split(/\s+/).pop()!);
}

/**
 * The module's kernels (the layout probe left out), named as written, or undefined when nothing can list them:
 * `lowered` as the driver or cuobjdump lists them, `known` the lowered names NVRTC gave for name expressions.
 */
export function moduleKernels(
  lowered: readonly string[] | undefined,
  known: ReadonlyMap<string, string>,
  toolkit: CudaToolkit | undefined,
): ModuleKernel[] | undefined {
  const byLowered = new Map([...known].map(([source, l]) => [l, source] as const));
  const names = (lowered ?? [...byLowered.keys()]).filter((n) => n !== LAYOUT_PROBE_ENTRY);
  if (!lowered && !names.length) return undefined;
  const unknown = names.filter((n) => !byLowered.has(n));
  const demangled = new Map(demangle(unknown, toolkit).map((d, i) => [unknown[i]!, sourceName(d)] as const));
  return names.map((n) => ({ lowered: n, source: byLowered.get(n) ?? demangled.get(n)! }));
}

/** The kernel a launch's name means, by its name with whitespace normalised. */
export function findKernel(kernels: readonly ModuleKernel[] | undefined, entry: string): ModuleKernel | undefined {
  const wanted = normaliseName(entry);
  return kernels?.find((k) => normaliseName(k.source) === wanted);
}
