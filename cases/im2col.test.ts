import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/im2col/kernel.ts';

parityTest(kernel);
