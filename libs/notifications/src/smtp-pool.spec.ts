import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { composeMessage } from './mime-message.js';
import { SmtpPool } from './smtp-pool.js';

const options = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 };
const message = (to: string) =>
  composeMessage({
    from: 'Gwaje <no-reply@gwaje.local>',
    to,
    subject: '알림',
    text: '본문',
    html: '<p>본문</p>',
    messageId: `<${to}>`,
  });

describe('SmtpPool', () => {
  let server: SMTPServer;
  let url: string;
  const received: string[] = [];
  let connections = 0;
  let open = 0;
  let mostOpen = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        connections++;
        mostOpen = Math.max(mostOpen, ++open);
        callback();
      },
      onClose: () => {
        open--;
      },
      onRcptTo: (address, _session, callback) =>
        address.address.startsWith('bad')
          ? callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }))
          : callback(),
      onData: (stream, session, callback) => {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          setTimeout(callback, 20);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    connections = 0;
    mostOpen = open;
  });

  it('sends many messages over at most maxConnections connections', async () => {
    const pool = new SmtpPool({ url, maxConnections: 2, ...options });
    const to = Array.from({ length: 12 }, (_, i) => `r${i}@gwaje.kr`);
    await Promise.all(to.map((t) => pool.send(message(t).envelope, message(t).raw)));
    pool.close();
    expect(received.sort()).toEqual([...to].sort());
    expect(connections).toBe(2);
    expect(mostOpen).toBeLessThanOrEqual(2);
  });

  it('keeps the connection after a refused recipient: the error carries the code, the next message goes', async () => {
    const pool = new SmtpPool({ url, maxConnections: 1, ...options });
    const bad = message('bad@gwaje.kr');
    await expect(pool.send(bad.envelope, bad.raw)).rejects.toMatchObject({ responseCode: 550 });
    const good = message('good@gwaje.kr');
    await pool.send(good.envelope, good.raw);
    pool.close();
    expect(received).toEqual(['good@gwaje.kr']);
    expect(connections).toBe(1);
  });

  it('fails each send at once when the server refuses the connection (its slot is given back)', async () => {
    // A port nothing listens on.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const pool = new SmtpPool({ url: `smtp://127.0.0.1:${port}`, maxConnections: 1, ...options });
    const m = message('r@gwaje.kr');
    const started = Date.now();
    await expect(pool.send(m.envelope, m.raw)).rejects.toThrow(/ECONNREFUSED/);
    // And a second one, although the first connection's slot was taken: it was given back.
    await expect(pool.send(m.envelope, m.raw)).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(2_000);
    pool.close();
  });
});
