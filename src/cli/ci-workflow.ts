/**
 * `twinpath init --ci github|gitlab`: the CI a team copies, from
 * templates/ci: a lavapipe sweep in shards on ordinary runners (`twinpath run
 * --shard i/n` after the setup script installs Mesa's Vulkan driver), a merge
 * of the shards into one report and junit.xml, and a GPU-runner job with
 * `--require-gpu hardware`, the reports kept as artifacts (docs/ci.md).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../core/settings/package-info.ts';
import { counted } from '../model/counted.ts';

/** The CI systems init writes a workflow for, and where each reads it. */
export const CI_WORKFLOWS = {
  github: '.github/workflows/twinpath.yml',
  gitlab: '.gitlab-ci.yml',
} as const;

export type CiSystem = keyof typeof CI_WORKFLOWS;

/** Shards the workflow splits the sweep into: one per kernel, up to this many. */
const MAX_SHARDS = 3;

/** Kernels of the project: folders under kernels/ (the naming rule's `kernels/<name>/kernel.ts`). */
function kernelCount(root: string): number {
  const dir = join(root, 'kernels');
  if (!existsSync(dir)) return 1;
  const n = readdirSync(dir, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && existsSync(join(dir, d.name, 'kernel.ts')),
  ).length;
  return Math.max(1, n);
}

/** The workflow's text for `shards` shards. */
export function ciWorkflow(system: CiSystem, shards: number): string {
  const template = readFileSync(join(packageRoot(), 'templates', 'ci', `${system}.yml`), 'utf8');
  const list = Array.from({ length: shards }, (_, i) => i + 1).join(', ');
  const text = template.replaceAll('__SHARD_COUNT__', String(shards)).replaceAll('__SHARD_LIST__', list);
  // GitLab takes parallel from 2: one shard is the job alone.
  return text.replace(/^( *)parallel: 1$/m, '$1# parallel: 2 (one kernel so far: one shard)');
}

/**
 * Writes the workflow of `system` (kept when it exists); returns the line init prints:
 * `created .github/workflows/twinpath.yml (lavapipe sweep in 1 shard, merge, GPU runner; docs/ci.md)`.
 */
export function writeCiWorkflow(root: string, system: CiSystem): string {
  const to = CI_WORKFLOWS[system];
  const file = join(root, to);
  if (existsSync(file)) return `kept ${to} (exists): add the jobs of twinpath's templates/ci/${system}.yml to it`;
  const shards = Math.min(MAX_SHARDS, kernelCount(root));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, ciWorkflow(system, shards));
  return `created ${to} (lavapipe sweep in ${counted(shards, 'shard')}, merge, GPU runner; docs/ci.md)`;
}
