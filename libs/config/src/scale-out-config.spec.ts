import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from './load-config.js';

const configDir = join(process.cwd(), 'config');

describe('configuration for scale-out and failures', () => {
  it('has no read replica and a five-minute send lease by default', () => {
    const config = loadConfig({ env: {}, configDir });
    expect(config.database.replicaUrls).toEqual([]);
    expect(config.smtp.sendLeaseMs).toBe(300_000);
  });

  it('reads DATABASE_REPLICA_URLS as a comma-separated list (spaces and empty items ignored)', () => {
    const config = loadConfig({
      env: { DATABASE_REPLICA_URLS: ' postgres://a/x ,, postgresql://b:5433/x ' },
      configDir,
    });
    expect(config.database.replicaUrls).toEqual(['postgres://a/x', 'postgresql://b:5433/x']);
  });

  it('reads SMTP_SEND_LEASE_MS and refuses a lease under a second', () => {
    expect(loadConfig({ env: { SMTP_SEND_LEASE_MS: '5000' }, configDir }).smtp.sendLeaseMs).toBe(
      5000,
    );
    expect(() => loadConfig({ env: { SMTP_SEND_LEASE_MS: '10' }, configDir })).toThrow(
      'Configuration error: SMTP_SEND_LEASE_MS (smtp.sendLeaseMs) must be an integer number of milliseconds between 1000 and 86400000',
    );
  });
});
