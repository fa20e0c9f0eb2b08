/**
 * `twinpath`: the main job (`run`) sweeps every kernel through vitest — the
 * same engine and case files as `npm test` — with the twinpath reporter.
 */
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { nativeBackend, requiredBackends, selectedBackends } from '../backends/registry.ts';
import { adapterLine, checkRequirement, gpuRequirement, requestAdapter } from '../gpu/adapter.ts';
import { adapterChoiceFromEnv } from '../gpu/session.ts';
import { parseCommand, sweepNamePattern, USAGE } from './args.ts';
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
  if (cmd.command === 'adapter') {
    const { info } = await requestAdapter(adapterChoiceFromEnv());
    process.stdout.write(cmd.json ? `${JSON.stringify(info, null, 2)}\n` : `adapter: ${adapterLine(info)}\n`);
    return 0;
  }
  const where = await backendLines();
  if (typeof where === 'number') return where;
  process.stdout.write(`twinpath: sweeping ${cmd.kernels.length ? cmd.kernels.join(', ') : 'every kernel'} on\n${where.join('\n')}\n`);
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
  // A sweep that found its backend unavailable skips itself at run time, but it did match.
  const ran = vitest.state.getFiles().some((f) => f.tasks.some((t) => t.mode === 'run' || t.meta.twinpath !== undefined));
  const judged = vitest.state.getFiles().some((f) => f.tasks.some((t) => t.result?.state === 'pass' || t.result?.state === 'fail'));
  await vitest.close();
  if (!ran) {
    process.stderr.write(`twinpath: no kernel matches ${cmd.kernels.join(' ')}\n`);
    return 1;
  }
  if (!judged) {
    process.stderr.write('twinpath: no sweep ran a case (every selected sweep was unavailable or unsupported here): nothing was checked\n');
    return 1;
  }
  return failed > 0 || process.exitCode ? 1 : 0;
}

/**
 * Where each selected backend runs, one line each (`wgsl: <adapter>`,
 * `cuda: unavailable — …`), checked before any case: a required backend that
 * cannot run fails the run here (returns 1), with
 * `twinpath: --require-backend cuda, but CUDA unavailable: libcuda did not load — looked for …`.
 */
async function backendLines(): Promise<string[] | number> {
  const required = requiredBackends();
  const lines: string[] = [];
  for (const b of new Set([...required, ...selectedBackends()])) {
    if (b === 'wgsl') {
      const { info } = await requestAdapter(adapterChoiceFromEnv());
      checkRequirement(info, gpuRequirement());
      lines.push(`  wgsl: ${adapterLine(info)}`);
      continue;
    }
    const p = await nativeBackend(b);
    if ('unavailable' in p && required.includes(b)) {
      process.stderr.write(`twinpath: --require-backend ${b}, but ${p.unavailable}\n`);
      return 1;
    }
    lines.push(`  ${b}: ${'unavailable' in p ? `unavailable — ${p.unavailable}` : adapterLine(p.backend.device)}`);
  }
  return lines;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
