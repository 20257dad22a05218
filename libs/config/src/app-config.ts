// class-transformer's @Type reads decorator metadata: load the polyfill with the classes that need it.
import 'reflect-metadata';
import { isIP } from 'node:net';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const URL_OPTS = { require_tld: false, require_protocol: true };

export class DatabaseConfig {
  /**
   * The application's connection (API and worker): a role that `setup` creates if missing and that
   * may only SELECT/INSERT the ledger tables (ARCHITECTURE.md convention 8).
   */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'a postgres:// URL' })
  url: string;

  /** The owner's connection: `setup` and migrations only. Unset: the same as `url`. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'a postgres:// URL' })
  adminUrl: string;

  /** lock_timeout of the application's connections: a writer waiting longer gets a 503. */
  @IsInt({ message: 'an integer number of milliseconds between 100 and 600000' })
  @Min(100, { message: 'an integer number of milliseconds between 100 and 600000' })
  @Max(600_000, { message: 'an integer number of milliseconds between 100 and 600000' })
  lockTimeoutMs: number;

  /** statement_timeout of the application's connections, so a stuck statement cannot hold the pool. */
  @IsInt({ message: 'an integer number of milliseconds between 1000 and 3600000' })
  @Min(1_000, { message: 'an integer number of milliseconds between 1000 and 3600000' })
  @Max(3_600_000, { message: 'an integer number of milliseconds between 1000 and 3600000' })
  statementTimeoutMs: number;

  @IsInt({ message: 'an integer between 1 and 100' })
  @Min(1, { message: 'an integer between 1 and 100' })
  @Max(100, { message: 'an integer between 1 and 100' })
  poolSize: number;

  /**
   * Read replicas (empty: none). When set, dashboard and list reads go to a replica through
   * TypeORM's replication; every write, and every read inside a write, stays on `url`.
   */
  @IsArray({ message: 'a list of postgres:// URLs (comma separated)' })
  @Matches(/^postgres(ql)?:\/\/.+/, {
    each: true,
    message: 'a list of postgres:// URLs (comma separated)',
  })
  replicaUrls: string[];
}

export class RedisConfig {
  @Matches(/^rediss?:\/\/.+/, { message: 'a redis:// URL' })
  url: string;

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'letters, digits, _ . - (at most 64)' })
  prefix: string;
}

export class AuthConfig {
  @IsString({ message: 'a string of at least 32 characters' })
  @MinLength(32, { message: 'a string of at least 32 characters' })
  jwtSecret: string;

  @IsString({ message: 'a non-empty string' })
  @MinLength(1, { message: 'a non-empty string' })
  issuer: string;

  @IsString({ message: 'a non-empty string' })
  @MinLength(1, { message: 'a non-empty string' })
  audience: string;

  @IsInt({ message: 'an integer number of days between 1 and 90' })
  @Min(1, { message: 'an integer number of days between 1 and 90' })
  @Max(90, { message: 'an integer number of days between 1 and 90' })
  refreshTokenDays: number;
}

export class SmtpConfig {
  @Matches(/^smtps?:\/\/.+/, { message: 'an smtp:// or smtps:// URL' })
  url: string;

  /** The From header of every email. */
  @IsString({ message: 'a From address such as "Gwaje <no-reply@example.go.kr>"' })
  @MinLength(3, { message: 'a From address such as "Gwaje <no-reply@example.go.kr>"' })
  from: string;

  /** How often the worker relays the outbox to the queue, in milliseconds. */
  @IsInt({ message: 'an integer number of milliseconds between 100 and 60000' })
  @Min(100, { message: 'an integer number of milliseconds between 100 and 60000' })
  @Max(60_000, { message: 'an integer number of milliseconds between 100 and 60000' })
  outboxPollMs: number;

  /**
   * How long a claimed email may stay SENDING before it is sent again, in milliseconds: a worker
   * killed between the claim and the server's answer leaves its claim behind, and this lease is
   * what gets the email out anyway. Keep it well above the longest send (the mailer gives up on a
   * connection after about two minutes): a send still running when its lease ends could go twice.
   */
  @IsInt({ message: 'an integer number of milliseconds between 1000 and 86400000' })
  @Min(1_000, { message: 'an integer number of milliseconds between 1000 and 86400000' })
  @Max(86_400_000, { message: 'an integer number of milliseconds between 1000 and 86400000' })
  sendLeaseMs: number;

  /** Pooled SMTP connections; a reminder run sends to this many recipients at a time. */
  @IsInt({ message: 'an integer between 1 and 50' })
  @Min(1, { message: 'an integer between 1 and 50' })
  @Max(50, { message: 'an integer between 1 and 50' })
  connections: number;

  /**
   * Attempts at an e-mail the server refuses (or whose claim expires) before it is given up and
   * listed for administrators (GET /notifications/failures).
   */
  @IsInt({ message: 'an integer between 1 and 20' })
  @Min(1, { message: 'an integer between 1 and 20' })
  @Max(20, { message: 'an integer between 1 and 20' })
  maxAttempts: number;

