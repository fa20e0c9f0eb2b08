import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/pyramid_blur/kernel.ts';

parityTest(kernel);
