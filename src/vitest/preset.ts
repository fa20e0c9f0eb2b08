/**
 * `twinpath/vitest`: the preset for a project that tests with vitest.
 *
 * ```ts
 * import { defineConfig } from 'vitest/config';
 * import { twinpath } from 'twinpath/vitest';
 * export default defineConfig({ plugins: [twinpath()] });
 * ```
 *
 * It reads the project's twinpath.config.ts and adds what sweeps need:
 * forked workers (dawn.node is a native addon that crashes in worker
 * threads, docs/facts.md "Dawn"), the twinpath reporter beside the
 * project's own (summary table, results.json, junit.xml, index.html), the
 * setup file (failure pictures, the toMatchOracle matcher) and timeouts for
 * GPU work, the sweep files to a project's own `test.include` that lacks
 * them, and drops Dawn's "artificially reduced" warnings from the
 * workers' stderr (dawn-noise.ts). `twinpath run` applies the same preset to
 * the project's config.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';
import TwinpathReporter from '../reports/run/twinpath-reporter.ts';
import { applyConfigEnv, sweepTestGlobs } from '../core/settings/project-config.ts';
import { loadProject } from './load-config.ts';
import { withoutDawnNoise } from './dawn-noise.ts';

/** The preset's setup file, from the same build (sources or dist/) as this module. */
const SETUP_FILE = fileURLToPath(new URL(`./setup.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));

export interface TwinpathPresetOptions {
  /**
   * `add` (default): the twinpath reporter after the project's reporters (vitest's default when it has none);
   * `only`: the twinpath reporter alone, as `twinpath run` prints.
   */
  readonly reporters?: 'add' | 'only';
}

/** The vitest loggers whose error stream drops Dawn's warnings already. */
const quieted = new WeakSet<object>();

const asArray = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v as T];

/**
 * The sweep files' globs (twinpath.config.ts `tests`) a project's own `test.include` lacks, to add beside it: with
 * `include: ['test/**']` and `tests: ['cases/*.test.ts']`, vitest would otherwise run no sweep and pass. A project
 * that sets no include keeps vitest's default, which finds `*.test.ts` everywhere.
 */
export function sweepInclude(include: readonly string[] | undefined, tests: readonly string[]): { include?: string[] } {
  if (include === undefined) return {};
  const missing = tests.filter((t) => !include.includes(t));
  return missing.length ? { include: missing } : {};
}

/**
 * The twinpath preset as a vite plugin. Applying it twice (the project's
 * config has it and `twinpath run` adds it) applies it once.
 * Rejects with `twinpath: twinpath.config.ts: <what is wrong>` for a bad config file.
 */
export function twinpath(options: TwinpathPresetOptions = {}): Plugin {
  return {
    name: 'twinpath',
    async config(user) {
      if (asArray(user.test?.setupFiles).includes(SETUP_FILE)) return null;
      if (!existsSync(SETUP_FILE))
        throw new Error(`twinpath: the preset's setup file ${SETUP_FILE} is missing; reinstall twinpath`);
      const project = await loadProject(user.root ?? process.cwd());
      applyConfigEnv(project.config);
      const reporter = new TwinpathReporter({ printFailures: options.reporters === 'only' });
      const reporters =
        options.reporters === 'only' || user.test?.reporters !== undefined ? [reporter] : ['default', reporter];
      return {
        test: {
          ...sweepInclude(user.test?.include, sweepTestGlobs()),
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          setupFiles: [SETUP_FILE],
          reporters,
        },
      };
    },
    // The forked workers' stderr is piped into the logger's error stream: Dawn's limit warnings are dropped there.
    configureVitest({ vitest }) {
      if (quieted.has(vitest.logger)) return;
      quieted.add(vitest.logger);
      vitest.logger.errorStream = withoutDawnNoise(vitest.logger.errorStream);
    },
  };
}
