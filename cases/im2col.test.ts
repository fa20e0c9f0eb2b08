import { parityTest } from 'twinpath';
import kernel from '../kernels/im2col/kernel.ts';

parityTest(kernel);
