/** stream_copy, the bench's streaming floor, swept like any kernel on every backend. */
import { parityTest } from '../../vitest/parity-test.ts';
import kernel from './kernel.ts';

parityTest(kernel);
