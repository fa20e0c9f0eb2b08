import { parityTest } from '../harness/index.ts';
import kernel from '../kernels/texture_view/kernel.ts';

parityTest(kernel);
