import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

describe('HTTP conventions', () => {
  const { http, factory } = useTestApi();
  let adminToken: string;
  beforeAll(async () => {
    const { users } = await factory.world(['ADMIN']);
    adminToken = (await login(http, users.ADMIN)).accessToken;
  });

  it('gives every response a request id, reusing a safe one from the caller', async () => {
    const generated = await http.get('/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await http.get('/api/v1/me', {
      headers: { 'x-request-id': 'client-trace-12345' },
    });
    expect(given.headers.get('x-request-id')).toBe('client-trace-12345');
    expect(given.body.requestId).toBe('client-trace-12345');
    const unsafe = await http.get('/health', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(unsafe.headers.get('x-request-id')).not.toContain('<');
  });

  it('answers validation errors in one shape with field paths, Korean by default and English on request', async () => {
    const body = { email: 'not-an-email', password: '', extra: 1 };
    const ko = await http.post('/api/v1/auth/login', body);
    expect(ko.status).toBe(400);
    expect(Object.keys(ko.body).sort()).toEqual([
      'code',
      'details',
      'message',
      'requestId',
      'statusCode',
    ]);
    expect(ko.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    // Each detail names the field in Korean and says what is wrong; {field, code, message} only.
    expect(ko.body.details).toEqual(
      expect.arrayContaining([
        {
          field: 'extra',
          code: 'whitelistValidation',
          message: 'extra은(는) 이 요청에서 받지 않는 항목입니다.',
        },
        { field: 'email', code: 'isEmail', message: '이메일은 올바른 이메일 주소여야 합니다.' },
        { field: 'password', code: 'required', message: '비밀번호를 입력하세요.' },
      ]),
    );
    expect(ko.body.details).toHaveLength(3);
    // The top message counts the problems and gives the first.
    expect(ko.body.message).toBe(`입력값 3개가 올바르지 않습니다: ${ko.body.details[0].message}`);
    const en = await http.post('/api/v1/auth/login', body, {
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.body.message).toMatch(/^3 values are invalid: /);
    expect(en.body.details.find((d: any) => d.field === 'extra').message).toBe(
      'extra is not an allowed field',
    );
    expect(en.body.details.find((d: any) => d.field === 'password').message).toBe(
      'password is required',
    );
  });

  it('names a required field in the message: the one problem is the top message', async () => {
    const res = await http.post('/api/v1/auth/login', { email: 'staff@example.go.kr' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '비밀번호를 입력하세요.',
      details: [{ field: 'password', code: 'required', message: '비밀번호를 입력하세요.' }],
    });
  });

  it('names nested and query fields by path', async () => {
    const query = await http.get('/api/v1/users?limit=1000&offset=-1&unknown=1', {
      token: adminToken,
    });
    expect(query.status).toBe(400);
    expect(query.body.details.map((d: any) => d.field).sort()).toEqual([
      'limit',
      'offset',
      'unknown',
    ]);
    const id = await http.get('/api/v1/users/not-a-uuid', { token: adminToken });
    expect(id.status).toBe(400);
    expect(id.body.details).toEqual([
      { field: 'id', code: 'isUuid', message: 'ID는 UUID 형식이어야 합니다.' },
    ]);
  });

  it('keeps framework errors in the same shape: malformed JSON, wrong media type, unknown route, oversized body', async () => {
    const malformed = await http.post('/api/v1/auth/login', '{"email": ', {
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '요청 본문이 올바른 JSON이 아닙니다.',
      details: [
        { field: 'body', code: 'invalidJson', message: '요청 본문이 올바른 JSON이 아닙니다.' },
      ],
    });
    const xml = await http.post('/api/v1/auth/login', '<login/>', {
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    expect(xml.body).toMatchObject({
      statusCode: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: [],
    });
    const unknown = await http.get('/api/v1/no-such-thing', { token: adminToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', details: [] });
    const huge = await http.post(
      '/api/v1/auth/login',
      JSON.stringify({ email: 'a@b.kr', password: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', details: [] });
  });

  it('sends security headers and keeps CORS closed by default', async () => {
    const res = await http.get('/health', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('publishes an OpenAPI document with schemas and bearer auth', async () => {
    const doc = await http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/settings',
      '/api/v1/history/verify',
      '/api/v1/tasks',
      '/api/v1/tasks/export',
      '/api/v1/tasks/{id}',
      '/api/v1/tasks/{id}/transitions',
      '/api/v1/tasks/{id}/history',
      '/api/v1/tasks/{id}/milestones',
      '/api/v1/tasks/{id}/milestones/{milestoneId}',
      '/api/v1/tasks/{id}/members',
      '/api/v1/tasks/{id}/members/{userId}',
      '/api/v1/tasks/{id}/partners',
      '/api/v1/tasks/{id}/partners/{departmentId}',
      '/api/v1/calendar/business-days',
      '/api/v1/reporting-calendars/{year}',
      '/api/v1/reports',
      '/api/v1/reports/generate',
      '/api/v1/reports/{id}',
      '/api/v1/reports/{id}/transitions',
      '/api/v1/reports/{id}/history',
      '/api/v1/reports/{id}/attachments',
      '/api/v1/reports/{id}/attachments/{attachmentId}',
      '/api/v1/consultations',
      '/api/v1/consultations/{id}',
      '/api/v1/consultations/{id}/transitions',
      '/api/v1/consultations/{id}/history',
      '/api/v1/consultations/{id}/attachments',
      '/api/v1/consultations/{id}/attachments/{attachmentId}',
      '/api/v1/tasks/{id}/consultations',
      '/api/v1/evaluation-rounds',
      '/api/v1/evaluation-rounds/{id}',
      '/api/v1/evaluation-rounds/{id}/rules',
      '/api/v1/evaluation-rounds/{id}/members',
      '/api/v1/evaluation-rounds/{id}/start-scoring',
      '/api/v1/evaluation-rounds/{id}/progress',
      '/api/v1/evaluation-rounds/{id}/aggregate',
      '/api/v1/evaluation-rounds/{id}/nominations',
      '/api/v1/evaluation-rounds/{id}/incentives',
      '/api/v1/evaluation-rounds/{id}/export',
      '/api/v1/evaluation-rounds/{id}/incentive-report',
      '/api/v1/nominations/{id}',
      '/api/v1/nominations/{id}/decision',
      '/api/v1/nominations/{id}/conflicts',
      '/api/v1/nominations/{id}/scores',
      '/api/v1/nominations/{id}/preference',
      '/api/v1/incentives/{id}',
      '/api/v1/opinion-requests',
      '/api/v1/opinion-requests/{id}',
      '/api/v1/opinion-requests/{id}/history',
      '/api/v1/opinion-requests/{id}/extend',
      '/api/v1/opinion-requests/{id}/answer',
      '/api/v1/opinion-requests/{id}/refer',
      '/api/v1/opinion-requests/{id}/withdraw',
      '/api/v1/me/notifications',
      '/api/v1/me/notification-preferences',
      '/api/v1/notifications/run',
      '/api/v1/dashboards',
      '/api/v1/dashboards/drilldown',
      '/api/v1/dashboards/compile',
      '/api/v1/dashboards/compiles/{id}',
      '/api/v1/dashboards/export',
      '/health',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const login = doc.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/LoginDto',
    );
    expect(login.responses['401'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorResponseDto',
    );
    expect(doc.body.paths['/api/v1/users'].get.security).toEqual([{ bearer: [] }]);
    const upload = doc.body.paths['/api/v1/reports/{id}/attachments'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.$ref).toBe(
      '#/components/schemas/UploadDto',
    );
    expect(doc.body.components.schemas.UserDto.properties).not.toHaveProperty('passwordHash');
    const task = doc.body.paths['/api/v1/tasks/{id}'];
    expect(task.get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/TaskDetailDto',
    );
    expect(task.patch.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/UpdateTaskDto',
    );
    expect(doc.body.components.schemas.TaskSummaryDto.properties.allowedActions.items.enum).toEqual(
      expect.arrayContaining(['propose', 'select', 'complete', 'edit', 'updateProgress']),
    );
  });
});
