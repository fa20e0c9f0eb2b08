import { parityTest } from 'twinpath';
import kernel from '../kernels/mip_downsample/kernel.ts';

parityTest(kernel);
