import { readFileSync } from 'node:fs';
import * as ajvModule from 'ajv';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';

/**
 * The API contract, checked on every response the e2e suites receive (issue 17): the status must
 * be documented for the operation, the content type must be one the document gives for that
 * status, and a JSON body must match its schema. Schemas are checked closed (no property the
 * document does not name), so a field the API sends but the document omits fails too.
 *
 * The document is the committed `apps/web/src/api/openapi.json`, the one the web app's types come
 * from; `test/web-openapi.e2e-spec.ts` keeps it equal to what the API serves.
 *
 * One Ajv instance holds the document's components, compiled once when first referenced, and each
 * (operation, status) gets a small validator referring to them; routes are matched by regular
 * expressions built once. (openapi-backend, used before, built a new Ajv per operation with every
 * component inlined and re-listed every route on each match: over a run of the e2e suites that
 * was most of the CPU time the contract check cost.)
 */
export class ContractViolation extends Error {}

export interface ObservedResponse {
  method: string;
  /** Path with the query string, as requested. */
  url: string;
  status: number;
  contentType: string | null;
  /** Parsed JSON, text, or undefined when the body was empty. */
  body: unknown;
}

/** The parts of an OpenAPI 3.0 document the check reads. */
interface DocumentedResponse {
  content?: Record<string, { schema?: object }>;
}
interface DocumentedOperation {
  responses?: Record<string, DocumentedResponse | { $ref: string }>;
}
export interface Document {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

interface Route {
  method: string;
  /** the path template, e.g. /api/v1/tasks/{id} */
  path: string;
  pattern: RegExp;
  /** literal characters, for the most specific match first (/tasks/mine before /tasks/{id}) */
  literal: number;
  /** JSON pointer of the operation in the document */
  pointer: string;
  operation: DocumentedOperation;
}

/** Paths served beside the API that the document does not describe (web app, queue board, docs). */
const UNDOCUMENTED = [/^\/api\/docs/, /^\/admin\//, /^\/(?!api\/|health$)/];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOCUMENT_ID = 'openapi.json';

export class Contract {
  private readonly ajv: AjvInstance;
  private readonly routes: Route[] = [];
  private readonly matched = new Map<string, Route | null>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Document) {
    const prepared = closeObjectSchemas(structuredClone(document));
    // strict off: the document carries OpenAPI words Ajv does not know (example, operationId …).
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    for (const [name, format] of Object.entries(OPENAPI_FORMATS)) this.ajv.addFormat(name, format);
    // Local references (#/components/schemas/X) resolve against the document itself.
    this.ajv.addSchema({ ...prepared, $id: DOCUMENT_ID });
    for (const [path, item] of Object.entries(prepared.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method] as DocumentedOperation | undefined;
        if (!operation) continue;
        const template = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        this.routes.push({
          method,
          path,
          pattern: new RegExp(`^${template}/?$`),
          literal: path.replace(/\{[^}]*\}/g, '').length,
          pointer: `#/paths/${escapePointer(path)}/${method}`,
          operation,
        });
      }
    }
    this.routes.sort((a, b) => b.literal - a.literal);
  }

  static fromFile(path = 'apps/web/src/api/openapi.json'): Contract {
    return new Contract(JSON.parse(readFileSync(path, 'utf8')) as Document);
  }

  /** The problems with one response; empty when it keeps the contract. */
  problems(res: ObservedResponse): Promise<string[]> {
    return Promise.resolve(this.problemsNow(res));
  }

  private problemsNow(res: ObservedResponse): string[] {
    const path = res.url.split('?', 1)[0];
    const route = this.match(res.method.toLowerCase(), path);
    if (!route) {
      if (UNDOCUMENTED.some((re) => re.test(path)) || res.status === 404 || res.status === 405) {
        return [];
      }
      return [`${res.method} ${path} answered ${res.status} but is not in the document`];
    }
    return this.check(route, res);
  }

  /** The route of a request: the most specific template that matches, memoised per path. */
  private match(method: string, path: string): Route | null {
    const key = `${method} ${path}`;
    let route = this.matched.get(key);
    if (route === undefined) {
      route =
        this.routes.find((r) => r.method === method && r.path === path) ??
        this.routes.find((r) => r.method === method && r.pattern.test(path)) ??
        null;
      this.matched.set(key, route);
    }
    return route;
  }

  private check(route: Route, res: ObservedResponse): string[] {
    const where = `${res.method} ${route.path} → ${res.status}`;
    const responses = route.operation.responses ?? {};
    const status = statusKey(responses, res.status);
    const documented = status === undefined ? undefined : responses[status];
    if (!documented || '$ref' in documented) {
      const statuses = Object.keys(responses).join(', ');
      return [`${where}: status not documented (documented: ${statuses})`];
    }
    const content = documented.content ?? {};
    const mediaTypes = Object.keys(content);
    const empty = res.body === undefined || res.body === '';
    if (!mediaTypes.length) {
      return empty ? [] : [`${where}: documented without a body but answered ${res.contentType}`];
    }
    const mediaType = res.contentType?.split(';')[0].trim().toLowerCase() ?? '';
    if (!mediaTypes.some((range) => coveredBy(mediaType, range))) {
      return [
        `${where}: content type ${mediaType || '(none)'} is not one of ${mediaTypes.join(', ')}`,
      ];
    }
    if (mediaType !== 'application/json' || !content['application/json']?.schema) return [];
    const validate = this.validator(
      `${route.pointer}/responses/${escapePointer(status!)}/content/application~1json/schema`,
    );
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${where}: body${e.instancePath} ${e.message ?? 'does not match'}` +
        (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''),
    );
  }

  /** A validator of the schema at a pointer in the document, compiled once. */
  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

/** The documented status answering a status: itself, its class (`4XX`), or `default`. */
function statusKey(responses: Record<string, unknown>, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
}

/** A path as one JSON-pointer segment (RFC 6901), percent-encoded for use in a $ref. */
function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** Whether a media type is the documented one or in its range (`*\/*`, `text/*`). */
function coveredBy(mediaType: string, range: string): boolean {
  if (range === '*/*') return mediaType !== '';
  if (range.endsWith('/*')) return mediaType.startsWith(range.slice(0, -1));
  return mediaType === range;
}

/**
 * Prepares the document for Ajv, which reads JSON Schema rather than OpenAPI 3.0: every object
 * schema that lists its properties is closed (additionalProperties: false), and a nullable
 * reference (`nullable: true` beside `allOf: [$ref]`, as @nestjs/swagger writes it) becomes
 * "the reference or null", which is what OpenAPI means by it.
 */
function closeObjectSchemas(document: Document): Document {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    if (schema.nullable === true && Array.isArray(schema.allOf)) {
      schema.anyOf = [{ allOf: schema.allOf }, { type: 'null' }];
      delete schema.allOf;
      delete schema.nullable;
      delete schema.type;
    }
    if (
      schema.properties &&
      typeof schema.properties === 'object' &&
      !('additionalProperties' in schema)
    ) {
      schema.additionalProperties = false;
    }
    Object.values(schema).forEach(visit);
  };
  visit(document.components?.schemas);
  visit(document.paths);
  return document;
}

// ajv and ajv-formats are CommonJS: under ESM the class and the plugin are the default export,
// or that export's default.
type FormatsPlugin = (ajv: AjvInstance) => AjvInstance;
type AjvClass = new (options: object) => AjvInstance;
const cjsDefault = <T>(module: unknown): T => {
  const d = (module as { default: T | { default: T } }).default;
  return typeof d === 'function' ? d : (d as { default: T }).default;
};
const Ajv = cjsDefault<AjvClass>(ajvModule);
const addFormats = cjsDefault<FormatsPlugin>(ajvFormats);

/** OpenAPI's number formats (openapi-backend's list), which ajv-formats does not know. */
const OPENAPI_FORMATS = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) },
  binary: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
} as const;

let shared: Contract | undefined;

/** Throws when a response breaks the contract. Called by the e2e HTTP client on every response. */
export async function assertContract(res: ObservedResponse): Promise<void> {
  shared ??= Contract.fromFile();
  const problems = await shared.problems(res);
  if (problems.length) {
    throw new ContractViolation(`API contract broken:\n  ${problems.join('\n  ')}`);
  }
}
