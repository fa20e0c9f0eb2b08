/**
 * Every `twinpath` command, declared once: its usage, its summary and its
 * options (spec.ts). The parser and `--help` are built from these
 * declarations (commands.ts lists them with the modules that run them).
 */
import { parseShard } from './kernel-choice.ts';
import { SANITIZER_TOOLS } from '../model/sanitizer.ts';
import type { CommandSpec, OptionSpec } from './spec.ts';

const adapter = {
  name: 'adapter',
  type: 'string',
  value: '[backend:]NAME',
  description: 'the WebGPU adapter, e.g. llvmpipe, vulkan:, vulkan:nvidia',
  env: 'TWINPATH_ADAPTER',
} as const satisfies OptionSpec;

const backend = {
  name: 'backend',
  type: 'string',
  value: 'NAME[,NAME]',
  description: "only these implementations: wgsl, cuda, cpp, or a project's own",
  shownDefault: 'all a kernel has',
} as const satisfies OptionSpec;

const json = { name: 'json', type: 'boolean', description: 'print JSON' } as const satisfies OptionSpec;

/** The settings of a sweep, which reach the test workers as TWINPATH_* variables. */
const SWEEP_SETTINGS = [
  {
    name: 'runs',
    type: 'string',
    value: 'N',
    description: 'cases per sweep',
    shownDefault: "the kernel's, else 100",
    env: 'TWINPATH_RUNS',
  },
  { name: 'seed', type: 'string', value: 'S', description: 'replay: the seed a failure printed', env: 'TWINPATH_SEED' },
  {
    name: 'path',
    type: 'string',
    value: 'P',
    description: 'replay: the path a failure printed (with its --seed)',
    env: 'TWINPATH_PATH',
  },
  adapter,
  {
    name: 'report',
    type: 'string',
    value: 'DIR',
    description: 'where results are kept',
    shownDefault: 'twinpath-report',
    env: 'TWINPATH_REPORT',
  },
  {
    name: 'require-gpu',
    type: 'string',
    value: 'hardware|any',
    description: 'hardware: refuse a software adapter',
    shownDefault: 'any',
    env: 'TWINPATH_REQUIRE_GPU',
  },
  { ...backend, env: 'TWINPATH_BACKEND' },
  {
    name: 'require-backend',
    type: 'string',
    value: 'NAME[,NAME]',
    description: 'fail when one of these cannot run here',
    env: 'TWINPATH_REQUIRE_BACKEND',
  },
  {
    name: 'sanitize',
    type: 'string',
    value: 'TOOL',
    description: `cases under a sanitizer: ${SANITIZER_TOOLS.join(', ')} (C++: ASan+UBSan; WGSL: bounds check), off`,
    shownDefault: 'failures re-run under memcheck',
    bareValue: 'memcheck',
    choices: [...SANITIZER_TOOLS, 'off'],
    env: 'TWINPATH_SANITIZE',
  },
  {
    name: 'workers',
    type: 'string',
    value: 'N',
    description: "threads judging cases (oracle, comparison): the sweep's and N-1 more",
    shownDefault: 'the cores + 1',
    env: 'TWINPATH_WORKERS',
  },
  {
    name: 'profile',
    type: 'boolean',
    description: "where each sweep's time goes, by stage, and how far from the floor",
    env: 'TWINPATH_PROFILE',
  },
] as const satisfies readonly OptionSpec[];

const SETTINGS_NOTE = 'Settings not given by a flag or its variable come from twinpath.config.ts.';

export const RUN = {
  name: 'run',
  operands: '[kernel...]',
  summary: 'sweep the kernels of the project against their oracles',
  details: [
    'Sweeps every kernel of the project (or those named; * is a wildcard) on every backend it',
    'implements (or those --backend names). --list lists the kernels instead, running none.',
    SETTINGS_NOTE,
  ],
  options: [
    ...SWEEP_SETTINGS,
    { name: 'list', type: 'boolean', description: "list the kernels: name, backends, outputs' names, file" },
    {
      name: 'shard',
      type: 'string',
      value: 'i/n',
      description: 'sweep every n-th kernel from the i-th (CI shards; twinpath merge joins their reports)',
      check: parseShard,
    },
  ],
} as const satisfies CommandSpec;

/** Cases per sweep while watching, unless --runs, TWINPATH_RUNS or --full say otherwise. */
export const WATCH_RUNS = 20;

export const WATCH = {
  name: 'watch',
  operands: '[kernel...]',
  summary: 'rerun the sweeps a change touches, at a reduced case count',
  details: [
    `Reruns the sweeps a change to WGSL, an oracle or a definition touches, at ${WATCH_RUNS} cases per sweep`,
    'unless --runs, TWINPATH_RUNS or --full say otherwise. Ctrl-C ends.',
    SETTINGS_NOTE,
  ],
  options: [...SWEEP_SETTINGS, { name: 'full', type: 'boolean', description: 'every rerun at the full case count' }],
} as const satisfies CommandSpec;

