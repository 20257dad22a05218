import { readFileSync } from 'node:fs';
import { Contract, type Document } from './contract.js';

/** The contract check the e2e HTTP client runs on every response: it must be able to fail. */
describe('API contract check', () => {
  const document = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/v1/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'count'],
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      count: { type: 'integer' },
                      note: { type: 'string', nullable: true },
                    },
                  },
                },
              },
            },
            '204': { description: 'nothing' },
          },
        },
      },
    },
  } as unknown as Document;
  const contract = new Contract(document);
  const id = '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c';
  const ok = { id, count: 2, note: null };
  const seen = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
    contract.problems({
      method: 'GET',
      url: `/api/v1/things/${id}?x=1`,
      status,
      contentType,
      body,
    });

  it('accepts a response that keeps the document', async () => {
    expect(await seen(200, ok)).toEqual([]);
    expect(await seen(204, undefined, '')).toEqual([]);
  });

  it('refuses a status the operation does not document', async () => {
    expect(await seen(201, ok)).toEqual([
      expect.stringContaining(
        'GET /api/v1/things/{id} → 201: status not documented (documented: 200, 204)',
      ),
    ]);
  });

  it('refuses a content type the document does not give', async () => {
    expect(await seen(200, 'a,b', 'text/csv')).toEqual([
      expect.stringContaining('content type text/csv is not one of application/json'),
    ]);
    expect(await seen(204, 'x', 'text/plain')).toEqual([
      expect.stringContaining('documented without a body'),
    ]);
  });

  it('refuses a body that does not match: wrong type, wrong format, missing or unnamed field', async () => {
    expect(await seen(200, { ...ok, count: 1.5 })).toEqual([
      expect.stringContaining('body/count must be integer'),
    ]);
    expect(await seen(200, { ...ok, id: 'abc' })).toEqual([
      expect.stringContaining('body/id must match format "uuid"'),
    ]);
    expect(await seen(200, { id })).toEqual([
      expect.stringContaining("must have required property 'count'"),
    ]);
    expect(await seen(200, { ...ok, link: '/x' })).toEqual([
      expect.stringContaining('must NOT have additional properties {"additionalProperty":"link"}'),
    ]);
  });

  it('matches a literal path before a template that also matches it', async () => {
    const twoRoutes = structuredClone(document) as unknown as {
      paths: Record<string, { get: { responses: object } }>;
    };
    twoRoutes.paths['/api/v1/things/mine'] = {
      get: { responses: { '200': { description: 'mine', content: { 'text/csv': {} } } } },
    };
    const mine = (contentType: string) =>
      new Contract(twoRoutes).problems({
        method: 'GET',
        url: '/api/v1/things/mine',
        status: 200,
        contentType,
        body: 'a,b',
      });
    expect(await mine('text/csv')).toEqual([]);
    expect(await mine('application/json')).toEqual([
      expect.stringContaining('GET /api/v1/things/mine → 200: content type application/json'),
    ]);
  });

  it('refuses an API path the document does not have unless it is a 404', async () => {
    const at = (status: number) =>
      contract.problems({
        method: 'GET',
        url: '/api/v1/nowhere',
        status,
        contentType: null,
        body: undefined,
      });
    expect(await at(200)).toEqual(['GET /api/v1/nowhere answered 200 but is not in the document']);
    expect(await at(404)).toEqual([]);
  });

  it('fails a real error body once the committed document is deliberately wrong about it', async () => {
    const real = JSON.parse(readFileSync('apps/web/src/api/openapi.json', 'utf8')) as Document;
    const body = {
      statusCode: 404,
      code: 'NOT_FOUND',
      message: '대상을 찾을 수 없습니다.',
      details: [],
      requestId: id,
    };
    const response = {
      method: 'GET',
      url: `/api/v1/tasks/${id}`,
      status: 404,
      contentType: 'application/json; charset=utf-8',
      body,
    };
    expect(await new Contract(real).problems(response)).toEqual([]);
    const wrong = structuredClone(real) as unknown as {
      components: { schemas: Record<string, { properties: Record<string, object> }> };
    };
    wrong.components.schemas.ErrorResponseDto.properties.code = { type: 'integer' };
    expect(await new Contract(wrong as unknown as Document).problems(response)).toEqual([
      expect.stringContaining('GET /api/v1/tasks/{id} → 404: body/code must be integer'),
    ]);
  });
});
