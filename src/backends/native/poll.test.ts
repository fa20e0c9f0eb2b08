/** The deadline poll on a fake clock: done in time, never done, a fault, and the gaps between polls. */
import { expect, test } from 'vitest';
import { pollUntilDone, type PollClock } from './poll.ts';

function fakeClock(): PollClock & { readonly slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

test('work that finishes in time is done, polled at once first, then at growing gaps', async () => {
  const clock = fakeClock();
  let polls = 0;
  expect(await pollUntilDone(() => ++polls > 12, 1000, clock)).toBe('done');
  expect(clock.slept).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8]);
});

test('planted: work that never finishes is a timeout at the deadline, not before and not much after', async () => {
  const clock = fakeClock();
  expect(await pollUntilDone(() => false, 100, clock)).toBe('timeout');
  expect(clock.now()).toBe(100);
  expect(Math.max(...clock.slept)).toBe(8);
});

test('work finished at the deadline is done, not a timeout (a last poll at the deadline)', async () => {
  const clock = fakeClock();
  expect(await pollUntilDone(() => clock.now() >= 50, 50, clock)).toBe('done');
});

test('a fault the poll reports rejects', async () => {
  const fault = () => {
    throw new Error('cuStreamQuery: CUDA_ERROR_ILLEGAL_ADDRESS');
  };
  await expect(pollUntilDone(fault, 100, fakeClock())).rejects.toThrow('CUDA_ERROR_ILLEGAL_ADDRESS');
});
