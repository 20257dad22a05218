import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../support/redis-server.js';
import { remember } from './leftovers.js';

/** The entry points `npm run build` (nest build api, nest build worker) writes. */
export const API_MAIN = 'apps/api/src/main.js';
export const WORKER_MAIN = 'apps/worker/src/main.js';

/**
 * The build the run's children start from: a copy of dist/apps/api and dist/apps/worker under
 * dist/ (so the compiled code still finds node_modules and the project's package.json), taken once
 * per run (the first suite that starts a process takes it) and removed at the end of the run.
 * Another build in the same checkout (`nest build` empties its output directory first) cannot pull
 * the files from under a suite that is running.
 */
async function build(app: 'api' | 'worker'): Promise<string> {
  const dir = join('dist', `.faults-${process.env.REDIS_PREFIX ?? process.pid}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.partial`;
    mkdirSync(partial, { recursive: true });
    for (const name of ['api', 'worker']) {
      const main = join('dist', 'apps', name, 'apps', name, 'src', 'main.js');
      // Wait out a build in progress (test/support/build.ts takes this lock).
      for (let i = 0; existsSync(join('dist', `.build-lock-${name}`)) || !existsSync(main); i++) {
        if (i > 600) throw new Error(`${main} missing: run npm run build (or npm run test:faults)`);
        await new Promise((r) => setTimeout(r, 200));
      }
      cpSync(join('dist', 'apps', name), join(partial, name), { recursive: true });
    }
    renameSync(partial, dir);
    remember({ kind: 'directory', path: join(process.cwd(), dir) });
  }
  return join(dir, app);
}

/** What every process of a fault test runs with (merged under the test's own variables). */
export interface ProcessEnv {
  /** The application's role (SuiteDatabase.appUrl), never the owner's. */
  DATABASE_URL: string;
  REDIS_URL: string;
  REDIS_PREFIX: string;
  SMTP_URL?: string;
  [name: string]: string | undefined;
}

/**
 * One built Gwaje process (`npm run build` output) started as production starts it: `node
 * dist/.../main.js` with its configuration in environment variables. The last lines of its output
 * are kept for failure messages.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private lines: string[] = [];
  private watchers: Array<{ pattern: RegExp; count: number }> = [];
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly app: 'api' | 'worker',
    private readonly env: ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How it ended: its exit code, or the signal that ended it (null while running). */
  get ended(): { code: number | null; signal: NodeJS.Signals | null } | null {
    if (!this.child || this.running) return null;
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote (stdout and stderr). */
  output(): string {
    return this.lines.join('\n');
  }

  /** Counts the lines matching `pattern` it writes from now on (however many lines are kept). */
  watch(pattern: RegExp): () => number {
    const watcher = { pattern, count: 0 };
    this.watchers.push(watcher);
    return () => watcher.count;
  }

  /** The error lines it logged (for a failing test's output). */
  errors(): string[] {
    return this.lines.filter((l) => /"level":(50|60)|Error/.test(l));
  }

  /**
   * Starts the process; resolves once it wrote a line matching `ready`, or once `ready()` (polled)
   * says so.
   */
  async start(ready: RegExp | (() => Promise<boolean>), timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    // The child runs production's entry point: no Jest VM-modules flag, the test profile (log
    // level and ports from the environment below).
    // The owner's URL stays with the test: the process knows only the application's role.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      DATABASE_ADMIN_URL: '',
    };
    for (const [k, v] of Object.entries(this.env)) if (v !== undefined) env[k] = v;
    const main = join(await build(this.app), this.app === 'api' ? API_MAIN : WORKER_MAIN);
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // However the test process ends (a timeout, Ctrl-C), no child outlives the run.
    const forget = child.pid ? remember({ kind: 'process', pid: child.pid }) : () => undefined;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        forget();
        resolve(code);
      }),
    );
    let seen = false;
    let wake: () => void = () => undefined;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.lines.push(line);
        for (const w of this.watchers) if (w.pattern.test(line)) w.count++;
        if (ready instanceof RegExp && ready.test(line)) {
          seen = true;
          wake();
        }
      }
      if (this.lines.length > 300) this.lines.splice(0, this.lines.length - 300);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} not ready in ${timeoutMs} ms:\n${this.output()}`)),
        timeoutMs,
      );
      const done = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      wake = () => done();
      if (seen) done();
      if (typeof ready === 'function') {
        const poll = async () => {
          while (this.running) {
            if (await ready().catch(() => false)) return done();
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        void poll();
      }
      void this.exited.then((code) =>
        done(new Error(`${this.name} exited (${code}) before it was ready:\n${this.output()}`)),
      );
    });
  }

  /** Sends `signal` and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** Stops it and waits: SIGTERM first (graceful), SIGKILL if it is still there after 15 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    try {
      await this.kill('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The worker: ready when it logs that its queues and schedules are set up. */
export function workerProcess(name: string, env: ProcessEnv): AppProcess {
  return new AppProcess(name, 'worker', { LOG_LEVEL: 'info', ...env });
}

export const WORKER_READY = /Worker ready/;

/** The API on a free port (request logs off: warnings and errors only). */
export class ApiProcess extends AppProcess {
  constructor(
    name: string,
    readonly port: number,
    env: ProcessEnv,
  ) {
    super(name, 'api', { LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it; ready once it answers HTTP at all (/health may say 503 while a service is down). */
  async boot(timeoutMs = 60_000): Promise<void> {
    await this.start(
      () =>
        fetch(`${this.url}/health`).then(
          () => true,
          () => false,
        ),
      timeoutMs,
    );
  }
}

export async function apiProcess(name: string, env: ProcessEnv): Promise<ApiProcess> {
  return new ApiProcess(name, await freePort(), env);
}
