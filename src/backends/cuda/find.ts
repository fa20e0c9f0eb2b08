/**
 * Where the CUDA driver (libcuda) and NVRTC are looked for, in order (an
 * override variable, when set, is the only place looked — an explicit choice
 * never falls back to another library):
 * - libcuda: $TWINPATH_LIBCUDA, else `libcuda.so.1` / `libcuda.so` through
 *   the dynamic linker, then the driver's usual folders (container mounts
 *   included).
 * - NVRTC: $TWINPATH_NVRTC, else the lib64 folder of $CUDA_PATH, $CUDA_HOME,
 *   /usr/local/cuda and every /usr/local/cuda-X.Y (newest first), then a
 *   pip-installed `nvidia-cuda-nvrtc` (…/site-packages/nvidia/cuda_nvrtc/lib,
 *   or nvidia/cu13/lib), then the dynamic linker's `libnvrtc.so`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const DRIVER_FOLDERS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib64',
  '/usr/local/nvidia/lib64',
  '/usr/lib/wsl/lib',
  '/usr/local/cuda/compat',
];

const list = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Candidate paths (or bare names for the dynamic linker) for libcuda, in the order tried. */
export function libcudaCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.TWINPATH_LIBCUDA) return [env.TWINPATH_LIBCUDA];
  return ['libcuda.so.1', 'libcuda.so', ...DRIVER_FOLDERS.map((d) => join(d, 'libcuda.so.1'))];
}

/** `libnvrtc.so.13.0.88` before `libnvrtc.so.12`: versioned names, newest first, then the bare name. */
function nvrtcIn(dir: string): string[] {
  const names = list(dir).filter((n) => /^libnvrtc\.so(\.\d+)*$/.test(n));
  const version = (n: string) => n.slice('libnvrtc.so'.length).split('.').filter(Boolean).map(Number);
  names.sort((a, b) => {
    const va = version(a);
    const vb = version(b);
    for (let i = 0; i < Math.max(va.length, vb.length); i++)
      if ((va[i] ?? -1) !== (vb[i] ?? -1)) return (vb[i] ?? -1) - (va[i] ?? -1);
    return 0;
  });
  return names.map((n) => join(dir, n));
}

/** Folders where pip puts NVIDIA's wheels. */
function pipFolders(env: NodeJS.ProcessEnv): string[] {
  const roots = [
    env.VIRTUAL_ENV && join(env.VIRTUAL_ENV, 'lib'),
    join(homedir(), '.local/lib'),
    '/usr/local/lib',
    '/usr/lib',
    '/opt/conda/lib',
  ].filter((d): d is string => !!d);
  return roots.flatMap((r) =>
    list(r)
      .filter((n) => n.startsWith('python3'))
      .flatMap((py) =>
        ['site-packages', 'dist-packages'].flatMap((sp) =>
          ['nvidia/cuda_nvrtc/lib', 'nvidia/cu13/lib', 'nvidia/cu12/lib'].map((sub) => join(r, py, sp, sub)),
        ),
      ),
  );
}

/** The folders NVRTC is looked for in, in order (the ones that exist are listed in messages too). */
export function nvrtcFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const toolkits = [
    env.CUDA_PATH,
    env.CUDA_HOME,
    '/usr/local/cuda',
    ...list('/usr/local')
      .filter((n) => /^cuda-\d/.test(n))
      .sort()
      .reverse()
      .map((n) => join('/usr/local', n)),
  ].filter((d): d is string => !!d);
  return [
    ...new Set([
      ...toolkits.flatMap((t) => [join(t, 'lib64'), join(t, 'targets/x86_64-linux/lib')]),
      ...pipFolders(env),
    ]),
  ];
}

/** Candidate paths for NVRTC, in the order tried; the last is the dynamic linker's `libnvrtc.so`. */
export function nvrtcCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.TWINPATH_NVRTC) return [env.TWINPATH_NVRTC];
  return [
    ...nvrtcFolders(env)
      .filter((d) => existsSync(d))
      .flatMap(nvrtcIn),
    'libnvrtc.so',
  ];
}

/** How the NVRTC search is described in messages: the variables and folders, whether or not they exist. */
export function nvrtcSearchText(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TWINPATH_NVRTC) return `$TWINPATH_NVRTC (${env.TWINPATH_NVRTC})`;
  return `$TWINPATH_NVRTC, libnvrtc.so* in ${nvrtcFolders(env)
    .filter((d) => !d.includes('python'))
    .join(', ')}, a pip nvidia-cuda-nvrtc package, and the dynamic linker path`;
}

/**
 * Loads the first candidate that loads; returns it, or every attempt's error:
 * `libcuda.so.1: libcuda.so.1: cannot open shared object file: No such file or directory; …`.
 */
export function loadFirst<L>(
  candidates: readonly string[],
  load: (path: string) => L,
): { readonly lib: L; readonly path: string } | { readonly errors: string } {
  const errors: string[] = [];
  for (const c of candidates) {
    if (c.startsWith('/') && !existsSync(c)) {
      errors.push(`${c}: no such file`);
      continue;
    }
    try {
      return { lib: load(c), path: c };
    } catch (e) {
      errors.push(`${c}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  return { errors: errors.join('; ') || 'no candidate file exists' };
}
