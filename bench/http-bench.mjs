// The HTTP measurements (task transition, filtered task list) and their raw baselines: the same SQL
// statements in the same transaction shape over a plain `pg` pool, at the same concurrency. The
// raw statements are checked against those the API really ran for one request (sql-capture.mjs).
// The transition also has a minimal baseline (MinimalTransition): the least SQL for its effect.
import { Buffer } from 'node:buffer';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export const normalise = (sql) => sql.replace(/\s+/g, ' ').trim();

export function percentile(sorted, q) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * One figure from the loads of several rounds: throughput over their total time, latency
 * percentiles over all their answers, and the CPU they used (see withCpu in run.mjs).
 */
export function summarise(parts) {
  const sum = (key) => parts.reduce((n, p) => n + (p[key] ?? 0), 0);
  const sorted = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const ok = sum('ok');
  const seconds = sum('seconds');
  const statuses = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p.statuses ?? {})) statuses[k] = (statuses[k] ?? 0) + v;
  }
  const ms = (x) => Math.round(x * 10) / 10;
  return {
    requests: ok,
    failed: sum('failed'),
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(ok / seconds),
    p50Ms: ms(percentile(sorted, 0.5)),
    p99Ms: ms(percentile(sorted, 0.99)),
    ...(Object.keys(statuses).length ? { statuses } : {}),
    machineBusyPercent: Math.round((100 * sum('machineBusy')) / sum('machineTotal')),
    benchCpuMsPerRequest: Math.round((100 * sum('benchCpuMs')) / ok) / 100,
    ...(parts.some((p) => p.apiCpuMs !== undefined)
      ? { apiCpuMsPerRequest: Math.round((100 * sum('apiCpuMs')) / ok) / 100 }
      : {}),
  };
}

