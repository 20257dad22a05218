import type { Buffer } from 'node:buffer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface SmtpPoolOptions {
  /** smtp:// or smtps:// (implicit TLS), optionally with user:password. */
  url: string;
  maxConnections: number;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

type SmtpError = Error & { code?: string; responseCode?: number };

/** Connections a pool counts as open (a discarded one is counted off once). */
const counted = new WeakSet<SMTPConnection>();

/**
 * Up to `maxConnections` SMTP connections (nodemailer's SMTPConnection: STARTTLS when offered,
 * AUTH from the URL), each sending one prepared message at a time; a caller waits for a free one.
 * A message the server refuses leaves its connection usable (RSET); any other error closes it,
 * and a connection the server closed while idle is replaced on the next send.
 */
export class SmtpPool {
  private readonly idle: SMTPConnection[] = [];
  private readonly waiting: Array<{
    resolve: (c: SMTPConnection) => void;
    reject: (e: Error) => void;
  }> = [];
  private open = 0;
  private closed = false;

  constructor(private readonly options: SmtpPoolOptions) {}

  async send(envelope: { from: string; to: string[] }, message: Buffer): Promise<void> {
    const connection = await this.acquire();
    try {
      await new Promise((resolve, reject) =>
        connection.send(envelope, message, (error, info) =>
          error ? reject(error) : resolve(info),
        ),
      );
      this.release(connection);
    } catch (error) {
      const e = error as SmtpError;
      if ((e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.responseCode !== 421) {
        // Refused by the server; the session is fine once reset.
        connection.reset((resetError) =>
          resetError ? this.discard(connection) : this.release(connection),
        );
      } else this.discard(connection);
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.close();
    for (const w of this.waiting.splice(0)) w.reject(new Error('the SMTP pool is closed'));
  }

  private async acquire(): Promise<SMTPConnection> {
    if (this.closed) throw new Error('the SMTP pool is closed');
    for (let c = this.idle.pop(); c; c = this.idle.pop()) if (!c.destroyed) return c;
    if (this.open < this.options.maxConnections) return this.connect();
    return new Promise<SMTPConnection>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: SMTPConnection): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push(connection);
  }

  /** Closes a connection; a caller waiting for one gets a new connection instead. */
  private discard(connection: SMTPConnection): void {
    const i = this.idle.indexOf(connection);
    if (i >= 0) this.idle.splice(i, 1);
    if (!counted.delete(connection)) return;
    this.open--;
    connection.close();
    const waiter = this.waiting.shift();
    if (waiter && !this.closed) this.connect().then(waiter.resolve, waiter.reject);
    else waiter?.reject(new Error('the SMTP pool is closed'));
  }

  private async connect(): Promise<SMTPConnection> {
    const url = new URL(this.options.url);
    const secure = url.protocol === 'smtps:';
    const connection = new SMTPConnection({
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      connectionTimeout: this.options.connectionTimeout,
      greetingTimeout: this.options.greetingTimeout,
      socketTimeout: this.options.socketTimeout,
    });
    this.open++;
    counted.add(connection);
    try {
      await settled(connection, (done) => connection.connect((error) => done(error)));
      if (url.username)
        await settled(connection, (done) =>
          connection.login(
            { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
            (error) => done(error ?? undefined),
          ),
        );
      // An idle connection the server (or the network) closes is dropped, never an unhandled
      // error; a send in flight hears of it through its own callback.
      connection.on('error', () => this.discard(connection));
      connection.once('end', () => this.discard(connection));
      return connection;
    } catch (error) {
      this.discard(connection);
      throw error;
    }
  }
}

/**
 * Runs a step of the handshake to its end: SMTPConnection reports a failure to connect (refused,
 * timed out) as an 'error' event, not to the step's callback.
 */
function settled(
  connection: SMTPConnection,
  step: (done: (error?: Error) => void) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let over = false;
    const fail = (error?: Error) => {
      if (over) return;
      over = true;
      connection.off('error', fail);
      connection.off('end', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => fail(new Error('the SMTP server closed the connection'));
    connection.once('error', fail);
    connection.once('end', closed);
    step(fail);
  });
}
