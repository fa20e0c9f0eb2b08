import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/prepare_mip_source/kernel.ts';

parityTest(kernel);
