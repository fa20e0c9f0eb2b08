import { parityTest } from 'twinpath';
import kernel from '../kernels/pyramid_blur/kernel.ts';

parityTest(kernel);
