// The C++ backend's runner process (see runner.ts): it loads the kernels'
// shared libraries with koffi and makes a case's calls, in order, on the
// case's memory, timing them with the wall clock; it answers with the memory
// as the calls left it (null for an allocation they left unchanged). Plain JavaScript, so it starts without a loader. A
// call that never returns is ended by the parent killing this process. Under a sanitizer (TWINPATH_RUNNER_HEAP names
// the preloaded runtime), the data of each allocation — between its guard bands — is copied into a block from the
// runtime's malloc, exactly its size, so a call that reads or writes past it is caught there.
import koffi from 'koffi';

// Linux: die with the parent (PR_SET_PDEATHSIG, SIGKILL), so a call that never returns outlives no run.
if (process.platform === 'linux') {
  koffi
    .load('libc.so.6')
    .func('int prctl(int option, unsigned long a, unsigned long b, unsigned long c, unsigned long d)')(1, 9, 0, 0, 0);
}
// The parent is gone (the channel closed, or a reply could not be sent): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
process.on('error', () => process.exit(0));

/** The sanitizer runtime's malloc and free, when this process runs under one. */
const heap = process.env.TWINPATH_RUNNER_HEAP
  ? (() => {
      const rt = koffi.load(process.env.TWINPATH_RUNNER_HEAP);
      return { malloc: rt.func('void *malloc(size_t)'), free: rt.func('void free(void *)') };
    })()
  : undefined;

/** Loaded libraries by path, each with its functions by signature. */
const libraries = new Map();

function library(path) {
  let l = libraries.get(path);
  if (!l) {
    l = { lib: koffi.load(path), functions: new Map() };
    libraries.set(path, l);
  }
  return l;
}

function entry(path, signature) {
  const l = library(path);
  let f = l.functions.get(signature);
  if (!f) {
    f = l.lib.func(signature);
    l.functions.set(signature, f);
  }
  return f;
}

/** An argument as koffi takes it: a pointer into a case allocation, a struct's bytes, or a scalar. */
function value(memory, a) {
  if (a.allocation !== undefined) return memory[a.allocation].subarray(a.offset);
  if (a.bytes !== undefined) return a.bytes;
  return a.scalar;
}

/** Copies each of the case's globals into the library's symbol of that name. */
function setGlobals(job) {
  for (const g of job.globals ?? []) {
    const symbol = library(job.library).lib.symbol(g.symbol, 'uint8_t');
    koffi.encode(symbol, koffi.array('uint8_t', g.bytes.length), g.bytes);
  }
}

/** Each allocation's data in a heap block of its own: the pointer, and a view of the block. */
function heapBlocks(memory, guard) {
  return memory.map((m) => {
    const length = m.length - guard.front - guard.rear;
    const pointer = heap.malloc(Math.max(1, length));
    const view = new Uint8Array(koffi.view(pointer, length));
    view.set(m.subarray(guard.front, guard.front + length));
    return { pointer, view };
  });
}

/** A heap block holding `bytes` (a struct's, aligned as malloc aligns): kept in `structs` until the calls end. */
function heapCopy(bytes, structs) {
  const pointer = heap.malloc(Math.max(1, bytes.length));
  new Uint8Array(koffi.view(pointer, bytes.length)).set(bytes);
  structs.push(pointer);
  return pointer;
}

/** An argument under the sanitizer: an allocation is its heap block (the kernel's pointer is its first byte). */
function heapValue(blocks, structs, guard, a) {
  if (a.bytes !== undefined) return heapCopy(a.bytes, structs);
  if (a.allocation === undefined) return value([], a);
  if (a.offset !== guard.front) throw new Error(`a pointer ${a.offset - guard.front} bytes into an allocation`);
  return blocks[a.allocation].pointer;
}

/** Makes the calls; returns their wall time (ns). */
function makeCalls(job) {
  const fns = job.calls.map((c) => entry(job.library, c.signature));
  const blocks = heap ? heapBlocks(job.memory, job.guard) : undefined;
  const structs = [];
  let callNs = 0n;
  try {
    job.calls.forEach((c, i) => {
      const values = c.args.map((a) => (blocks ? heapValue(blocks, structs, job.guard, a) : value(job.memory, a)));
      const t = process.hrtime.bigint();
      fns[i](...values);
      callNs += process.hrtime.bigint() - t;
    });
  } finally {
    blocks?.forEach((b, i) => {
      job.memory[i].set(b.view, job.guard.front);
      heap.free(b.pointer);
    });
    structs.forEach((p) => heap.free(p));
  }
  return callNs;
}

/** A buffer of `bytes` bytes to overwrite before each cold sample, kept for the next job. */
let flush = new Uint8Array(0);

/**
 * The bench's timing (job.repeat): `{launches}`: the calls made that many times back to back, one time (ns);
 * `{samples, flushBytes}`: the calls made once per sample, each after overwriting `flushBytes` bytes, a time each.
 */
function timeCalls(job) {
  if (heap) throw new Error('the bench does not time calls under a sanitizer');
  const fns = job.calls.map((c) => entry(job.library, c.signature));
  const values = job.calls.map((c) => c.args.map((a) => value(job.memory, a)));
  const once = () => fns.forEach((f, i) => f(...values[i]));
  const r = job.repeat;
  if (r.launches) {
    const t = process.hrtime.bigint();
    for (let n = 0; n < r.launches; n++) once();
    return [Number(process.hrtime.bigint() - t)];
  }
  if (flush.length !== r.flushBytes) flush = new Uint8Array(r.flushBytes);
  const ns = [];
  for (let s = 0; s < r.samples; s++) {
    flush.fill(s & 0xff);
    const t = process.hrtime.bigint();
    once();
    ns.push(Number(process.hrtime.bigint() - t));
  }
  return ns;
}

process.on('message', (job) => {
  try {
    setGlobals(job);
    if (job.repeat) {
      process.send({ id: job.id, samplesNs: timeCalls(job) });
      return;
    }
    const sent = job.memory.map((m) => Buffer.from(m));
    const callNs = makeCalls(job);
    // An allocation the calls left as it came goes back as null: the parent has those bytes.
    const memory = job.memory.map((m, i) => (sent[i].equals(m) ? null : m));
    process.send({ id: job.id, memory, callNs: Number(callNs) });
  } catch (e) {
    process.send({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
process.send({ ready: true });
