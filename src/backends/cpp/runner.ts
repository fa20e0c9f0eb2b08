/**
 * The C++ backend's calls, made in a runner process (runner-process.mjs)
 * rather than on the sweep's thread: a case's memory and calls go there, the
 * memory comes back. A call that does not return within the case deadline
 * gets its process killed — nothing of it keeps running — and the next case
 * starts a new one; a call that crashes (an illegal address, an abort) takes
 * down that process alone. One runner process serves every sweep of this
 * process, with each library loaded there once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeRunError, NativeSanitizerError, NativeTimeoutError } from '../native/execute.ts';
import { firstSanitizerError } from './sanitizer-report.ts';

/** An argument of a call: a pointer into an allocation of the case, a struct's bytes (a pointer), a scalar. */
export type CppCallArg =
  | { readonly allocation: number; readonly offset: number }
  | { readonly bytes: Uint8Array }
  | { readonly scalar: number };

/** One call of an entry point, bound by its C signature (`void im2col(void *, void *, uint32_t)`). */
export interface CppCall {
  readonly signature: string;
  readonly args: readonly CppCallArg[];
}

/** An `extern "C"` global of the library set to `bytes` before the calls. */
export interface CppGlobal {
  readonly symbol: string;
  readonly bytes: Uint8Array;
}

/** A case's work: the library, the case's allocations as uploaded, its globals, and its calls in order. */
export interface CppJob {
  readonly library: string;
  readonly memory: readonly Uint8Array[];
  readonly globals?: readonly CppGlobal[];
  readonly calls: readonly CppCall[];
  /** The guard bands around every allocation's data: what a sanitized runner leaves out of its heap blocks. */
  readonly guard: { readonly front: number; readonly rear: number };
}

/** A runner process under a sanitizer: its environment, and the log (`<log>.<pid>`) its report goes to. */
export interface SanitizedRunner {
  readonly env: NodeJS.ProcessEnv;
  readonly log: string;
}

/** The allocations as the calls left them, the calls' wall time (ns), and what the round trip cost beside them. */
export interface CppJobResult {
  readonly memory: readonly Uint8Array[];
  readonly callNs: number;
  /** Sending the case to the runner process and its memory back (ms): the round trip less the calls. */
  readonly transferMs: number;
}

/** The bench's repetition of a case's calls (see runner-process.mjs timeCalls). */
export type CppRepeat = { readonly launches: number } | { readonly samples: number; readonly flushBytes: number };

type Reply =
  | { readonly ready: true }
  | { readonly id: number; readonly samplesNs: readonly number[] }
  | { readonly id: number; readonly memory: ReadonlyArray<Uint8Array | null>; readonly callNs: number }
  | { readonly id: number; readonly error: string };

interface Pending {
  readonly label: string;
  /** The allocations as sent: what an allocation the calls left unchanged holds. */
  readonly sent: readonly Uint8Array[];
  /** When the case's turn in the process began (performance.now()): sent, and the case before it answered. */
  at: number;
  readonly resolve: (r: CppJobResult | readonly number[]) => void;
  readonly reject: (e: Error) => void;
}

const SCRIPT = fileURLToPath(new URL('./runner-process.mjs', import.meta.url));

/** One runner process and the cases it holds. */
class RunnerProcess {
  readonly child: ChildProcess;
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  /** Settles when the last job sent has its answer or failed: the next job's turn in the process starts then. */
  tail: Promise<void> = Promise.resolve();
  gone = false;
  private started = false;
  private readonly failStart: (e: Error) => void;
  /** The end of a sanitized process's standard error (UBSan may report there). */
  private stderr = '';

  constructor(
    private readonly onGone: (p: RunnerProcess) => void,
    private readonly sanitized?: SanitizedRunner,
  ) {
    this.child = fork(SCRIPT, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', sanitized ? 'pipe' : 'inherit', 'ipc'],
      ...(sanitized ? { env: sanitized.env } : {}),
    });
    // Passed on as the plain runner's is, and kept: UBSan may report there.
    this.child.stderr?.on('data', (d: Buffer) => {
      process.stderr.write(d);
      this.stderr = (this.stderr + d.toString()).slice(-65536);
    });
    let started!: () => void;
    let failed!: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((started = resolve), (failed = reject)));
    this.ready.catch(() => undefined);
    this.child.on('message', (r: Reply) => {
      if ('ready' in r) {
        this.started = true;
        this.idle();
        return started();
      }
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      this.idle();
      if (!p) return;
      if ('error' in r) p.reject(new NativeRunError(`${p.label}: a C++ call failed: ${r.error}`));
      else if ('samplesNs' in r) p.resolve(r.samplesNs);
      else {
        const transferMs = Math.max(0, performance.now() - p.at - r.callNs / 1e6);
        p.resolve({ memory: r.memory.map((m, i) => m ?? p.sent[i]!), callNs: r.callNs, transferMs });
      }
    });
    this.failStart = failed;
    this.child.on('error', (e) => this.end(e.message));
    this.child.on('exit', (code, signal) => this.end(signal ?? `exit code ${code}`));
    this.idle();
  }

  /** The process is gone (or given up): its cases fail, saying why, and the next case gets a new one. */
  private end(why: string): void {
    if (this.gone) return;
    this.gone = true;
    this.onGone(this);
    this.failStart(new NativeRunError(`the C++ runner process did not start: ${why}`));
    const found = this.sanitizerError();
    for (const p of this.pending.values()) {
      p.reject(
        found
          ? new NativeSanitizerError(`${p.label}: sanitizer: ${found}`)
          : new NativeRunError(
              `${p.label}: the C++ runner process died (${why}) during the case's calls — a crash in the kernel (an illegal address, an abort?); the next case gets a new runner`,
            ),
      );
    }
    this.pending.clear();
  }

  /** A sanitized process's first error, from its log (read, then removed) and its standard error. */
  private sanitizerError(): string | undefined {
    if (!this.sanitized) return undefined;
    const dir = dirname(this.sanitized.log);
    const mine = readdirSync(dir).filter((f) => f.startsWith(`${basename(this.sanitized!.log)}.`));
    const logs = mine.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const f of mine) rmSync(join(dir, f), { force: true });
    return firstSanitizerError(`${logs}\n${this.stderr}`);
  }

  /** Holds the event loop only while the process starts or a case is out. */
  idle(): void {
    if (!this.started || this.pending.size) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  /** Kills the process (a call that never returns ends with it); its other cases fail with `why`. */
  kill(why: string): void {
    this.child.kill('SIGKILL');
    this.end(why);
  }
}

