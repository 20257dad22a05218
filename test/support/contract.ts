import { readFileSync } from 'node:fs';
import type { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

/**
 * The API contract, checked on every response the e2e suites receive (issue 17): the status must
 * be documented for the operation, the content type must be one the document gives for that
 * status, and a JSON body must match its schema. Schemas are checked closed (no property the
 * document does not name), so a field the API sends but the document omits fails too.
 *
 * The document is the committed `apps/web/src/api/openapi.json`, the one the web app's types come
 * from; `test/web-openapi.e2e-spec.ts` keeps it equal to what the API serves.
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

/** Paths served beside the API that the document does not describe (web app, queue board, docs). */
const UNDOCUMENTED = [/^\/api\/docs/, /^\/admin\//, /^\/(?!api\/|health$)/];

export class Contract {
  private readonly api: OpenAPIBackend;
  private ready: Promise<unknown> | undefined;

  constructor(document: Document) {
    this.api = new OpenAPIBackend({
      definition: closeObjectSchemas(structuredClone(document)),
      quick: true, // validators compiled when an operation is first seen
      validate: true,
      strict: true,
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
  }

  static fromFile(path = 'apps/web/src/api/openapi.json'): Contract {
    return new Contract(JSON.parse(readFileSync(path, 'utf8')) as Document);
  }

  /** The problems with one response; empty when it keeps the contract. */
  async problems(res: ObservedResponse): Promise<string[]> {
    this.ready ??= this.api.init();
    await this.ready;
    const [path, query = ''] = res.url.split('?', 2);
    const operation = this.api.router.matchOperation({
      method: res.method.toLowerCase(),
      path,
      query,
      headers: {},
    });
    if (!operation) {
      if (UNDOCUMENTED.some((re) => re.test(path)) || res.status === 404 || res.status === 405) {
        return [];
      }
      return [`${res.method} ${path} answered ${res.status} but is not in the document`];
    }
    return this.check(operation, res);
  }

  private check(operation: Operation, res: ObservedResponse): string[] {
    const where = `${res.method} ${operation.path} → ${res.status}`;
    const documented = operation.responses?.[String(res.status)];
    if (!documented || '$ref' in documented) {
      const statuses = Object.keys(operation.responses ?? {}).join(', ');
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
    if (mediaType !== 'application/json') return [];
    const result = this.api.validator.validateResponse(res.body, operation, res.status);
    return (result.errors ?? []).map(
      (e) =>
        `${where}: body${e.instancePath} ${e.message ?? 'does not match'}` +
        (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''),
    );
  }
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

// ajv-formats is CommonJS: under ESM its plugin is the default export, or that export's default.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsModule = ajvFormats as unknown as {
  default: FormatsPlugin | { default: FormatsPlugin };
};
const addFormats: FormatsPlugin =
  typeof formatsModule.default === 'function'
    ? formatsModule.default
    : formatsModule.default.default;

let shared: Contract | undefined;

/** Throws when a response breaks the contract. Called by the e2e HTTP client on every response. */
export async function assertContract(res: ObservedResponse): Promise<void> {
  shared ??= Contract.fromFile();
  const problems = await shared.problems(res);
  if (problems.length) {
    throw new ContractViolation(`API contract broken:\n  ${problems.join('\n  ')}`);
  }
}
