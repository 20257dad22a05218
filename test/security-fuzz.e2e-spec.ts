import fc from 'fast-check';
import { type HttpResult, useTestApi } from './support/app.js';
import { login } from './support/factory.js';
import { draftConsultation } from './support/consultations.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { createRound } from './support/evaluations.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { on, type TaskWorld, taskWorld, YEAR } from './support/tasks.js';

// Issue 9: property-based fuzzing of every JSON request body and every query string the OpenAPI
// document lists. Whatever is sent, the API must answer below 500, must never put a stack trace or
// SQL text in the body, and must change no business table nor the outbox when it refuses (4xx).

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 20);
// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new inputs (a failure prints its seed).
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? undefined
    : process.env.FUZZ_SEED === undefined
      ? 20261122
      : Number(process.env.FUZZ_SEED);

type Schema = Record<string, any>;
interface Param {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  query: Param[];
  pathParams: string[];
  bodySchema?: Schema;
  binary: boolean;
}

/** Strings every injection fuzzer tries; none of them may reach SQL or crash a handler. */
const HOSTILE = [
  "'; DROP TABLE tasks; --",
  "' OR '1'='1",
  '1 UNION SELECT password_hash FROM users --',
  "\"; UPDATE users SET roles = '{ADMIN}' --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%27%22',
  'abc\u0000def',
  '\u0000',
  '\uD800',
  '\uFEFF\u200B\u202E',
  '적극행정 과제 🙂👍🏽🇰🇷',
  '한'.repeat(5000),
  'x'.repeat(100_000),
  '',
  ' ',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '2147483648',
  '99999999999999999999999',
  '1e400',
  '0x1F',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '+275760-09-13',
  '2026-13-01T25:61:61Z',
  '2026-Q5',
  '2026-M13',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'DRAFT,PROPOSED,,',
  'true',
];

const ODD_NUMBERS = [
  -1,
  0,
  -0,
  1.5,
  2147483647,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Bodies that are not the JSON the DTO expects at all (sent raw, as application/json). */
const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  '[',
  'null',
  '[]',
  '"string"',
  '123',
  'true',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":1,"a":2}',
  '\u0000',
  '{"x":"\\u0000"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"year":1e999}',
];

/** Query pieces sent as they are (malformed escapes, invalid UTF-8, parameter pollution). */
const RAW = '\u0000raw';
const RAW_QUERY = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%00',
  'limit=1&limit=2',
  'year[]=1',
  'year[a]=1',
  '&&&==',
  'q',
  'offset=1e309',
  'limit=%2D1',
];

const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\n\s+at\s/],
  ['node_modules path', /node_modules/],
  ['source path', /\.ts:/],
  [
    'driver error',
    /syntax error|relation "|QueryFailedError|violates .* constraint|invalid input syntax/i,
  ],
];
/** SQL text; checked on error bodies only (a 2xx history list legitimately says "update … from"). */
const SQL = /\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b/i;

/** Strings we sent that themselves look like a leak; stripped before the check (echoes are fine). */
const tainted = new Set<string>();
function remember(value: unknown): void {
  if (typeof value === 'string') {
    if (value && (SQL.test(value) || LEAKS.some(([, re]) => re.test(value)))) tainted.add(value);
  } else if (Array.isArray(value)) value.forEach(remember);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      remember(k);
      remember(v);
    }
}

function leaks(res: HttpResult, isBinary: boolean): string[] {
  const type = res.headers.get('content-type') ?? '';
  // 2xx downloads are the user's own data; their error bodies are still checked.
  if (res.status < 400 && (isBinary || !/json|text\/plain|text\/html/.test(type))) return [];
  let text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
  for (const s of tainted) {
    text = text.split(JSON.stringify(s).slice(1, -1)).join('').split(s).join('');
  }
  const decoded = text.replace(/\\n/g, '\n').replace(/\\"/g, '"');
  const found = LEAKS.filter(([, re]) => re.test(decoded)).map(([name]) => name);
  if (res.status >= 400 && SQL.test(decoded)) found.push('SQL text');
  return found;
}

/** A counterexample printed so that a 100 000-character string does not hide the rest. */
function short(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80
      ? `${v.slice(0, 24)}…(${v.length} chars of ${JSON.stringify(v[0])})`
      : typeof v === 'number' && !Number.isFinite(v)
        ? String(v)
        : v,
  );
}

/** encodeURIComponent, except a lone surrogate becomes its (invalid) UTF-8 bytes instead of a throw. */
function enc(value: string): string {
  return value
    .split(/([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/)
    .map((part) =>
      part.length === 1 && /[\uD800-\uDFFF]/.test(part) ? '%ED%A0%80' : encodeURIComponent(part),
    )
    .join('');
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      const params: Param[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const ref = content['application/json']?.schema;
      const responses = JSON.stringify(op.responses ?? {});
      ops.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        bodySchema: ref ? resolve(doc, ref) : undefined,
        binary: /text\/csv|spreadsheetml|octet-stream/.test(responses),
      });
    }
  }
  return ops;
}

