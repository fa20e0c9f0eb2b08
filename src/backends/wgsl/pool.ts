/**
 * A bounded pool of GPU buffers, reused across cases. Sizes are bucketed to
 * powers of two (at least 256 bytes); free buffers past `maxFreeBytes` are
 * destroyed oldest first.
 */
export interface PoolStats {
  created: number;
  reused: number;
  destroyed: number;
  freeBytes: number;
}

export class BufferPool {
  readonly stats: PoolStats = { created: 0, reused: 0, destroyed: 0, freeBytes: 0 };
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly order: GPUBuffer[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly maxFreeBytes = 256 * 1024 * 1024,
  ) {}

  /** The capacity a request of `size` bytes is served with. */
  static bucket(size: number): number {
    return Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(size, 1))));
  }

  /** A buffer of at least `size` bytes with exactly `usage`. */
  acquire(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    const cap = BufferPool.bucket(size);
    const list = this.free.get(`${usage}:${cap}`);
    const reused = list?.pop();
    if (reused) {
      this.order.splice(this.order.indexOf(reused), 1);
      this.stats.freeBytes -= cap;
      this.stats.reused++;
      return reused;
    }
    this.stats.created++;
    return this.device.createBuffer({ size: cap, usage, label });
  }

  /** Returns a buffer for reuse; the oldest free ones go when over budget. */
  release(b: GPUBuffer): void {
    const key = `${b.usage}:${b.size}`;
    const list = this.free.get(key) ?? [];
    list.push(b);
    this.free.set(key, list);
    this.order.push(b);
    this.stats.freeBytes += b.size;
    while (this.stats.freeBytes > this.maxFreeBytes && this.order.length) {
      const old = this.order.shift()!;
      const l = this.free.get(`${old.usage}:${old.size}`)!;
      l.splice(l.indexOf(old), 1);
      this.stats.freeBytes -= old.size;
      this.stats.destroyed++;
      old.destroy();
    }
  }
}
