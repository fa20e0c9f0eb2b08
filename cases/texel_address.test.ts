import { parityTest } from 'twinpath';
import kernel from '../kernels/texel_address/kernel.ts';

parityTest(kernel);
