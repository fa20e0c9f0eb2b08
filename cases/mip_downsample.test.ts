import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/mip_downsample/kernel.ts';

parityTest(kernel);
