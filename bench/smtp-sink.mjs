// A local SMTP server that accepts every message and only counts it (no parsing: the sink must
// not be the bottleneck of the fan-out it measures). Keeps the headers of the first message so the
// benchmark can show what was sent, and resolves `waitFor(n)` when the n-th message is accepted.
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { SMTPServer } from 'smtp-server';

export class CountingSink {
  count = 0;
  bytes = 0;
  firstAt = 0;
  lastAt = 0;
  recipients = new Set();
  sample = '';
  #server;
  #waiters = [];

  async start() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      size: 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks = [];
        const keep = this.count === 0 && !this.sample;
        stream.on('data', (c) => {
          this.bytes += c.length;
          if (keep) chunks.push(c);
        });
        stream.on('end', () => {
          const now = performance.now();
          if (keep) this.sample = Buffer.concat(chunks).toString('utf8');
          for (const r of session.envelope.rcptTo) this.recipients.add(r.address.toLowerCase());
          this.count++;
          if (this.count === 1) this.firstAt = now;
          this.lastAt = now;
          callback();
          this.#waiters = this.#waiters.filter((w) => {
            if (this.count < w.n) return true;
            w.resolve(now);
            return false;
          });
        });
      },
    });
    await new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', resolve);
    });
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.#server.server.address().port}`;
  }

  /** The subject of the first message (RFC 2047 encoded words of UTF-8 decoded). */
  get sampleSubject() {
    const raw = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(this.sample)?.[1] ?? '';
    const decode = ([, encoding, text]) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    // Adjacent encoded words form one run (the whitespace between them is not text); plain text stays.
    return raw
      .replace(/\r\n([ \t])/g, '$1')
      .replace(/=\?utf-8\?[BQ]\?[^?]*\?=(?:[ \t]+=\?utf-8\?[BQ]\?[^?]*\?=)*/gi, (run) =>
        Buffer.concat([...run.matchAll(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi)].map(decode)).toString(
          'utf8',
        ),
      );
  }

  reset() {
    this.count = 0;
    this.bytes = 0;
    this.firstAt = 0;
    this.lastAt = 0;
    this.recipients.clear();
    this.sample = '';
  }

  /** Resolves with the performance.now() of the n-th accepted message; rejects after timeoutMs. */
  waitFor(n, timeoutMs) {
    if (this.count >= n) return Promise.resolve(this.lastAt);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`smtp sink: ${this.count} of ${n} messages within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push({
        n,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      });
    });
  }

  async stop() {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
