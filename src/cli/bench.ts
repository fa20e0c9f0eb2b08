/**
 * `twinpath bench [kernel...]`: checks what was asked, prints each backend's device, and hands the kernels with a
 * bench input to the bench (src/bench/run-bench.ts): hot and cold timing as NVBench does it, bandwidth against the
 * device's peak and the streaming floor, and with `--baseline` a verdict per row. Exit 1 on an error row or, with
 * `--fail-on-regression PCT`, a row SLOWER by more than PCT.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverKernels } from '../vitest/discover-kernels.ts';
import {
  backendNames,
  implementedBackends,
  kernelBackends,
  parseBackends,
  probeBackend,
  type BackendName,
} from '../backends/registry.ts';
import type { Kernel } from '../core/kernel/kernel.ts';
import { SIZES, type BenchRow } from '../bench/bench-row.ts';
import { baselineRows } from '../bench/compare/baseline.ts';
import { benchSummary, runBench, type BenchOptions } from '../bench/run-bench.ts';
import { DEFAULT_STOP } from '../bench/timing/measure.ts';
import { adapterLine, type DeviceInfo } from '../model/device.ts';
import { didYouMean } from './did-you-mean.ts';
import { chosenAdapter } from './chosen-adapter.ts';
import type { BENCH } from './command-specs.ts';
import { chooseKernels } from './kernel-choice.ts';
import { checkBackendFlags, enterProject } from './project.ts';
import type { ParsedCommand } from './spec.ts';
import { UsageError } from './usage-error.ts';

/** Where a backend runs, or why it cannot (then it is left out of the table). */
async function device(
  b: BackendName,
): Promise<{ readonly info: DeviceInfo; readonly timing: string } | { readonly unavailable: string }> {
  try {
    const p = await probeBackend(b);
    return 'unavailable' in p ? p : { info: p.device, timing: p.timingSource };
  } catch (e) {
    return { unavailable: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}

/** The saved rows of `--baseline FILE`; a UsageError when the file is missing or not a saved bench. */
function readBaseline(file: string): readonly BenchRow[] {
  const path = resolve(file);
  if (!existsSync(path))
    throw new UsageError('bench', `twinpath bench: --baseline ${file}: no such file (make one with --save)`);
  try {
    return baselineRows(readFileSync(path, 'utf8'), file);
  } catch (e) {
    throw new UsageError('bench', `twinpath bench: --baseline ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * What `twinpath bench` was asked, checked before anything runs. Throws a UsageError: `twinpath bench: --sizes:
 * unknown size 8k (did you mean 4k?); sizes: 720p, 1080p, 4k`, `twinpath bench: --fail-on-regression needs
 * --baseline FILE`, and readBaseline's.
 */
function benchRequest(values: ParsedCommand<typeof BENCH>['values']): BenchOptions & { readonly save?: string } {
  const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
  for (const s of sizes)
    if (!SIZES[s])
      throw new UsageError(
        'bench',
        `twinpath bench: --sizes: unknown size ${s}${didYouMean(s, Object.keys(SIZES))}; sizes: ${Object.keys(SIZES).join(', ')}`,
      );
  if (values['fail-on-regression'] !== undefined && !values.baseline)
    throw new UsageError('bench', 'twinpath bench: --fail-on-regression needs --baseline FILE');
  const gate = values['fail-on-regression'];
  return {
    sizes,
    stop: { ...DEFAULT_STOP, maxNoise: Number(values['max-noise']) / 100, budgetMs: 1000 * Number(values.budget) },
    classify: { sameWithin: Number(values['same-within']) / 100, fastest: Number(values.fastest) / 100 },
    ...(gate === undefined ? {} : { failOnRegression: Number(gate) }),
    ...(values.baseline ? { baseline: readBaseline(values.baseline) } : {}),
    ...(values.save ? { save: resolve(values.save) } : {}),
  };
}

/**
 * The backends asked for that some of `kernels` implement and that can run here, each printed with its device (or
 * why it cannot run); a backend no kernel implements is not probed nor printed. Throws a UsageError when none is
 * left: `twinpath bench: no chosen kernel implements --backend cuda (they implement wgsl, cpp)`.
 */
async function benchDevices(
  asked: string | undefined,
  kernels: readonly Kernel<unknown>[],
): Promise<Record<string, DeviceInfo>> {
  const devices: Record<string, DeviceInfo> = {};
  // An adapter the user named and this machine lacks is a usage error, whichever backends run.
  if (process.env.TWINPATH_ADAPTER) await chosenAdapter('bench');
  const implemented = kernels.map((k) => kernelBackends(k));
  const backends = implementedBackends(implemented, asked ? parseBackends(asked) : backendNames());
  if (!backends.length) {
    const theirs = implementedBackends(implemented, backendNames()).join(', ');
    const what = asked ? `--backend ${asked}` : 'a registered backend';
    throw new UsageError('bench', `twinpath bench: no chosen kernel implements ${what} (they implement ${theirs})`);
  }
  for (const b of backends) {
    const d = await device(b);
    if ('unavailable' in d) {
      process.stdout.write(`${b}: unavailable — ${d.unavailable}\n`);
      continue;
    }
    devices[b] = d.info;
    process.stdout.write(`${b}: ${adapterLine(d.info)}; time: ${d.timing}\n`);
  }
  if (!Object.keys(devices).length) throw new Error('twinpath bench: no backend can run here (see above)');
  return devices;
}

/**
 * Times the project's kernels that have a `bench` input (all, or those named; * is a wildcard); 1 on an error row
 * or a regression beyond `--fail-on-regression`, else 0. Throws the UsageErrors of benchRequest, and of
 * kernel-choice.ts for a name that matches no kernel with a bench input:
 * `twinpath bench: no kernel named mip_downsampel (did you mean mip_downsample?)`.
 */
export async function benchCommand({ operands, values, env }: ParsedCommand<typeof BENCH>): Promise<number> {
  const request = benchRequest(values);
  const project = await enterProject(env, 'bench');
  checkBackendFlags('bench', { backend: values.backend });
  const benchable = (await discoverKernels(project)).map((d) => d.kernel).filter((k) => k.bench);
  if (!benchable.length)
    throw new Error('twinpath bench: no kernel has a bench input (add bench(width, height) to a kernel definition)');
  const names = new Set(
    chooseKernels(
      'bench',
      operands,
      benchable.map((k) => k.name),
      'kernels with a bench input',
    ),
  );
  const kernels = benchable.filter((k) => names.has(k.name));
  const devices = await benchDevices(values.backend, kernels);
  const write = (text: string) => process.stdout.write(text);
  const outcome = await runBench(kernels, Object.keys(devices), request, write);
  write(benchSummary(outcome, request.failOnRegression));
  if (request.save) {
    const saved = { devices, date: new Date().toISOString(), rows: outcome.rows };
    writeFileSync(request.save, `${JSON.stringify(saved, null, 2)}\n`);
    write(`saved: ${values.save}\n`);
  }
  return outcome.errors || outcome.regressions ? 1 : 0;
}
