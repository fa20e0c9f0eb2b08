import { expect, test } from 'vitest';
import { counted } from './counted.ts';

test('one is singular; zero, many and fractions are plural; an irregular plural is given', () => {
  expect([0, 1, 2, 1.5].map((n) => counted(n, 'case'))).toEqual(['0 cases', '1 case', '2 cases', '1.5 cases']);
  expect([counted(1, 'entry', 'entries'), counted(3, 'entry', 'entries')]).toEqual(['1 entry', '3 entries']);
});