  /** The wait before the first retry, in milliseconds; it doubles with each attempt (at most 6 h). */
  @IsInt({ message: 'an integer number of milliseconds between 1000 and 3600000' })
  @Min(1_000, { message: 'an integer number of milliseconds between 1000 and 3600000' })
  @Max(3_600_000, { message: 'an integer number of milliseconds between 1000 and 3600000' })
  retryBaseMs: number;
}

/**
 * Organisation kinds (중앙행정기관 · 시·도 · 시·군·구 · 교육청 · 공공기관), the values of OrganisationKind in
 * @gwaje/identity (which depends on this library, not the other way round; a spec there keeps the two
 * lists equal).
 */
export const ORGANISATION_KINDS = [
  'CENTRAL_AGENCY',
  'METROPOLITAN',
  'LOCAL',
  'EDUCATION_OFFICE',
  'PUBLIC_INSTITUTION',
] as const;
const ORGANISATION_KIND_NAMES: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  CENTRAL_AGENCY: '중앙행정기관',
  METROPOLITAN: '시·도',
  LOCAL: '시·군·구',
  EDUCATION_OFFICE: '교육청',
  PUBLIC_INSTITUTION: '공공기관',
};

export class AdminConfig {
  @IsEmail({}, { message: 'an email address' })
  email: string;

  /** Empty means "do not create an administrator automatically". */
  @IsString({ message: 'a string (empty, or at least 10 characters)' })
  @ValidateIf((o: AdminConfig) => o.password !== '')
  @MinLength(10, { message: 'empty, or at least 10 characters' })
  password: string;

  /**
   * The first administrator's organisation (ORGANISATION_NAME). Empty means "not chosen": setup asks
   * on a terminal, otherwise the default (기본 기관) is used and said so.
   */
  @IsString({ message: 'an organisation name (empty: setup asks or uses 기본 기관)' })
  @MaxLength(200, { message: 'at most 200 characters' })
  organisationName: string;

  /** Its kind (ORGANISATION_KIND); empty as for the name (default LOCAL, 시·군·구). */
  @IsIn(['', ...ORGANISATION_KINDS], {
    message: `one of ${ORGANISATION_KINDS.map((k) => `${k} (${ORGANISATION_KIND_NAMES[k]})`).join(', ')}, or empty (setup asks, or uses LOCAL)`,
  })
  organisationKind: string;
}

export class LogConfig {
  @IsIn(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` })
  level: LogLevel;
}

/**
 * An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`) or a single address (`10.1.2.3`,
 * the same as `/32`), as Fastify's trustProxy (proxy-addr) reads it.
 */
export function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const CIDR_LIST =
  'a list of CIDR ranges or addresses such as 10.0.0.0/8, 192.168.1.10 (comma separated)';

export class HttpConfig {
  @IsString({ each: true, message: 'a list of origin URLs' })
  corsOrigins: string[];

  @IsInt({ message: 'an integer number of bytes' })
  @Min(1024, { message: 'at least 1024 bytes' })
  bodyLimitBytes: number;

  /**
   * Sign-in attempts per account (the normalised e-mail) and minute, from all addresses together
   * (API login and the queue board's form); also refreshes per refresh token and minute.
   */
  @IsInt({ message: 'a positive integer' })
  @Min(1, { message: 'a positive integer' })
  loginRateLimitPerMinute: number;

  /**
   * Sign-in attempts per client address and minute, whatever the account (higher than the per
   * account limit: one address can be a whole office); refreshes per address have a counter of
   * their own with the same limit.
   */
  @IsInt({ message: 'a positive integer' })
  @Min(1, { message: 'a positive integer' })
  loginAddressRateLimitPerMinute: number;

  /**
   * Peers whose X-Forwarded-For is believed (the office's or data centre's reverse proxies). Empty:
   * none, the client address is the peer's.
   */
  @IsArray({ message: CIDR_LIST })
  @ValidateBy(
    { name: 'isCidr', validator: { validate: isCidr } },
    { each: true, message: CIDR_LIST },
  )
  trustedProxies: string[];

  /** Exports and other expensive endpoints, per signed-in user, endpoint and minute. */
  @IsInt({ message: 'a positive integer' })
  @Min(1, { message: 'a positive integer' })
  exportRateLimitPerMinute: number;

  /** Serve the Swagger UI at /api/docs (the JSON at /api/docs-json is always served). */
  @IsBoolean({ message: 'true or false' })
  docsUi: boolean;

  /**
   * Serve the queue dashboard (Bull Board) at /admin/queues, for the system administrator only (an
   * ADMIN whose administration covers every organisation). Off in production unless turned on.
   */
  @IsBoolean({ message: 'true or false' })
  queueBoard: boolean;

  /** Serve the web app (the built files under webRoot) at `/`. */
  @IsBoolean({ message: 'true or false' })
  webApp: boolean;

