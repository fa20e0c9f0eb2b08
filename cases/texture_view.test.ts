import { parityTest } from 'twinpath';
import kernel from '../kernels/texture_view/kernel.ts';

parityTest(kernel);
