import { createConnection } from 'node:net';
import pg from 'pg';

export interface ServiceProblem {
  service: 'PostgreSQL' | 'Redis';
  where: string;
  detail: string;
  howToStart: string;
}

const HOW_TO_START_PG =
  'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` ' +
  '(install: `apt-get install postgresql`), or `docker compose up -d postgres`; or point DATABASE_URL at a running server';
const HOW_TO_START_REDIS =
  'start it with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` ' +
  '(install: `apt-get install redis-server`), or `docker compose up -d redis`; or point REDIS_URL at a running server';

function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: u.port ? Number(u.port) : defaultPort };
}

/** Connects to the server's maintenance database: the application database may not exist yet. */
export async function checkPostgres(url: string): Promise<ServiceProblem | null> {
  const { host, port } = hostPort(url, 5432);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return {
      service: 'PostgreSQL',
      where: `${host}:${port} (DATABASE_URL)`,
      detail: (err as Error).message,
      howToStart: HOW_TO_START_PG,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A raw PING over TCP, so the check needs no client library state. */
export function checkRedis(url: string): Promise<ServiceProblem | null> {
  const { host, port } = hostPort(url, 6379);
  return new Promise((resolve) => {
    const problem = (detail: string): ServiceProblem => ({
      service: 'Redis',
      where: `${host}:${port} (REDIS_URL)`,
      detail,
      howToStart: HOW_TO_START_REDIS,
    });
    const socket = createConnection({ host, port, timeout: 3_000 });
    let answer = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.end();
        // NOAUTH means the server is up and wants a password, which the URL supplies to real clients.
        resolve(
          answer.startsWith('+PONG') || answer.includes('NOAUTH')
            ? null
            : problem(`unexpected answer ${answer.trim()}`),
        );
      }
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(problem('timed out'));
    });
    socket.on('error', (err) => resolve(problem(err.message)));
  });
}
