import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { HttpClient, testConfig } from './support/app.js';
import { Factory, login } from './support/factory.js';

// Issue 18, finding 8: personal data never reaches the logs (SECURITY.md "Input and output"). A
// failing INSERT of a user carries the name, the e-mail address and the password hash among its
// parameters; the error logger used to print them all. Request lines kept whole query strings.

describe('personal data in the API log', () => {
  const factory = new Factory();
  const lines: string[] = [];
  const tag = randomBytes(4).toString('hex');
  const trigger = `log_leak_${tag}`;
  let app: NestFastifyApplication;
  let http: HttpClient;

  beforeAll(async () => {
    const config = testConfig();
    config.log.level = 'info';
    app = await createApiApp(config, { logDestination: { write: (s: string) => lines.push(s) } });
    await app.listen(0, '127.0.0.1');
    http = new HttpClient(await app.getUrl());
    // Only this suite's addresses fail, so other suites of the run are not affected.
    await factory.db.query(`
      CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email LIKE 'logleak-${tag}%' THEN RAISE EXCEPTION 'simulated failure'; END IF;
        RETURN NEW;
      END $$`);
    await factory.db.query(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
  });
  afterAll(async () => {
    await factory.db.query(`DROP TRIGGER IF EXISTS ${trigger} ON users`);
    await factory.db.query(`DROP FUNCTION IF EXISTS ${trigger}()`);
    await app?.close();
    await factory.close();
  });

  it('logs a failed query without its parameters: no e-mail, name or password hash', async () => {
    const { dept, users } = await factory.world(['ADMIN']);
    const token = (await login(http, users.ADMIN)).accessToken;
    const email = `logleak-${tag}@test.gwaje.kr`;
    const from = lines.length;
    // Plain fetch: a 500 is not in the route's contract, which the test client checks. The query
    // string carries the address too, as a search box or a link might.
    const raw = await fetch(`${http.baseUrl}/api/v1/users?invitedBy=${encodeURIComponent(email)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        departmentId: dept.id,
        name: '유출방지',
        email,
        grade: '행정8급',
        roles: ['STAFF'],
        password: 'a-long-enough-passphrase',
      }),
    });
    const res = { status: raw.status, body: (await raw.json()) as { requestId: string } };
    expect(res.status).toBe(500);
    const logged = lines.slice(from).join('');
    // The failure is logged, with its request id and the statement's text...
    const entry = lines
      .slice(from)
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'Unhandled error');
    expect(entry).toBeDefined();
    expect(entry.requestId).toBe(res.body.requestId);
    expect(entry.err.message).toBe('simulated failure');
    expect(entry.err.query).toMatch(/INSERT INTO/i);
    // ...and nothing the statement carried.
    expect(logged).not.toContain(email);
    expect(logged).not.toContain('logleak');
    expect(logged).not.toContain('유출방지');
    expect(logged).not.toMatch(/\$argon2/);
    expect(logged).not.toContain('a-long-enough-passphrase');
    expect(logged).not.toContain('"parameters"');
  });

  it('logs requests without their query strings', async () => {
    const { users } = await factory.world(['AUDITOR']);
    const token = (await login(http, users.AUDITOR)).accessToken;
    const from = lines.length;
    const probe = `someone.${tag}@example.kr`;
    await http.get(`/api/v1/tasks?q=${encodeURIComponent(probe)}`, { token });
    await http.get(`/api/v1/no-such-route?email=${encodeURIComponent(probe)}`, { token });
    await http.get(`/api/v1/tasks?limit=${encodeURIComponent(probe)}`, { token });
    const logged = lines.slice(from).join('');
    expect(lines.length).toBeGreaterThan(from);
    expect(logged).not.toContain(tag);
    expect(logged).not.toContain('someone');
  });
});
