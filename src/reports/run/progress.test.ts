/**
 * Progress from the workers' heartbeats: the writer a worker registers keeps
 * its file current; on a terminal one line is redrawn, in CI a line comes
 * every few seconds for a sweep that runs that long; the text counts cases
 * with rate and ETA.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { heartbeatWriter, readHeartbeats, type Heartbeat } from './heartbeat.ts';
import { CI_PROGRESS_MS, liveProgress, ProgressLine, progressText } from './progress-line.ts';

const beat = (over: Partial<Heartbeat>): Heartbeat => ({
  pid: 1,
  kernel: 'big',
  backend: 'wgsl',
  planned: 20_000,
  done: 0,
  started: 0,
  beat: 0,
  ...over,
});

/** A stream that keeps what is written. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, s: { isTTY, columns: 80, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
}

test('progressText counts cases with rate and ETA; a sweep on another backend is labelled so', () => {
  expect(progressText(beat({}), 1000)).toBe('big: 0/20000 cases');
  expect(progressText(beat({ done: 1200 }), 4000)).toBe('big: 1200/20000 cases, 300/s, ETA 2 min');
  expect(progressText(beat({ done: 19_000, backend: 'cpp' }), 10_000)).toBe(
    'big [cpp]: 19000/20000 cases, 1900/s, ETA 1 s',
  );
  expect(progressText(beat({ planned: 1 }), 1000)).toBe('big: 0/1 case');
});

test('on a terminal the line is redrawn in place and cleared before other output', () => {
  const { written, s } = stream(true);
  const line = new ProgressLine(s, true);
  line.update([beat({ done: 100 })], 1000);
  line.update([beat({ done: 200 })], 2000);
  line.clear();
  expect(written).toEqual([
    '\r\x1b[Ktwinpath ▸ big: 100/20000 cases, 100/s, ETA 4 min',
    '\r\x1b[Ktwinpath ▸ big: 200/20000 cases, 100/s, ETA 4 min',
    '\r\x1b[K',
  ]);
});

test('in CI a line every few seconds, none for a sweep shorter than that', () => {
  const { written, s } = stream(false);
  const line = new ProgressLine(s, false);
  line.update([beat({ done: 10 })], CI_PROGRESS_MS - 1);
  line.update([beat({ done: 50 })], CI_PROGRESS_MS);
  line.update([beat({ done: 60 })], CI_PROGRESS_MS + 1000);
  line.update([beat({ done: 100 })], 2 * CI_PROGRESS_MS);
  expect(written).toEqual([
    'twinpath ▸ big: 50/20000 cases, 10/s, ETA 34 min\n',
    'twinpath ▸ big: 100/20000 cases, 10/s, ETA 34 min\n',
  ]);
});

test('live only on a terminal outside CI', () => {
  expect(liveProgress({ isTTY: true }, {})).toBe(true);
  expect(liveProgress({ isTTY: true }, { CI: 'true' })).toBe(false);
  expect(liveProgress({ isTTY: false }, {})).toBe(false);
});

test("a worker's heartbeat file follows its sweep: started, cases, device work in flight, ended", () => {
  const dir = mkdtempSync(join(tmpdir(), 'twinpath-'));
  const emit = heartbeatWriter(dir);
  emit({ kind: 'start', kernel: 'big', backend: 'cpp', planned: 40 });
  emit({ kind: 'device-start', deadlineMs: 500, cases: 32 });
  const [during] = readHeartbeats(dir);
  expect(during).toMatchObject({ pid: process.pid, kernel: 'big', backend: 'cpp', planned: 40, done: 0 });
  expect(during!.device).toMatchObject({ deadlineMs: 500, cases: 32 });
  emit({ kind: 'device-end' });
  emit({ kind: 'case', done: 32 });
  const [after] = readHeartbeats(dir);
  expect(after!.device).toBeUndefined();
  expect(readdirSync(dir)).toEqual([`${process.pid}.json`]);
});
