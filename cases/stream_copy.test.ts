import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/stream_copy/kernel.ts';

parityTest(kernel);
