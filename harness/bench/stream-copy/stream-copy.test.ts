/** stream_copy, the bench's streaming floor, swept like any kernel on every backend. */
import { parityTest } from '../../parity-test.ts';
import kernel from './kernel.ts';

parityTest(kernel);
