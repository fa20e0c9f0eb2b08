// A kernel defined the way an author outside this repository would: only the
// package's entry point ('twinpath'), its own WGSL and oracle. docs/kernel-guide.md
// links this file.
import {
  createSurface,
  defineKernel,
  exact,
  parityTest,
  surfaceCaseArb,
  surfaceFromCase,
  wgsl,
  type Surface,
} from 'twinpath';

/** The oracle: rows in reverse order. */
function flipY(src: Surface): Surface {
  const out = createSurface(src.desc);
  const { pitchBytes, height } = src.desc;
  for (let y = 0; y < height; y++) {
    out.bytes.set(src.bytes.subarray((height - 1 - y) * pitchBytes, (height - y) * pitchBytes), y * pitchBytes);
  }
  return out;
}

const flipYKernel = defineKernel({
  name: 'flip_y',
  wgsl: wgsl(import.meta.url, './flip-y.wgsl', { importRoots: ['./shaders'] }),
  input: surfaceCaseArb({ maxSide: 128, levels: { min: 1, max: 1 } }),
  cpu: (c) => flipY(surfaceFromCase(c)),
  gpu: (g, c) => {
    const src = surfaceFromCase(c);
    const out = g.output(src.desc);
    g.dispatch('flip_y', { source: g.surface(src), flipped: out, desc: g.desc(src.desc) }, [
      (src.desc.width * src.desc.bytesPerPixel) / 4,
      src.desc.height,
    ]);
    return out;
  },
  compare: exact(),
});

parityTest(flipYKernel);
