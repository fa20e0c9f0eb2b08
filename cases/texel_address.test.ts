import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/texel_address/kernel.ts';

parityTest(kernel);