export const INIT = {
  name: 'init',
  operands: '',
  summary: 'scaffold a twinpath project here',
  details: [
    'Writes twinpath.config.ts, an example kernel, a strict tsconfig and scripts into the project at',
    'or above the working directory; never overwrites a file.',
  ],
  options: [
    { name: 'no-install', type: 'boolean', description: 'do not run npm install for the added dev dependencies' },
    {
      name: 'ci',
      type: 'string',
      value: 'github|gitlab',
      description: 'also write a CI workflow: lavapipe shards, merge, a GPU-runner job (docs/ci.md)',
      choices: ['github', 'gitlab'],
    },
  ],
} as const satisfies CommandSpec;

/** Checks a percentage option's value: `twinpath bench: --max-noise x: must be a percentage of at least 0`. */
function percent(value: string): void {
  if (!(Number(value) >= 0)) throw new Error('must be a percentage of at least 0');
}

export const BENCH = {
  name: 'bench',
  operands: '[kernel...]',
  summary: 'time the kernels at fixed frame sizes on each backend',
  details: [
    'Times the kernels with a bench input (or those named; * is a wildcard) as NVBench does: hot batches and',
    'cold launches after a cache flush, each until its noise is low or its budget spent; bandwidth against the',
    "device's peak and a streaming floor; with a baseline, FASTER, SLOWER, SAME or UNSURE per row.",
  ],
  options: [
    {
      name: 'sizes',
      type: 'string',
      value: 'SIZE[,SIZE]',
      description: 'frame sizes: 720p, 1080p, 4k',
      default: '720p,1080p,4k',
    },
    backend,
    {
      name: 'max-noise',
      type: 'string',
      value: 'PCT',
      description: 'a timing stops once its noise (relative standard deviation) is at most this',
      default: '0.5',
      check: percent,
    },
    {
      name: 'budget',
      type: 'string',
      value: 'S',
      description: 'a timing stops after this many seconds whatever its noise',
      default: '2',
      check: (v: string) => {
        if (!(Number(v) > 0)) throw new Error('must be a number of seconds above 0');
      },
    },
    { name: 'save', type: 'string', value: 'FILE', description: 'save the results (with their samples) as a baseline' },
    {
      name: 'baseline',
      type: 'string',
      value: 'FILE',
      description: 'a saved bench: classify each row against it',
    },
    {
      name: 'same-within',
      type: 'string',
      value: 'PCT',
      description: 'with --baseline: a change within this (or within the noise) is SAME',
      default: '5',
      check: percent,
    },
    {
      name: 'fastest',
      type: 'string',
      value: 'PCT',
      description: 'with --baseline: compare the fastest PCT% of samples (a shared or software device)',
      default: '100',
      check: (v: string) => {
        if (!(Number(v) > 0 && Number(v) <= 100)) throw new Error('must be a percentage above 0, at most 100');
      },
    },
    {
      name: 'fail-on-regression',
      type: 'string',
      value: 'PCT',
      description: 'with --baseline: exit 1 when a row is SLOWER by more than this',
      check: percent,
    },
    adapter,
  ],
} as const satisfies CommandSpec;

export const ADAPTER = {
  name: 'adapter',
  operands: '',
  summary: 'print the adapter a run would use',
  options: [adapter, json],
} as const satisfies CommandSpec;

export const LAYOUT = {
  name: 'layout',
  operands: 'FILE.wgsl...',
  summary: 'the memory layout of WGSL structs; with --ts, the three-way check',
  details: [
    'The layout of every struct the WGSL files declare (joined in order, #import resolved among them',
    'and under each --root), with the uniform rules each breaks; with --ts, the three-way check of a',
    'TS declaration against the WGSL struct and the GPU (TS, WGSL, GPU).',
  ],
  options: [
    {
      name: 'root',
      type: 'string',
      value: 'DIR',
      multiple: true,
      description: 'a folder #import looks under (repeatable)',
    },
    {
      name: 'struct',
      type: 'string',
      value: 'NAME',
      description: 'only this struct; with --ts, the WGSL struct to check',
    },
    { name: 'ts', type: 'string', value: 'MODULE#EXPORT', description: 'the TS struct declaration to check' },
    {
      name: 'space',
      type: 'string',
      choices: ['storage', 'uniform'],
      description: 'the address space the --ts check lays out for',
      default: 'storage',
    },
    json,
  ],
} as const satisfies CommandSpec;

export const MERGE = {
  name: 'merge',
  operands: 'DIR...',
  summary: 'one report from the report folders of sharded runs',
  options: [
    {
      name: 'report',
      type: 'string',
      value: 'OUT',
      description: 'where the merged report goes',
      default: 'twinpath-report',
    },
  ],
} as const satisfies CommandSpec;
