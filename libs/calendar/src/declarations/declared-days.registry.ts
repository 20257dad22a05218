import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@gwaje/config';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { type DeclaredDay, DeclaredDays, useDeclaredDays } from '../declared-days.js';

/** The channel a change of declarations is announced on (NOTIFY after its commit). */
export const DECLARED_DAYS_CHANNEL = 'gwaje_declared_days';

const RECONNECT_MS = 5_000;

/** The declarations in force (not withdrawn), read within `manager`'s transaction when given. */
export async function loadDeclaredDays(manager: EntityManager): Promise<DeclaredDays> {
  const rows = await manager.query<
    Array<{ id: string; date: string; name: string; organisation_id: string | null }>
  >(
    `SELECT id, day::text AS date, name, organisation_id FROM declared_days WHERE withdrawn_at IS NULL`,
  );
  return new DeclaredDays(
    rows.map((r): DeclaredDay => ({
      id: r.id,
      date: r.date,
      name: r.name,
      organisationId: r.organisation_id,
    })),
  );
}

/**
 * Keeps this process's declared days (the business-day arithmetic's, declared-days.ts) equal to the
 * table: loaded at start-up and again whenever any process announces a change on
 * DECLARED_DAYS_CHANNEL, through a connection of its own that LISTENs (and, after losing it,
 * reconnects and reloads). A start without the database keeps the package's calendar and retries.
 */
@Injectable()
export class DeclaredDaysRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeclaredDays');
  private listener: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Reads the table into this process's calendar. */
  async reload(): Promise<void> {
    useDeclaredDays(await loadDeclaredDays(this.dataSource.manager));
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.config.database.url,
      application_name: 'gwaje-declared-days',
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', () => {
      this.reload().catch((err: Error) =>
        this.logger.warn(`reloading declared days failed: ${err.message}`),
      );
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DECLARED_DAYS_CHANNEL}`);
      this.listener = client;
      // Loaded after LISTEN, so a change committed in between is not missed.
      await this.reload();
    } catch (err) {
      this.lost(client, err as Error);
    }
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.listener === client) this.listener = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    this.logger.warn(
      `declared days not followed${err ? `: ${err.message}` : ''}; retrying in ${RECONNECT_MS / 1000} s`,
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
