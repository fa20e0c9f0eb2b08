/**
 * Dawn's limit warnings — `Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to
 * 16` — which dawn.node writes straight to file descriptor 2, where nothing in the writing process can catch them.
 * They are dropped where that stream is read: the CLI (bin/twinpath.js) over its child's stderr, and the vitest
 * preset over its forked workers' stderr. This is the one definition both use.
 */
import { Writable } from 'node:stream';

const DAWN_NOISE = /^Warning: \w+ artificially reduced from \d+ to \d+/;

/** Whether a line of stderr is one of Dawn's limit warnings. */
export function isDawnNoise(line: string): boolean {
  return DAWN_NOISE.test(line);
}

/**
 * A stream that writes everything it is given to `to` but Dawn's warning lines: text is split at newlines, a line
 * waits for its end (or the stream's), and `to` is never ended.
 */
export function withoutDawnNoise(to: NodeJS.WritableStream): Writable {
  let partial = '';
  const pass = (lines: readonly string[]) => {
    const kept = lines.filter((l) => !isDawnNoise(l));
    if (kept.length) to.write(`${kept.join('\n')}\n`);
  };
  return new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _encoding, done) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      pass(lines);
      done();
    },
    final(done) {
      if (partial && !isDawnNoise(partial)) to.write(partial);
      partial = '';
      done();
    },
  });
}
