// The C++ backend's runner process (see runner.ts): it loads the kernels'
// shared libraries with koffi and makes a case's calls, in order, on the
// case's memory, timing them with the wall clock; it answers with the memory
// as the calls left it (null for an allocation they left unchanged). Plain JavaScript, so it starts without a loader. A
// call that never returns is ended by the parent killing this process.
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

process.on('message', (job) => {
  try {
    setGlobals(job);
    const fns = job.calls.map((c) => entry(job.library, c.signature));
    const sent = job.memory.map((m) => Buffer.from(m));
    let callNs = 0n;
    job.calls.forEach((c, i) => {
      const values = c.args.map((a) => value(job.memory, a));
      const t = process.hrtime.bigint();
      fns[i](...values);
      callNs += process.hrtime.bigint() - t;
    });
    // An allocation the calls left as it came goes back as null: the parent has those bytes.
    const memory = job.memory.map((m, i) => (sent[i].equals(m) ? null : m));
    process.send({ id: job.id, memory, callNs: Number(callNs) });
  } catch (e) {
    process.send({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
process.send({ ready: true });
