/**
 * What a second output costs, a benchmark, not a test:
 * `npx tsx scripts/bench-outputs.ts [--runs N] [--seed S]`. The same kernel
 * (model_hist_invert: an inverted u32 image and a 16-bin histogram, same
 * WGSL, same oracle work) swept judging both outputs, then judging the
 * image alone (the histogram left as an unjudged scratch buffer); cases per
 * second of each, best of three sweeps.
 */
import { parseArgs } from 'node:util';
import { adapterLine, defineKernel, exact, gpuSession, sweep, type Kernel } from '../src/index.ts';
import { histInvert, type ImageCase } from '../src/fixtures/kernels/model-kernels.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' } },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
process.env.TWINPATH_DETERMINISM = '0';

const imageOnly: Kernel<ImageCase> = defineKernel<ImageCase>({
  ...histInvert,
  name: 'model_hist_invert_image_only',
  cpu: (c) => (histInvert.cpu(c) as { image: Uint32Array }).image,
  gpu: async (g, c) => ((await histInvert.gpu!(g, c)) as { image: never }).image,
  compare: exact(),
});

async function rate<I>(k: Kernel<I>): Promise<number> {
  let best = 0;
  for (let i = 0; i < 3; i++) {
    const r = await sweep(k, { runs, seed });
    if (!r.pass) throw new Error(`bench: ${k.name} failed`);
    best = Math.max(best, r.runs / (r.ms / 1000));
  }
  return best;
}

process.stdout.write(`adapter: ${adapterLine((await gpuSession()).info)}\n`);
await rate(histInvert);
const two = await rate(histInvert);
const one = await rate(imageOnly);
process.stdout.write(`outputs  cases/s  (${runs} cases a sweep, seed ${seed}, best of 3)\n`);
process.stdout.write(`1        ${one.toFixed(0)}\n2        ${two.toFixed(0)}\nratio    ${(two / one).toFixed(2)}\n`);
