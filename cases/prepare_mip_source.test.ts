import { parityTest } from 'twinpath';
import kernel from '../kernels/prepare_mip_source/kernel.ts';

parityTest(kernel);