/** The runner process of this process, started on first use and again after one was killed or died. */
export class CppRunner {
  private current: RunnerProcess | undefined;
  private next = 0;

  /** `sanitized`: each runner process starts under the sanitizer (a new log each). */
  constructor(private readonly sanitized?: () => SanitizedRunner) {
    process.once('exit', () => this.current?.kill('this process exited'));
  }

  /** Ends the runner process (the next case starts a new one); cases it still holds fail with `why`. */
  stop(why: string): void {
    this.current?.kill(why);
    this.current = undefined;
  }

  /**
   * Runs a case's calls in the runner process. Rejects with NativeTimeoutError when they do not finish within
   * `deadlineMs` (the process is killed):
   * ```
   * cpp_hang [cpp]: the C++ calls did not finish the case within 500 ms (TWINPATH_CASE_DEADLINE_MS);
   *   the runner process was killed and the next case gets a new one
   * ```
   * with NativeRunError when the process dies during them
   * (`cpp_crash [cpp]: the C++ runner process died (SIGSEGV) during the case's calls — …`), with
   * NativeSanitizerError when a sanitized process reported an error before it died
   * (`heap_over [cpp]: sanitizer: AddressSanitizer: heap-buffer-overflow WRITE of size 4 at heap-over.cpp:12 (in overflow_kernel)`).
   */
  async run(label: string, job: CppJob, deadlineMs: number, onSent?: () => void): Promise<CppJobResult> {
    return (await this.send(label, job, deadlineMs, onSent)) as CppJobResult;
  }

  /**
   * Makes a case's calls as the bench repeats them, timed in the runner process: one time (ns) for `{launches}`, a
   * time per sample for `{samples}`. Rejects as run does.
   */
  async time(label: string, job: CppJob, repeat: CppRepeat, deadlineMs: number): Promise<readonly number[]> {
    return (await this.send(label, { ...job, repeat }, deadlineMs)) as readonly number[];
  }

  /**
   * Sends a job to the runner process, behind the jobs it holds (it runs them in order); its deadline starts with
   * its turn, when the job before has its answer. `onSent` is called once it is sent (or could not be).
   */
  private async send(
    label: string,
    job: CppJob & { readonly repeat?: CppRepeat },
    deadlineMs: number,
    onSent?: () => void,
  ): Promise<CppJobResult | readonly number[]> {
    const p = (this.current ??= new RunnerProcess((gone) => {
      if (this.current === gone) this.current = undefined;
    }, this.sanitized?.()));
    try {
      await p.ready;
    } catch (e) {
      onSent?.();
      throw new NativeRunError(`${label}: ${(e as Error).message}`);
    }
    const id = this.next++;
    const before = p.tail;
    let settled!: () => void;
    p.tail = new Promise<void>((resolve) => (settled = resolve));
    return new Promise<CppJobResult | readonly number[]>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const end = () => {
        done = true;
        clearTimeout(timer);
        settled();
      };
      const pending: Pending = {
        label,
        sent: job.memory,
        at: performance.now(),
        resolve: (r) => (end(), resolve(r)),
        reject: (e) => (end(), reject(e)),
      };
      void before.then(() => {
        if (done) return;
        pending.at = performance.now();
        timer = setTimeout(() => {
          p.pending.delete(id);
          p.kill(`killed: a case passed its deadline`);
          end();
          reject(
            new NativeTimeoutError(
              `${label}: the C++ calls did not finish the case within ${deadlineMs} ms (TWINPATH_CASE_DEADLINE_MS); the runner process was killed and the next case gets a new one`,
            ),
          );
        }, deadlineMs);
      });
      p.pending.set(id, pending);
      p.idle();
      p.child.send({ id, ...job });
      onSent?.();
    });
  }
}
