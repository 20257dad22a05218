// Child processes of the benchmark (the built API and worker, the raw fan-out baseline): started
// with their output in a log file, their resident memory sampled every 200 ms from /proc, and
// stopped on the way out however the benchmark ends (error, Ctrl-C): only the processes started
// here, by their own pid.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();

/** Kibibytes of a /proc/<pid>/status field (VmRSS: now, VmHWM: peak so far), or 0. */
function procStatusKiB(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's busy and total CPU time so far (all cores), from /proc/stat, in clock ticks. */
export function machineCpu() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = ticks.map(Number);
  const idle = n[3] + n[4];
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export class Child {
  peakSampledKiB = 0;
  peakHwmKiB = 0;
  samples = 0;
  exited = false;
  exitCode = null;
  #timer;

  constructor(name, args, env, options = {}) {
    this.name = name;
    this.logFile = join(tmpdir(), `gwaje-bench-${process.pid}-${name}.log`);
    const fd = openSync(this.logFile, 'w');
    this.proc = spawn(process.execPath, args, {
      env,
      stdio: ['ignore', fd, fd, ...(options.ipc ? ['ipc'] : [])],
    });
    closeSync(fd);
    this.pid = this.proc.pid;
    children.add(this);
    this.exitedPromise = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exited = true;
        this.exitCode = code ?? signal;
        children.delete(this);
        clearInterval(this.#timer);
        resolve(this.exitCode);
      });
    });
    this.#timer = setInterval(() => this.sample(), 200);
  }

  sample() {
    if (this.exited) return;
    const rss = procStatusKiB(this.pid, 'VmRSS');
    const hwm = procStatusKiB(this.pid, 'VmHWM');
    if (rss) this.samples++;
    this.peakSampledKiB = Math.max(this.peakSampledKiB, rss);
    this.peakHwmKiB = Math.max(this.peakHwmKiB, hwm);
  }

  /** Peak resident set in MiB: the kernel's high-water mark (VmHWM), read until the process ended. */
  get peakMiB() {
    return Math.round(Math.max(this.peakHwmKiB, this.peakSampledKiB) / 1024);
  }

  /** Resident set now, in MiB. */
  get rssMiB() {
    return Math.round(procStatusKiB(this.pid, 'VmRSS') / 1024);
  }

  /** The resident set now and the peak so far, under `label` (where the memory went, by phase). */
  checkpoint(label) {
    this.sample();
    (this.checkpoints ??= []).push({ at: label, rssMiB: this.rssMiB, peakMiB: this.peakMiB });
  }

  get cpuSeconds() {
    return cpuSeconds(this.pid);
  }

  logTail(lines = 30) {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  /** Resolves once `ready()` is true; rejects when the process exits first or after `timeoutMs`. */
  async waitUntil(ready, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.exited) {
        throw new Error(
          `${this.name} exited (${this.exitCode}) while starting:\n${this.logTail()}`,
        );
      }
      if (await ready().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.name} not ready within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; the memory figures are sampled one last time first. */
  async stop(graceMs = 10_000) {
    this.sample();
    if (this.exited) return;
    this.proc.kill('SIGTERM');
    let timer;
    await Promise.race([
      this.exitedPromise,
      new Promise((resolve) => {
        timer = setTimeout(() => {
          if (!this.exited) this.proc.kill('SIGKILL');
          resolve();
        }, graceMs);
      }),
    ]);
    clearTimeout(timer);
    await this.exitedPromise;
  }
}

/** Stops every child still running (the benchmark's finally block). */
export async function stopAll() {
  await Promise.all([...children].map((c) => c.stop()));
}

function killAllNow() {
  for (const c of children) {
    try {
      c.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

// Whatever happens, no child outlives the benchmark.
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark's child processes`);
    killAllNow();
    process.exit(130);
  });
}
