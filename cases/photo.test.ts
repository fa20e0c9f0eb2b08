import { parityTest } from 'twinpath';
import { PHOTO_KERNELS } from '../kernels/photo/kernel.ts';

for (const k of PHOTO_KERNELS) parityTest(k);