  /** The web app's build output (`npm run build:web`), relative to the working directory. */
  @IsString({ message: 'a directory path' })
  @MinLength(1, { message: 'a directory path' })
  webRoot: string;
}

/** The audit ledger's signed checkpoints (ARCHITECTURE.md convention 8). */
export class LedgerConfig {
  /**
   * PEM file of the Ed25519 private key that signs checkpoints (the worker's). The key never enters
   * the database. Empty: none (production refuses to start the worker without a key).
   */
  @IsString({ message: 'a file path (or empty)' })
  signingKeyFile: string;

  /**
   * PEM file of the Ed25519 public key that checkpoints are verified with (the API's). Empty: the
   * public half of `signingKeyFile` when that is readable.
   */
  @IsString({ message: 'a file path (or empty)' })
  publicKeyFile: string;

  /** How often the worker seals new ledger entries into a checkpoint. */
  @IsInt({ message: 'an integer number of seconds between 1 and 86400' })
  @Min(1, { message: 'an integer number of seconds between 1 and 86400' })
  @Max(86_400, { message: 'an integer number of seconds between 1 and 86400' })
  sealIntervalSeconds: number;
}

export const ATTACHMENT_STORAGES = ['database', 'directory'] as const;
export type AttachmentStorage = (typeof ATTACHMENT_STORAGES)[number];

export class AttachmentsConfig {
  /** Where uploaded bytes go: a Postgres column, or files under `directory`. */
  @IsIn(ATTACHMENT_STORAGES, { message: `one of ${ATTACHMENT_STORAGES.join(', ')}` })
  storage: AttachmentStorage;

  @IsString({ message: 'a directory path' })
  @MinLength(1, { message: 'a directory path' })
  directory: string;

  /** The ceiling no organisation setting can exceed (attachments.maxFileMb). */
  @IsInt({ message: 'an integer number of megabytes between 1 and 500' })
  @Min(1, { message: 'an integer number of megabytes between 1 and 500' })
  @Max(500, { message: 'an integer number of megabytes between 1 and 500' })
  maxFileMb: number;
}

/** Spreadsheet imports (libs/onboarding): how much one upload may hold. */
export class ImportsConfig {
  /** The largest XLSX or CSV file an import accepts. */
  @IsInt({ message: 'an integer number of megabytes between 1 and 50' })
  @Min(1, { message: 'an integer number of megabytes between 1 and 50' })
  @Max(50, { message: 'an integer number of megabytes between 1 and 50' })
  maxFileMb: number;

  /** The most data rows one file may hold (all its sheets together, header rows not counted). */
  @IsInt({ message: 'an integer number of rows between 1 and 50000' })
  @Min(1, { message: 'an integer number of rows between 1 and 50000' })
  @Max(50_000, { message: 'an integer number of rows between 1 and 50000' })
  maxRows: number;

  /**
   * The most accounts one users import creates: each gets a temporary password hashed with
   * argon2id (64 MiB, a few tenths of a second), all within the one request.
   */
  @IsInt({ message: 'an integer number of users between 1 and 5000' })
  @Min(1, { message: 'an integer number of users between 1 and 5000' })
  @Max(5000, { message: 'an integer number of users between 1 and 5000' })
  maxNewUsers: number;
}

/** The whole static configuration, read once at start-up (ARCHITECTURE.md convention 12). */
export class AppConfig {
  @IsIn(ENVIRONMENTS, { message: `one of ${ENVIRONMENTS.join(', ')}` })
  env: Environment;

  @IsString({ message: 'a host name or IP address' })
  host: string;

  @IsInt({ message: 'an integer port between 0 and 65535' })
  @Min(0, { message: 'an integer port between 0 and 65535' })
  @Max(65535, { message: 'an integer port between 0 and 65535' })
  port: number;

  @IsUrl(URL_OPTS, { message: 'an http(s):// URL' })
  publicUrl: string;

  @IsBoolean({ message: 'true or false' })
  demo: boolean;

  @ValidateNested()
  @Type(() => DatabaseConfig)
  database: DatabaseConfig;

  @ValidateNested()
  @Type(() => RedisConfig)
  redis: RedisConfig;

  @ValidateNested()
  @Type(() => AuthConfig)
  auth: AuthConfig;

  @ValidateNested()
  @Type(() => SmtpConfig)
  smtp: SmtpConfig;

  @ValidateNested()
  @Type(() => AdminConfig)
  admin: AdminConfig;

  @ValidateNested()
  @Type(() => LogConfig)
  log: LogConfig;

  @ValidateNested()
  @Type(() => HttpConfig)
  http: HttpConfig;

  @ValidateNested()
  @Type(() => AttachmentsConfig)
  attachments: AttachmentsConfig;

  @ValidateNested()
  @Type(() => LedgerConfig)
  ledger: LedgerConfig;

  @ValidateNested()
  @Type(() => ImportsConfig)
  imports: ImportsConfig;

  /** Defaults of the per-organisation settings; validated against their definitions by the settings store. */
  @IsObject({ message: 'a map of setting key to value' })
  settings: Record<string, unknown>;
}