function resolve(doc: any, schema: Schema): Schema {
  if (schema?.$ref) return doc.components.schemas[String(schema.$ref).split('/').pop()!];
  return schema;
}

describe('security fuzzing: every request DTO and query string (issue 9)', () => {
  const { http, factory } = useTestApi();

  let doc: any;
  let w: TaskWorld;
  let token: string;
  let fuzzer: { email: string; password: string };
  const ids: Record<string, string> = {};
  const realIds: string[] = [];
  /** status counts per route, printed at the end so a reader sees how deep the fuzzing went */
  const seen = new Map<string, Record<number, number>>();

  /**
   * Every business table and the outbox as the last request left them (test/support/checksum.ts):
   * a refused request must leave them exactly so.
   */
  let tables: Record<string, string> | undefined;

  beforeAll(async () => {
    doc = (await http.get('/api/docs-json')).body;
    w = await taskWorld(http, factory);
    // One user who passes every role guard, in the lead department of the world's tasks.
    const user = await factory.user(w.lead, [
      'STAFF',
      'DEPT_HEAD',
      'AUDITOR',
      'PROACTIVE_OFFICE',
      'COMMITTEE',
      'ADMIN',
    ]);
    fuzzer = user;
    token = (await login(http, user)).accessToken;

    // Records the path ids point at. Targets of deactivate/edit are sacrificial, so a fuzzed 2xx
    // never disables the fuzzing user, its department or its organisation.
    const task = await activeTaskSince(w, factory, '2025-01-01', {
      milestones: [{ title: '실시설계', dueDate: on('06-30') }],
    });
    ids.task = task.id;
    ids.milestone = task.milestones?.[0]?.id;
    ids.report = (await openReport(http, w.staff.token, task.id, '2025-Q1')).id;
    ids.consultation = (await draftConsultation(http, token)).id;
    ids.round = (await createRound(http, w.office as any)).id;
    const victimDept = await factory.dept(w.org.id);
    ids.department = victimDept.id;
    ids.user = (await factory.user(victimDept, ['STAFF'])).id;
    ids.organisation = (await factory.org({ parentId: w.org.id })).id;
    realIds.push(...Object.values(ids).filter(Boolean), w.lead.id, w.owner.id, w.partnerDept.id);
  }, 60_000);

  /** Real ids for a `{name}` in `path`, by the resource the path names. */
  function realIdFor(path: string, name: string): string[] {
    if (name === 'milestoneId') return [ids.milestone].filter(Boolean);
    if (name === 'year') return [String(YEAR), '2025'];
    if (name === 'userId') return [w.owner.id];
    if (name === 'departmentId') return [w.partnerDept.id];
    if (name !== 'id') return [];
    const resource = path.split('/')[3];
    const byResource: Record<string, string | undefined> = {
      tasks: ids.task,
      reports: ids.report,
      consultations: ids.consultation,
      'evaluation-rounds': ids.round,
      users: ids.user,
      departments: ids.department,
      organisations: ids.organisation,
    };
    return [byResource[resource]].filter((x): x is string => !!x);
  }

  const pathArb = (op: Operation): fc.Arbitrary<string> => {
    if (!op.pathParams.length) return fc.constant(op.path);
    const parts = op.pathParams.map((name) => {
      const real = realIdFor(op.path, name);
      const random = fc.oneof(
        fc.uuid(),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom(...HOSTILE.filter((h) => h.length > 0 && h.length < 200)),
      );
      return real.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, random)
        : random;
    });
    return fc.tuple(...parts).map((values) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => {
        path = path.replace(`{${name}}`, enc(values[i]));
      });
      return path;
    });
  };

  /** Any value at all, with a bias towards the ones that break parsers and SQL. */
  let anyValueArb: fc.Arbitrary<unknown> | undefined;
  const anyValue = (): fc.Arbitrary<unknown> =>
    (anyValueArb ??= fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.anything(), { maxLength: 5 }),
      fc.object({ maxDepth: 2 }),
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(...ODD_NUMBERS),
      fc.constantFrom(...realIds),
      fc.uuid(),
    ));

  /** A value of the shape the schema asks for (enum member, a real id, the example), to get past the first checks. */
  function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema) return anyValue();
    const s = resolve(doc, schema);
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.allOf?.length) return plausible(s.allOf[0], depth);
    if (s.type === 'array') return fc.array(plausible(s.items, depth + 1), { maxLength: 3 });
    if (s.type === 'object' || s.properties) {
      if (!s.properties || depth > 2) return fc.object({ maxDepth: 1 });
      return fc.record(
        Object.fromEntries(
          Object.entries<Schema>(s.properties).map(([k, v]) => [k, plausible(v, depth + 1)]),
        ),
        { requiredKeys: s.required ?? [] },
      );
    }
    if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...realIds), fc.uuid());
    if (s.type === 'number' || s.type === 'integer')
      return fc.oneof(
        s.example === undefined ? fc.integer({ min: 0, max: 100 }) : fc.constant(s.example),
        fc.integer({ min: -5, max: 200 }),
        fc.constant(YEAR),
      );
    if (s.type === 'boolean') return fc.boolean();
    if (s.type === 'string')
      return s.example === undefined
        ? fc.string({ minLength: 1, maxLength: 20 })
        : fc.oneof(fc.constant(String(s.example)), fc.string({ minLength: 1, maxLength: 20 }));
    return anyValue();
  }

  function bodyArb(schema: Schema): fc.Arbitrary<{ raw?: string; json?: unknown }> {
    const keys = Object.keys(schema.properties ?? {});
    const shaped = keys.length
      ? fc.record(Object.fromEntries(keys.map((k) => [k, anyValue()])), { requiredKeys: [] })
      : fc.object();
    // A plausible body with one field made hostile, or an unknown field added.
    const mutated = fc
      .tuple(
        plausible(schema) as fc.Arbitrary<Record<string, unknown>>,
        fc.constantFrom(...(keys.length ? keys : ['x']), '__unknown__', '__proto__'),
        fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...ODD_NUMBERS), anyValue()),
      )
      .map(([body, key, value]) => {
        const copy: Record<string, unknown> = body && typeof body === 'object' ? { ...body } : {};
        Object.defineProperty(copy, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return copy;
      });
    return fc.oneof(
      fc.jsonValue().map((json) => ({ json })),
      shaped.map((json) => ({ json })),
      mutated.map((json) => ({ json })),
      fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw })),
    );
  }

  /** Query strings: the declared parameters with arbitrary string values, plus unknown ones. */
  function queryArb(op: Operation): fc.Arbitrary<Array<[string, string]>> {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.constantFrom(...HOSTILE.filter((h) => h.length < 1000)),
      fc.constantFrom(...realIds),
      fc.uuid(),
    );
    const declared = fc.array(
      fc.tuple(
        fc.constantFrom(...op.query.map((p) => p.name)),
        fc.oneof(
          value,
          ...op.query.flatMap((p) => (p.schema?.enum ? [fc.constantFrom(...p.schema.enum)] : [])),
        ),
      ),
      { maxLength: 6 },
    ) as fc.Arbitrary<Array<[string, string]>>;
    // Mostly only declared parameters, so the values reach the handler past the unknown-parameter check.
    const unknown = fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Array<[string, string]>) },
      fc.array(fc.tuple(fc.string({ maxLength: 12 }), value), { minLength: 1, maxLength: 2 }),
    );
    const raw = fc.array(
      fc.constantFrom(...RAW_QUERY).map((v): [string, string] => [RAW, v]),
      { maxLength: 1 },
    );
    const rawMaybe = fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Array<[string, string]>) },
      raw,
    );
    return fc.tuple(declared, unknown, rawMaybe).map(([a, b, c]) => [...a, ...b, ...c]);
  }

  const decodeSafe = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };

  /** Sends one request and checks every property; returns the problem, or undefined. */
  async function probe(
    op: Operation,
    path: string,
    send: { raw?: string; json?: unknown; query?: Array<[string, string]> },
  ): Promise<string | undefined> {
    remember(send.json);
    remember(send.raw);
    send.query?.forEach(([k, v]) => remember([k, v]));
    remember(send.query?.map(([, v]) => decodeSafe(v)));
    const qs = send.query?.length
      ? '?' + send.query.map(([k, v]) => (k === RAW ? v : `${enc(k)}=${enc(v)}`)).join('&')
      : '';
    const before = (tables ??= await businessChecksum(factory.db));
    const res = await http.request(op.method, path + qs, {
      token,
      ...(send.raw !== undefined
        ? { body: send.raw, headers: { 'content-type': 'application/json' } }
        : send.json !== undefined
          ? { body: JSON.stringify(send.json) }
          : {}),
    });
    const after = (tables = await businessChecksum(factory.db));
    const key = `${op.method} ${op.path}`;
    const counts = seen.get(key) ?? {};
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    seen.set(key, counts);
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}`);
    problems.push(...leaks(res, op.binary));
    const changed = changedTables(before, after);
    if (res.status >= 400 && changed.length)
      problems.push(`${changed.join(', ')} changed on a ${res.status}`);
    if (!problems.length) return undefined;
    const shown =
      typeof res.body === 'string'
        ? res.body.slice(0, 400)
        : JSON.stringify(res.body)?.slice(0, 400);
    return `${problems.join('; ')} — ${op.method} ${path}${qs.slice(0, 300)} → ${res.status} ${shown}`;
  }

  /** The fuzzing user may be logged out by a fuzzed 2xx (settings, sessions): log in again. */
  async function ensureSession() {
    const me = await http.get('/api/v1/me', { token });
    if (me.status !== 200) token = (await login(http, fuzzer)).accessToken;
  }

  async function fuzz(
    label: string,
    arb: fc.Arbitrary<[string, { raw?: string; json?: unknown; query?: Array<[string, string]> }]>,
    op: Operation,
    failures: string[],
  ) {
    await ensureSession();
    const out = await fc.check(
      fc.asyncProperty(arb, async ([path, send]) => {
        const problem = await probe(op, path, send);
        if (problem) throw new Error(problem);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    if (out.failed)
      failures.push(
        [
          `[${label}] ${op.method} ${op.path} — failed after ${out.numRuns} run(s), shrunk ${out.numShrinks} time(s)`,
          `  replay: { seed: ${out.seed}, path: "${out.counterexamplePath}" }`,
          `  counterexample: ${short(out.counterexample)}`,
          `  ${String((out.errorInstance as Error | undefined)?.message ?? out.errorInstance)}`,
        ].join('\n'),
      );
  }

  const SKIP_BODY = new Set(['POST /api/v1/auth/logout']);

  it('lists routes to fuzz in the OpenAPI document', () => {
    const ops = operations(doc);
    expect(ops.filter((o) => o.bodySchema).length).toBeGreaterThan(30);
    expect(ops.filter((o) => o.method === 'GET' && o.query.length).length).toBeGreaterThan(10);
  });

  it('known edge cases found by the fuzzer answer below 500', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/v1/tasks', nested(100)],
      ['POST', '/api/v1/tasks', nested(1000)],
      ['POST', '/api/v1/tasks', nested(5000)],
      ['POST', '/api/v1/tasks', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"kpiBaseline":5e-324}'],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"version":1,"kpiBaseline":5e-324}'],
      [
        'PATCH',
        `/api/v1/tasks/${ids.task}/milestones/${ids.milestone}`,
        '{"version":1,"weight":5e-324}',
      ],
      ['PATCH', `/api/v1/tasks/${ids.task}`, '{"version":1e308,"title":"x"}'],
      ['POST', '/api/v1/tasks', '{"title":"a\\u0000b"}'],
    ];
    const failures: string[] = [];
    for (const [method, path, raw] of cases) {
      const res = await http.request(method, path, {
        token,
        body: raw,
        headers: { 'content-type': 'application/json' },
      });
      if (res.status >= 500)
        failures.push(
          `${method} ${path} ${short(raw)} → ${res.status} ${JSON.stringify(res.body)}`,
        );
    }
    // A NUL character in a query string (Postgres cannot store it in text).
    const nul = await http.get('/api/v1/access-log?recordType=abc%00def', { token });
    if (nul.status >= 500) failures.push(`GET access-log with %00 → ${nul.status}`);
    expect(failures).toEqual([]);
  });

  it('query strings: never a 5xx, a stack trace or SQL; nothing changed on a refusal', async () => {
    const failures: string[] = [];
    for (const op of operations(doc).filter((o) => o.method === 'GET' && o.query.length)) {
      await fuzz(
        'query',
        fc.tuple(
          pathArb(op),
          queryArb(op).map((query) => ({ query })),
        ),
        op,
        failures,
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('JSON bodies: never a 5xx, a stack trace or SQL; nothing changed on a refusal', async () => {
    const failures: string[] = [];
    const ops = operations(doc).filter(
      (o) =>
        o.bodySchema &&
        ['POST', 'PUT', 'PATCH'].includes(o.method) &&
        !SKIP_BODY.has(`${o.method} ${o.path}`),
    );
    for (const op of ops) {
      const withQuery = op.query.length
        ? fc
            .tuple(bodyArb(op.bodySchema!), fc.option(queryArb(op), { nil: undefined }))
            .map(([body, query]) => ({ ...body, query }))
        : bodyArb(op.bodySchema!);
      await fuzz('body', fc.tuple(pathArb(op), withQuery), op, failures);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  afterAll(() => {
    const lines = [...seen].map(
      ([route, counts]) =>
        `${route}: ${Object.entries(counts)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    console.log(`security fuzz, ${NUM_RUNS} runs per route:\n${lines.join('\n')}`);
  });
});
