import { Buffer } from 'node:buffer';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message the sink accepted, as the recipient would read it. */
export interface SunkEmail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  receivedAt: number;
  /**
   * The sender had hung up before the sink answered: the message was received whole, but the
   * sender never saw it accepted (it will think it failed).
   */
  senderGone: boolean;
}

/** A message the sink refused on purpose (`failNext`). */
export interface RefusedEmail {
  to: string[];
  code: number;
  at: number;
}

/**
 * A real SMTP server of the test's own on a random local port: it accepts every message (no
 * delivery), parses it with postal-mime and keeps what a recipient would see. It can refuse the next
 * N messages with an SMTP error (the sender sees `sendMail` fail), and delay each acceptance (to
 * have a sender stopped while a message is in flight).
 */
export class SmtpSink {
  readonly messages: SunkEmail[] = [];
  readonly refused: RefusedEmail[] = [];
  /** Messages whose data has begun and that have not been answered yet. */
  inFlight = 0;
  /** Messages received whole and held by `delay` before their answer (a subset of inFlight). */
  held = 0;
  /** Messages whose sender hung up before they were received whole (never accepted). */
  cut = 0;
  private server: SMTPServer | undefined;
  private listening = 0;
  private failing = 0;
  private failCode = 451;
  private failOnly: Set<string> | undefined;
  private delayMs = 0;
  private waiters = new Set<() => void>();
  private closedSessions = new Set<string>();

  async start(): Promise<void> {
    const options = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Idle pooled connections of a sender that was not closed must not hold the suite's end.
      closeTimeout: 500,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const chunks: Buffer[] = [];
        this.inFlight++;
        let ended = false;
        // The sender hung up before the message was whole: nothing received, nothing answered.
        const cut = () => {
          if (ended) return;
          ended = true;
          this.cut++;
          this.inFlight--;
          for (const wake of [...this.waiters]) wake();
        };
        stream.on('error', cut);
        stream.on('close', () => {
          if (!stream.readableEnded) cut();
        });
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (ended) return;
          ended = true;
          void (async () => {
            try {
              if (this.delayMs) {
                this.held++;
                try {
                  await new Promise((r) => setTimeout(r, this.delayMs));
                } finally {
                  this.held--;
                }
              }
              if (this.failing > 0 && (!this.failOnly || to.some((t) => this.failOnly!.has(t)))) {
                this.failing--;
                this.refused.push({ to, code: this.failCode, at: Date.now() });
                // Quoting the recipient, as real servers do ("550 5.1.1 <…>: user unknown").
                const error = Object.assign(
                  new Error(`sink: <${to.join(', ')}> refused on purpose`),
                  {
                    responseCode: this.failCode,
                  },
                );
                callback(error);
                return;
              }
              const email = await PostalMime.parse(Buffer.concat(chunks));
              this.messages.push({
                to,
                from: email.from?.address ?? '',
                subject: email.subject ?? '',
                text: email.text ?? '',
                html: email.html ?? '',
                messageId: email.messageId ?? '',
                receivedAt: Date.now(),
                senderGone: this.closedSessions.has(session.id),
              });
              callback();
            } catch (error) {
              callback(error as Error);
            } finally {
              this.inFlight--;
              for (const wake of [...this.waiters]) wake();
            }
          })();
        });
      },
    } as SMTPServerOptions;
    this.server = new SMTPServer(options);
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listening = (server.server.address() as { port: number }).port;
    // A sender that hangs up (a killed worker) resets its connections: expected, not an error of
    // the test (unhandled, it would fail the suite).
    server.on('error', () => undefined);
  }

  get port(): number {
    return this.listening;
  }

  /** The SMTP_URL of the sink (plain SMTP, no authentication). */
  get url(): string {
    return `smtp://127.0.0.1:${this.listening}`;
  }

  /**
   * Refuse the next `count` messages with `code` (4xx: try again later; 5xx: permanent); with
   * `only`, just messages to one of those addresses (others, e.g. another suite's, pass).
   */
  failNext(count: number, code = 451, only?: Iterable<string>): void {
    this.failing = count;
    this.failCode = code;
    this.failOnly = only ? new Set([...only].map((a) => a.toLowerCase())) : undefined;
  }

  /** Hold every message this long before answering it (0: answer at once). */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  /** Forget what was received and refused, and stop failing or delaying. */
  clear(): void {
    this.messages.length = 0;
    this.refused.length = 0;
    this.failing = 0;
    this.failOnly = undefined;
    this.delayMs = 0;
  }

  /** Accepted messages to `address`. */
  to(address: string): SunkEmail[] {
    const a = address.toLowerCase();
    return this.messages.filter((m) => m.to.includes(a));
  }

  /** Accepted messages to any of `addresses` (e.g. the users of the test's own organisation). */
  toAny(addresses: Iterable<string>): SunkEmail[] {
    const set = new Set([...addresses].map((a) => a.toLowerCase()));
    return this.messages.filter((m) => m.to.some((t) => set.has(t)));
  }

  /**
   * Resolves with the accepted messages (those matching `filter`, all by default) once there are
   * at least `count` of them; rejects after `timeoutMs` saying how many came.
   */
  async waitFor(
    count: number,
    timeoutMs = 10_000,
    filter: (m: SunkEmail) => boolean = () => true,
  ): Promise<SunkEmail[]> {
    const matching = () => this.messages.filter(filter);
    if (matching().length >= count) return matching();
    return new Promise<SunkEmail[]>((resolve, reject) => {
      const check = () => {
        const found = matching();
        if (found.length < count) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const found = matching();
        reject(
          new Error(
            `smtp sink: expected ${count} message(s) within ${timeoutMs} ms, got ${found.length}: ` +
              JSON.stringify(found.map((m) => ({ to: m.to, subject: m.subject }))),
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /**
   * The accepted messages (those matching `filter`, all by default) grouped by Message-ID: the
   * copies a receiving system would drop as duplicates are the second and later of a group.
   */
  byMessageId(filter: (m: SunkEmail) => boolean = () => true): Map<string, SunkEmail[]> {
    const groups = new Map<string, SunkEmail[]>();
    for (const m of this.messages.filter(filter))
      groups.set(m.messageId, [...(groups.get(m.messageId) ?? []), m]);
    return groups;
  }

  /** Resolves once a message is held by `delay` (received whole, its answer not given yet). */
  async waitForHeld(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.held === 0) {
      if (Date.now() > end) throw new Error('smtp sink: no message held');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Resolves once a message is being received (data begun, not answered yet). */
  async waitForInFlight(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.inFlight === 0) {
      if (Date.now() > end) throw new Error('smtp sink: no message in flight');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
