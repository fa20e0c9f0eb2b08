/**
 * `twinpath`: the main job (`run`) sweeps every kernel through vitest — the
 * same engine and case files as `npm test` — with the twinpath reporter.
 */
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { adapterLine, checkRequirement, gpuRequirement, requestAdapter } from '../gpu/adapter.ts';
import { adapterChoiceFromEnv } from '../gpu/session.ts';
import { INPUT_ERROR_EXIT, isInputError } from '../input-error.ts';
import { acquireRunLock, releaseRunLock } from '../run-lock.ts';
import { checkRunInputs } from '../run-inputs.ts';
import { parseCommand, sweepNamePattern, USAGE, type Command } from './args.ts';
import { layoutCommand } from './layout.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseCommand(argv);
  if (cmd.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  Object.assign(process.env, cmd.env);
  if (cmd.command === 'layout') return layoutCommand(cmd, (line) => process.stdout.write(`${line}\n`));
  if (cmd.command !== 'run') return adapterCommand(cmd.json);
  // The folder is taken before anything else, so a second run into it is refused at once (the reporter keeps it).
  const { reportDir } = checkRunInputs(process.env).config;
  const tookOver = acquireRunLock(reportDir, 'twinpath run');
  if (tookOver) process.stdout.write(`twinpath: ${reportDir}: ${tookOver}\n`);
  try {
    return await sweepEveryKernel(cmd);
  } finally {
    releaseRunLock(reportDir);
  }
}

/** `twinpath adapter`: the adapter a run would use. */
async function adapterCommand(json: boolean): Promise<number> {
  const { info } = await requestAdapter(adapterChoiceFromEnv());
  process.stdout.write(json ? `${JSON.stringify(info, null, 2)}\n` : `adapter: ${adapterLine(info)}\n`);
  return 0;
}

/** `twinpath run`: vitest over the main job's case files, with the twinpath reporter. */
async function sweepEveryKernel(cmd: Command): Promise<number> {
  const { info } = await requestAdapter(adapterChoiceFromEnv());
  checkRequirement(info, gpuRequirement());
  process.stdout.write(`twinpath: sweeping ${cmd.kernels.length ? cmd.kernels.join(', ') : 'every kernel'} on ${adapterLine(info)}\n`);
  const vitest = await startVitest(
    'test',
    [],
    {
      root,
      run: true,
      watch: false,
      include: ['cases/*.test.ts'],
      testNamePattern: sweepNamePattern(cmd.kernels),
      reporters: [`${root}reports/twinpath-reporter.ts`],
      passWithNoTests: false,
    },
  );
  const failed = vitest.state.getCountOfFailedTests();
  const ran = vitest.state.getFiles().some((f) => f.tasks.some((t) => t.mode === 'run'));
  await vitest.close();
  if (!ran) {
    process.stderr.write(`twinpath: no kernel matches ${cmd.kernels.join(' ')}\n`);
    return 1;
  }
  return failed > 0 || process.exitCode ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(isInputError(e) ? INPUT_ERROR_EXIT : 1);
  },
);
