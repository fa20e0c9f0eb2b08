import { parityTest } from 'twinpath';
import { mipTextureFloat32, mipTextureUnorm8 } from '../kernels/mip_texture/kernel.ts';

parityTest(mipTextureUnorm8);
parityTest(mipTextureFloat32);