export async function login(baseUrl, email, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(body)}`);
  const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
  return { token: body.accessToken, sessionId: claims.sid, userId: claims.sub };
}

/**
 * Load through HTTP with autocannon: `connections` keep-alive connections, each sending its next
 * request when the previous answered, for `seconds`. `next()` gives each request's method, path
 * and body and a `done(status)` called with its answer. Latency is taken per response (float ms),
 * the same way as for the raw baseline.
 */
export async function loadHttp({ url, token, connections, seconds, next }) {
  const latencies = [];
  let ok = 0;
  let failed = 0;
  const statuses = {};
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request, context) => {
          const r = next();
          context.done = r.done;
          return { ...request, method: r.method, path: r.path, body: r.body ?? undefined };
        },
        onResponse: (status, _body, context) => {
          context.done?.(status);
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(ms);
    } else failed++;
  });
  const result = await instance;
  failed += result.errors + result.timeouts;
  return { latencies, ok, failed, seconds: result.duration, statuses };
}

/** The raw baseline's load: `connections` loops each running `op()` back to back for `seconds`. */
export async function loadRaw({ connections, seconds, op }) {
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let firstError;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await op();
          latencies.push(performance.now() - t);
          ok++;
        } catch (error) {
          failed++;
          firstError ??= error;
        }
      }
    }),
  );
  if (firstError) console.warn(`  raw: ${failed} failed, first: ${firstError.message}`);
  return { latencies, ok, failed, seconds: (performance.now() - start) / 1000 };
}

// ── SQL of one request, as the services write it ──────────────────────────────────────────────

const SESSION_SQL = `SELECT u.id, u.organisation_id, u.department_id, u.roles::text[] AS roles, u.name, u.email, u.language, u.active,
              s.last_seen_at, s.expires_at, s.revoked_at
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1`;
/**
 * HistoryService.record's statement (historyAppendSql in libs/audit/src/history/history.service.ts):
 * reads the record's newest entry and appends the next one, the chain hash computed in SQL over the
 * content hash computed by the caller; the minimal baseline's history insert.
 */
const appendSql = ({ HISTORY_LINK_PREFIX, GENESIS_HASH }) => `
  INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                       occurred_at, changes, reason, prev_hash, hash)
  SELECT $1::uuid, $2::text, $3::text, head.seq + 1, $4::text, $5::uuid, $6::timestamptz, $7::jsonb, $8::text, head.hash,
         encode(sha256(convert_to('${HISTORY_LINK_PREFIX}|' || $9::text || '|' || (head.seq + 1) || '|' || head.hash, 'UTF8')), 'hex')
    FROM (SELECT COALESCE(last.record_seq, 0) AS seq, COALESCE(last.hash, '${GENESIS_HASH}') AS hash
            FROM (SELECT 1) one
            LEFT JOIN LATERAL (SELECT record_seq, hash FROM history
                                WHERE organisation_id = $1::uuid AND record_type = $2::text AND record_id = $3::text
                                ORDER BY record_seq DESC LIMIT 1) last ON true) head`;
const ACCESS_LOG_SQL = `INSERT INTO access_log (occurred_at, organisation_id, user_id, action, record_type, record_id, filter, reason, request_id, ip, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

/**
 * The raw side: the statements of one transition or one list page over a `pg` pool, with the
 * API's own SQL builders and history hash (from the build), so the text and the work are the same.
 * `texts` records what one operation sent, to compare with the API's capture.
 */
export class RawApi {
  texts = null;

  constructor(pool, dist) {
    this.pool = pool;
    this.dist = dist;
    this.policy = new dist.AccessPolicy(undefined);
  }

  #connections = new Map();

  /** `prepared`: as a named prepared statement, as the API sends it (queryPrepared in libs/db). */
  async #q(runner, sql, values, prepared = false) {
    if (this.texts) {
      // A statement over the pool gets a connection of its own; a checked-out client keeps one.
      if (runner === this.pool) this.#connections.set({}, this.#connections.size);
      else if (!this.#connections.has(runner))
        this.#connections.set(runner, this.#connections.size);
      const connection =
        runner === this.pool ? this.#connections.size - 1 : this.#connections.get(runner);
      this.texts.push({ connection, text: sql });
    }
    if (!prepared) return runner.query(sql, values);
    const name = `gw_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    return runner.query({ name, text: sql, values });
  }

  async #authenticate(sessionId) {
    const { rows } = await this.#q(this.pool, SESSION_SQL, [sessionId], true);
    const row = rows[0];
    if (!row?.active || row.revoked_at || row.expires_at <= new Date()) {
      throw new Error('session not valid');
    }
    return {
      id: row.id,
      sessionId,
      organisationId: row.organisation_id,
      departmentId: row.department_id,
      roles: this.dist.parseRoles(row.roles),
      name: row.name,
      email: row.email,
      language: row.language,
    };
  }

  async #taskRows(user, filter, page, db = this.pool) {
    const ids = this.dist.buildTaskIdQuery(this.policy, user, filter, page);
    const found = (await this.#q(db, ids.sql, ids.values)).rows;
    if (!found.length) return { found, rows: [] };
    const rows = this.dist.buildTaskRowsQuery(
      found.map((r) => r.id),
      user.id,
    );
    return { found, rows: (await this.#q(db, rows.sql, rows.values)).rows };
  }

  /**
   * One task transition as TasksService does it: read the task in scope with its detail, then
   * one statement (a transaction of its own) updates it guarded by the version read, its activity
   * span and its history; the answer is built from the read row (no read-back).
   */
  async transition(sessionId, taskId, action, to, version, reason) {
    const user = await this.#authenticate(sessionId);
    const read = this.dist.buildTaskByIdQuery(this.policy, user, taskId, { detail: true });
    const {
      rows: [row],
    } = await this.#q(this.pool, read.sql, read.values, true);
    if (!row) throw new Error('task not found');
    if (version !== undefined && version !== row.version) throw new Error(`conflict on ${taskId}`);
    const [sql, values] = this.dist.buildTransitionStatement(user, row, action, to, reason ?? null);
    const {
      rows: [moved],
    } = await this.#q(this.pool, sql, values, true);
    if (!moved) throw new Error(`conflict on ${taskId}`);
    return { ...row, status: to, version: moved.version, updated_at: moved.updated_at };
  }

  /** One page of the filtered task list, and its access-log entry. */
  async list(sessionId, filter, page) {
    const user = await this.#authenticate(sessionId);
    const { found, rows } = await this.#taskRows(user, filter, page);
    const entry = {
      organisationId: user.organisationId,
      userId: user.id,
      action: 'LIST',
      recordType: 'task',
      recordId: null,
      filter: this.dist.toJson({ ...filter, ...page }),
      reason: null,
      requestId: randomUUID(),
      ip: '127.0.0.1',
      occurredAt: new Date(),
    };
    await this.#q(this.pool, ACCESS_LOG_SQL, [
      entry.occurredAt,
      entry.organisationId,
      entry.userId,
      entry.action,
      entry.recordType,
      entry.recordId,
      JSON.stringify(entry.filter),
      entry.reason,
      entry.requestId,
      entry.ip,
      this.dist.accessEntryHash(entry),
    ]);
    return { total: found.length ? Number(found[0].total) : 0, ids: rows.map((r) => r.id) };
  }

  /** The statements `op` sends, in order. */
  async record(op) {
    this.texts = [];
    this.#connections = new Map();
    try {
      await op();
      return this.texts;
    } finally {
      this.texts = null;
    }
  }
}

/**
 * The minimal baseline of a transition (issue 15): the least SQL a hand-written service needs for
 * the durable effect, with no framework, no authentication, no scoped read and no answer to build.
 * One transaction over a pooled connection: the versioned update of the task, its history entry
 * (the same one-statement chained append as HistoryService, with the same content hash) and an
 * outbox event, each a prepared statement (pg named query: parsed once per connection); BEGIN and
 * COMMIT as simple queries. The caller knows the task's organisation, status and version.
 */
export class MinimalTransition {
  constructor(pool, dist) {
    this.pool = pool;
    this.dist = dist;
    this.update = {
      name: 'bench-min-update',
      text: `UPDATE tasks SET status = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
    };
    this.history = { name: 'bench-min-history', text: appendSql(dist) };
    this.outbox = {
      name: 'bench-min-outbox',
      text: `INSERT INTO outbox (organisation_id, event, record_type, record_id, payload) VALUES ($1, $2, $3, $4, $5)`,
    };
  }

  /** The statements one transition sends, for the results (not checked against the API). */
  get statements() {
    return ['BEGIN', this.update.text, this.history.text, this.outbox.text, 'COMMIT'].map(
      normalise,
    );
  }

  async transition({ organisationId, actorId, taskId, action, from, to, version, reason }) {
    const content = {
      organisationId,
      recordType: 'task',
      recordId: taskId,
      action,
      actorId,
      occurredAt: new Date(),
      changes: { status: { from, to } },
      reason: reason ?? null,
    };
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const updated = await client.query({ ...this.update, values: [taskId, version, to] });
      if (updated.rowCount !== 1) throw new Error(`conflict on ${taskId}`);
      await client.query({
        ...this.history,
        values: [
          organisationId,
          'task',
          taskId,
          action,
          actorId,
          content.occurredAt,
          JSON.stringify(content.changes),
          content.reason,
          this.dist.historyContentHash(content),
        ],
      });
      await client.query({
        ...this.outbox,
        values: [
          organisationId,
          'task.transitioned',
          'task',
          taskId,
          JSON.stringify({ from, to, version: version + 1 }),
        ],
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

const TX_START = /^(START TRANSACTION|BEGIN)\b/i;
const TX_END = /^(COMMIT|ROLLBACK)\b/i;

/**
 * Each statement of a capture (`{ connection, text }` in the order sent) with whether it ran
 * inside a transaction, i.e. between START TRANSACTION and COMMIT on its connection.
 */
export function withTransactions(statements) {
  const open = new Set();
  return statements.map(({ connection, text }) => {
    const sql = normalise(text);
    if (TX_START.test(sql)) open.add(connection);
    const inTransaction = open.has(connection);
    if (TX_END.test(sql)) open.delete(connection);
    return { sql, inTransaction };
  });
}

/**
 * Compares the raw baseline's statements with the API's for the same request: the same texts
 * inside the transaction and the same outside it (as multisets: the detail's three reads run in
 * parallel, in whichever order their connections come).
 */
export function compareStatements(api, raw) {
  const keys = (list) =>
    withTransactions(list)
      .map((s) => `${s.inTransaction ? 'in transaction: ' : ''}${s.sql}`)
      .sort();
  const a = keys(api);
  const r = keys(raw);
  const missing = a.filter((s) => !r.includes(s));
  const extra = r.filter((s) => !a.includes(s));
  return {
    api: a.length,
    raw: r.length,
    inTransaction: a.filter((s) => s.startsWith('in transaction: ')).length,
    same: a.length === r.length && missing.length === 0 && extra.length === 0,
    onlyApi: missing.map((s) => s.slice(0, 200)),
    onlyRaw: extra.map((s) => s.slice(0, 200)),
  };
}
