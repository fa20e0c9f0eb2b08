/**
 * The system's C and C++ compilers: found once (TWINPATH_CXX / CXX, then
 * c++, g++, clang++; TWINPATH_CC / CC, then cc, gcc, clang), run into the
 * native cache, their diagnostics kept as the compiler wrote them — at the
 * original file:line:col, through the sources' `#line` directives.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, nativeCacheDir, withLocalHeaders } from './cache.ts';

export type HostLanguage = 'c' | 'c++';

export interface HostCompiler {
  readonly language: HostLanguage;
  /** The command, as found on PATH or given. */
  readonly command: string;
  /** Its first `--version` line: `g++ (Debian 12.2.0-14) 12.2.0`. */
  readonly version: string;
}

/** A compilation that failed: the compiler's diagnostics, at the original file:line:col. */
export class NativeCompileError extends Error {
  override name = 'NativeCompileError';
}

const CANDIDATES: Readonly<
  Record<HostLanguage, { readonly env: readonly string[]; readonly names: readonly string[] }>
> = {
  'c++': { env: ['TWINPATH_CXX', 'CXX'], names: ['c++', 'g++', 'clang++'] },
  c: { env: ['TWINPATH_CC', 'CC'], names: ['cc', 'gcc', 'clang'] },
};

const found = new Map<HostLanguage, HostCompiler | { readonly missing: string }>();

function versionOf(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]!.trim() : undefined;
}

/**
 * The compiler for `language`, or why there is none:
 * `no C++ compiler: looked for $TWINPATH_CXX, $CXX, c++, g++, clang++ on PATH. Fix: install one (npm run setup installs g++ on Debian) or set TWINPATH_CXX`.
 */
export function hostCompiler(language: HostLanguage): HostCompiler | { readonly missing: string } {
  const known = found.get(language);
  if (known) return known;
  const c = CANDIDATES[language];
  const tried = [...c.env.map((e) => process.env[e]).filter((v): v is string => !!v), ...c.names];
  let result: HostCompiler | { missing: string } | undefined;
  for (const command of tried) {
    const version = versionOf(command);
    if (version) {
      result = { language, command, version };
      break;
    }
  }
  const name = language === 'c' ? 'C' : 'C++';
  result ??= {
    missing: `no ${name} compiler: looked for ${[...c.env.map((e) => `$${e}`), ...c.names].join(', ')} on PATH. Fix: install one (npm run setup installs ${language === 'c' ? 'gcc' : 'g++'} on Debian) or set ${c.env[0]}`,
  };
  found.set(language, result);
  return result;
}

/** The compiler for `language`; throws NativeCompileError with hostCompiler's message when there is none. */
export function requireHostCompiler(language: HostLanguage): HostCompiler {
  const c = hostCompiler(language);
  if ('missing' in c) throw new NativeCompileError(c.missing);
  return c;
}

export interface CompileRequest {
  readonly language: HostLanguage;
  readonly code: string;
  /** `shared` builds a shared library (-shared -fPIC), `executable` a program. */
  readonly output: 'shared' | 'executable';
  readonly flags?: readonly string[];
  /** Names the thing compiled in errors: `im2col [cpp]`. */
  readonly label: string;
}

/** Default optimisation: what a kernel author ships (no -ffast-math: results must be IEEE). */
const DEFAULT_FLAGS: Readonly<Record<HostLanguage, readonly string[]>> = {
  'c++': ['-O2', '-std=c++17'],
  c: ['-O2', '-std=c11'],
};

/**
 * Compiled outputs of this process, by cache key (the cache folder keeps them across runs); failures too, per label,
 * so a broken source is compiled once per sweep.
 */
const compiled = new Map<string, string | NativeCompileError>();

/**
 * Compiles `code` into the native cache (keyed by compiler, flags and source;
 * a hit costs nothing) and returns the path of the result. Throws
 * NativeCompileError with the diagnostics:
 * ```
 * im2col [cpp]: compilation failed (g++ -O2 -std=c++17 -shared -fPIC):
 * kernels/im2col/im2col.cpp:14:5: error: 'colums' was not declared in this scope
 * ```
 */
export function compileHost(req: CompileRequest): string {
  const cc = requireHostCompiler(req.language);
  const flags = [
    ...DEFAULT_FLAGS[req.language],
    ...(req.flags ?? []),
    ...(req.output === 'shared' ? ['-shared', '-fPIC'] : []),
  ];
  const key = cacheKey(cc.command, cc.version, flags.join(' '), withLocalHeaders(req.code, flags));
  const failed = compiled.get(`${key}:${req.label}`);
  if (failed instanceof NativeCompileError) throw failed;
  const hit = compiled.get(key);
  if (typeof hit === 'string') return hit;
  const dir = nativeCacheDir();
  const out = join(dir, `${key}${req.output === 'shared' ? '.so' : '.bin'}`);
  if (!existsSync(out)) {
    const src = join(dir, `${key}.${req.language === 'c' ? 'c' : 'cpp'}`);
    writeFileSync(src, req.code);
    const tmp = `${out}.${process.pid}.tmp`;
    const r = spawnSync(cc.command, [...flags, '-x', req.language, src, '-o', tmp], { encoding: 'utf8' });
    if (r.status !== 0) {
      const log = `${r.stderr}${r.stdout}`.trim() || (r.error ? r.error.message : `exit status ${r.status}`);
      const error = new NativeCompileError(
        `${req.label}: compilation failed (${cc.command} ${flags.join(' ')}):\n${log}`,
      );
      compiled.set(`${key}:${req.label}`, error);
      throw error;
    }
    renameSync(tmp, out);
  }
  compiled.set(key, out);
  return out;
}

/** Runs a compiled program and returns its standard output; throws naming the program on failure. */
export function runProgram(path: string, label: string): string {
  try {
    return execFileSync(path, { encoding: 'utf8' });
  } catch (e) {
    throw new Error(`${label}: the compiled program failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
