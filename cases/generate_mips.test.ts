import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/generate_mips/kernel.ts';

parityTest(kernel);
