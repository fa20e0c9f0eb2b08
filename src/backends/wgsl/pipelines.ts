/**
 * Shader modules and compute pipelines, compiled once per device and reused:
 * a module per WGSL source, a pipeline per module, entry point and override constants.
 */
import { ArrayLengthError, excludeGuardBands } from '../../wgsl/array-length.ts';
import { formatPosition } from '../../wgsl/line-map.ts';
import { sourceLocation, wgslMessage, type WgslSource } from '../../wgsl/source.ts';

/**
 * WGSL that does not compile or cannot be composed. Its message names the
 * kernel and every error at the file, line and column as written (inside an
 * imported module too), with composed names as `module::item`:
 * ```
 * mip_downsample: WGSL does not compile
 *   kernels/mip_downsample/mip-downsample.wgsl:14:3: error: unresolved identifier 'lastx'
 * ```
 */
export class WgslCompileError extends Error {
  override name = 'WgslCompileError';
}

/**
 * The source as compiled: every `arrayLength(&v)` excludes v's guard band. Throws WgslCompileError:
 * `k: WGSL cannot be guarded\n  k.wgsl:4:10: arrayLength(p): twinpath binds a guard band inside every buffer …`.
 */
function guarded(kernel: string, src: WgslSource): WgslSource {
  try {
    return excludeGuardBands(src);
  } catch (e) {
    if (e instanceof ArrayLengthError) throw new WgslCompileError(`${kernel}: WGSL cannot be guarded\n  ${e.message}`);
    throw e;
  }
}

export class PipelineCache {
  readonly stats = { modules: 0, pipelines: 0, hits: 0 };
  private readonly modules = new Map<string, Promise<GPUShaderModule>>();
  /** Per module (one per WGSL source), pipelines by entry point and constants. */
  private readonly pipelines = new Map<GPUShaderModule, Map<string, GPUComputePipeline>>();
  private readonly layouts = new WeakMap<GPUComputePipeline, Map<number, GPUBindGroupLayout>>();

  constructor(private readonly device: GPUDevice) {}

  /** The compiled module for `src`; rejects with {@link WgslCompileError}. */
  module(kernel: string, src: WgslSource): Promise<GPUShaderModule> {
    if (src.problem !== undefined) {
      const why = src.problem.replace(/\n/g, '\n  ');
      return Promise.reject(new WgslCompileError(`${kernel}: WGSL does not compile\n  ${why}`));
    }
    let m = this.modules.get(src.code);
    if (!m) {
      m = this.compile(kernel, src);
      this.modules.set(src.code, m);
      this.stats.modules++;
    }
    return m;
  }

  /** Compiles `src` with its arrayLength calls excluding the guard band (src/wgsl/array-length.ts). */
  private async compile(kernel: string, written: WgslSource): Promise<GPUShaderModule> {
    const src = guarded(kernel, written);
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code: src.code, label: kernel });
    const [info] = await Promise.all([module.getCompilationInfo(), this.device.popErrorScope()]);
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length) {
      const lines = errors.map((m) => {
        const at = m.lineNum > 0 ? `${formatPosition(sourceLocation(src, m.lineNum, m.linePos))}: ` : '';
        return `  ${at}error: ${wgslMessage(src, m.message)}`;
      });
      throw new WgslCompileError(`${kernel}: WGSL does not compile\n${lines.join('\n')}`);
    }
    return module;
  }

  /**
   * A pipeline for a compiled module; created synchronously so dispatches can
   * be recorded in order. Creation errors surface through the case's error scopes.
   */
  pipeline(module: GPUShaderModule, entryPoint: string, constants: Record<string, number> = {}): GPUComputePipeline {
    let ofModule = this.pipelines.get(module);
    if (!ofModule) {
      ofModule = new Map();
      this.pipelines.set(module, ofModule);
    }
    const key = `${entryPoint}\u0000${JSON.stringify(constants)}`;
    const hit = ofModule.get(key);
    if (hit) {
      this.stats.hits++;
      return hit;
    }
    const p = this.device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint, constants },
      label: entryPoint,
    });
    ofModule.set(key, p);
    this.stats.pipelines++;
    return p;
  }

  /** The bind group layout of one group of a pipeline ('auto' layout), asked of Dawn once. */
  layout(pipeline: GPUComputePipeline, group = 0): GPUBindGroupLayout {
    let ofPipeline = this.layouts.get(pipeline);
    if (!ofPipeline) {
      ofPipeline = new Map();
      this.layouts.set(pipeline, ofPipeline);
    }
    let l = ofPipeline.get(group);
    if (!l) {
      l = pipeline.getBindGroupLayout(group);
      ofPipeline.set(group, l);
    }
    return l;
  }

  /** Drops every pipeline of a module after a GPU error, so the next case that needs one creates it again (and its error scope sees why creation fails). */
  forgetModule(module: GPUShaderModule): void {
    this.pipelines.delete(module);
  }
}
