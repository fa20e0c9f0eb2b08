/** Dawn's warning lines are dropped from a stream, whatever its chunks; everything else passes as written. */
import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { isDawnNoise, withoutDawnNoise } from './dawn-noise.ts';

const NOISE = 'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16';

async function filtered(chunks: readonly string[]): Promise<string> {
  const sink = new PassThrough();
  let out = '';
  sink.on('data', (d: Buffer) => (out += d.toString()));
  const w = withoutDawnNoise(sink);
  for (const c of chunks) w.write(c);
  await new Promise<void>((resolve) => w.end(resolve));
  return out;
}

test("Dawn's limit warnings are noise; a line that only mentions them is not", () => {
  expect(isDawnNoise(NOISE)).toBe(true);
  expect(isDawnNoise(`error: ${NOISE}`)).toBe(false);
  expect(isDawnNoise('Warning: adapter is software')).toBe(false);
});

test('planted: a warning split across chunks is dropped; the lines around it and a last unended line pass', async () => {
  const text = `first\n${NOISE}\nsecond\n${NOISE.replace('Uniform', 'Storage')}\nlast`;
  expect(await filtered([text])).toBe('first\nsecond\nlast');
  expect(await filtered([...text])).toBe('first\nsecond\nlast');
  expect(await filtered([text.slice(0, 20), text.slice(20, 90), text.slice(90)])).toBe('first\nsecond\nlast');
});
