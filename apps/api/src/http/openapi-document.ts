import { HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  constrain,
  constrainObject,
  isRequired,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
  rulesOf,
  type SchemaObject,
} from './openapi-constraints.js';
import { SERIAL_ID, SerialParamPipe } from './serial-param.pipe.js';
import { UuidParamPipe } from './uuid-param.pipe.js';

/**
 * The OpenAPI document, made true to what the server does (issue 17). @nestjs/swagger describes
 * the decorators; the rules the server enforces live elsewhere (class-validator decorators, param
 * pipes, @HttpCode, the rate limiter, Fastify's body handling), so they are read from there and
 * written into the document rather than repeated by hand in decorators that could drift.
 */

/**
 * Tags with their Korean and English descriptions, in the order the document lists them, keyed by
 * the exact name controllers give @ApiTags. Every tag an operation uses must be here: Redocly's
 * `operation-tag-defined` rule (redocly.yaml) fails `npm run openapi:lint` otherwise, and the web
 * types test checks that none is left unused.
 */
const TAGS: Record<string, string> = {
  'auth · 인증': '로그인, 토큰 갱신, 로그아웃.\n\nSign-in, token refresh and sign-out.',
  'organisations · 기관':
    '기관(시·도, 시·군·구, 중앙행정기관, 공공기관)과 그 계층.\n\nOrganisations and their hierarchy.',
  'departments · 부서': '기관의 부서와 부서장.\n\nDepartments of an organisation and their heads.',
  'users · 사용자': '사용자 계정, 역할, 잠금 해제.\n\nUser accounts, roles and unlocking.',
  'directory · 기관 안내':
    '모든 기관과 그 부서의 공개 조직 정보(이름, 종류, 상위 기관): 협업과제의 총괄기관·참여기관과 담당부서 선택용.\n\nThe public structure of every organisation and its departments (names, kinds, parent), for naming the coordinator, participants and responsible departments of collaboration tasks.',
  'settings · 설정': '기관별 설정값.\n\nPer-organisation settings.',
  'history · 이력':
    '변경 이력 원장, 봉인(체크포인트)과 검증, 접속기록.\n\nThe change ledger, its sealed checkpoints and verification, and the access log.',
  'health · 상태': '서비스 상태 확인.\n\nService health.',
  'deadlines · 내 일정':
    '내가 챙겨야 할 기한(단계, 이행실적 제출, 사전컨설팅 검토·회신)과 달력 앱용 iCal 구독 주소.\n\nThe deadlines you are concerned with (milestones, reports to submit, consultation screening and opinions) and an iCal feed URL for calendar applications.',
  'search · 통합 검색':
    '읽을 수 있는 중점과제, 이행실적, 사전컨설팅, 경진대회 출품작을 코드·제목·본문으로 한 번에 찾기.\n\nOne search over the codes, titles and texts of the tasks, reports, pre-consultations and contest entries you may read.',
  'calendar · 근무일':
    '근무일(영업일) 계산: 주말과 공휴일을 뺀 날짜와 기한.\n\nBusiness days: dates and deadlines counted without weekends and public holidays.',
  'tasks · 중점과제':
    '적극행정 중점과제, 마일스톤, 담당자와 협업 부서.\n\nPriority tasks, their milestones, members and partner departments.',
  'reports · 이행실적':
    '보고 일정, 이행실적 보고서와 검토, 첨부파일.\n\nReporting calendars, progress reports, their review and attachments.',
  'consultations · 사전컨설팅':
    '사전컨설팅 신청, 검토, 의견, 첨부파일.\n\nPre-consultations: requests, review, opinions and attachments.',
  'evaluations · 연말 성과 평가':
    '연말 성과 평가, 우수공무원 추천과 선정, 인센티브.\n\nYear-end performance evaluation rounds, nominations of outstanding officials and incentives.',
  'contests · 경진대회':
    '적극행정 우수사례 경진대회: 회차, 출품과 검토, 심사위원과 채점, 결과 발표, 상위 대회 연계, 포상 기록.\n\nBest-practice contests: rounds, entries and their screening, judging panels and scores, results, links to the next level’s contest and award records.',
  'committee · 적극행정위원회':
    '적극행정위원회: 위원 임기, 회의 소집과 출석, 안건, 기피·회피, 표결과 의결.\n\nThe proactive-administration committee: member terms, meetings and attendance, agenda items, exclusions and recusals, votes and resolutions.',
  'opinion-requests · 의견제시':
    '감사부서에 중점과제에 대한 의견제시 요청, 회신 기한 연장, 의견 회신, 위원회 부의.\n\nRequests for the audit office’s opinion on a priority task: deadline extension, the answer and referral to the committee.',
  'collaborations · 협업과제':
    '기관 간 협업과제: 참여기관과 합의, 단계 분담, 참여기관별 실적, 협업 TF(구성원, 회의, 결정, 실행과제), 협업SOS와 협업정원 요청.\n\nCollaboration tasks across organisations: participants and their agreement, shared milestones, each participant’s contribution to reports, the TF (members, meetings, decisions, action items), 협업SOS and 협업정원 requests.',
  'comments · 댓글':
    '중점과제, 이행실적, 사전컨설팅, 협업과제의 댓글(답글, @언급, 작성자의 짧은 수정 시간).\n\nComments on priority tasks, reports, pre-consultations and collaboration tasks: replies, @mentions, a short edit window for their author.',
  'saved-views · 저장된 보기':
    '중점과제·이행실적·사전컨설팅 목록의 저장된 보기(조건과 정렬): 내 보기와 전담부서가 기관에 공유한 보기.\n\nSaved views (filters and sort) of the task, report and pre-consultation lists: your own and those the office shares with the organisation.',
  'notifications · 알림':
    '알림함, 알림 설정, 알림 발송 실행과 실패한 이메일.\n\nThe inbox, notification preferences, reminder runs and failed e-mails.',
  'dashboards · 추진 현황':
    '추진 현황 집계, 세부 목록, 내보내기.\n\nProgress dashboards, drill-down lists and exports.',
  'imports · 가져오기':
    '스프레드시트(XLSX·CSV)로 부서, 사용자, 중점과제와 단계별 계획 가져오기와 그 양식.\n\nSpreadsheet (XLSX, CSV) imports of departments, users, priority tasks and milestones, and their templates.',
  'education · 적극행정 교육':
    '적극행정 교육: 교육 과정, 참석자(직접 입력 또는 명단 가져오기), 개인별 이수 현황과 부서별 이수율·참여 순위.\n\nProactive-administration education: sessions, attendance (entered or imported from a roster), completion per person and completion rate and participation per department.',
  'citizen-applications · 적극행정 국민신청':
    '적극행정 국민신청: 접수, 부서 배정, 처리기한, 검토, 위원회 의견, 수용·불수용 결정, 신청인 회신, 연도별 통계.\n\nCitizens’ applications for proactive administration: receipt, assignment, the processing deadline, review, the committee’s opinion, the decision with reasons, the reply and yearly statistics.',
  'annual-reports · 적극행정 추진실적':
    '기관의 연간 적극행정 추진실적(중점과제, 사전컨설팅, 우수공무원과 인사상 우대, 위원회, 경진대회 등): 생성, 판 관리, 상급기관 제출, 하위 기관 비교, XLSX·PDF 내보내기.\n\nThe organisation’s annual proactive-administration report (priority tasks, pre-consultations, selected officials and incentives, the committee, contests and more): generation, versions, submission upward, subordinates side by side, XLSX and PDF exports.',
  'passive-reports · 소극행정 신고':
    '소극행정 신고의 접수, 감사담당관의 조사(기한·연장), 결과, 신고인 비밀 보장, 연도별 통계.\n\nReports of passive administration: receipt, the audit unit’s investigation (deadline, extension), outcome, the reporter’s confidentiality and yearly statistics.',
  'action-plans · 실행계획':
    '기관의 한 해 적극행정 실행계획: 추진방향, 세부 추진과제, 중점 추진과제와 중점과제 연결, 진척도, 결재와 판, 내려받기.\n\nThe organisation’s yearly action plan: directions, measures, focus measures linked to priority tasks, progress, approval and versions, export.',
  'exemptions · 적극행정 면책':
    '적극행정 면책 대장(신청·직권, 면책 요건 검토, 결정, 통지)과 감사원 분기 보고.\n\nThe 면책 (immunity) register (applications and ex officio cases, the statutory conditions, decisions, notification) and the quarterly report to 감사원.',
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details` names each field · 입력값 오류',
  401: 'Missing, invalid or expired token · 인증 필요',
  403: 'Not allowed for this user · 권한 없음',
  404: 'Not found, or not visible to this user · 없음',
  409: 'Stale version, duplicate, or not allowed in the current state · 충돌',
  413: 'Request body or file too large · 너무 큼',
  415: 'Unsupported content type · 지원하지 않는 형식',
  422: 'Understood but not possible with the data as it is (e.g. a year the holiday data does not cover) · 처리 불가',
  429: 'Too many requests; retry after the `retry-after` seconds · 요청 과다',
  503: 'A service the API needs (database, Redis) is unavailable; retry later · 일시적 장애',
};

const SUCCESS_DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work continues in the background',
  204: 'No content',
};

export interface DocumentOptions {
  /** Whether the rate limiter counts requests to this path template (`/api/v1/auth/login`). */
  rateLimited: (pathTemplate: string) => boolean;
}

/** The OpenAPI document of every route (served at /api/docs-json; the web app's types come from it). */
export function openApiDocument(
  app: NestFastifyApplication,
  options: DocumentOptions,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Gwaje API')
    .setDescription(
      '적극행정 중점과제 관리 시스템 API. 오류는 모두 같은 본문을 씁니다: {statusCode, code, message, details[]}; ' +
        '메시지는 한국어이며 Accept-Language: en 이면 영어입니다.\n\n' +
        'The API of Gwaje, the proactive-administration priority task system. Errors share one body: ' +
        '{statusCode, code, message, details[]}; messages are Korean unless Accept-Language asks for English.',
    )
    .setVersion('1')
    .addServer('/', 'This server · 이 서버')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer');
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  document.info.license = { name: 'Proprietary · 비공개' };
  const handlers = routeHandlers(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const handler = operation.operationId ? handlers.get(operation.operationId) : undefined;
      if (handler) describeFromHandler(document, operation, method, handler);
      completeResponses(operation, path, options);
      addRequestExample(document, operation);
    }
  }
  allowNullInEnums(document);
  return document;
}

interface Handler {
  controller: object;
  method: string;
}

/** Every controller method by the operation id @nestjs/swagger gives it (`Controller_method`). */
function routeHandlers(app: NestFastifyApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        if (method !== 'constructor') {
          handlers.set(`${type.name}_${method}`, { controller: type.prototype as object, method });
        }
      }
    }
  }
  return handlers;
}

interface RouteArg {
  index: number;
  data?: string;
  pipes?: unknown[];
}

/** What the handler's pipes, validation decorators and @HttpCode say about the operation. */
function describeFromHandler(
  document: OpenAPIObject,
  operation: OperationObject,
  method: string,
  { controller, method: name }: Handler,
): void {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller.constructor, name) ??
    {}) as Record<string, RouteArg>;
  const types = (Reflect.getMetadata('design:paramtypes', controller, name) ?? []) as unknown[];
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]) as RouteParamtypes;
    const type = types[arg.index] as (new () => object) | undefined;
    if (kind === RouteParamtypes.PARAM && arg.data) {
      const parameter = parameters.find((p) => p.in === 'path' && p.name === arg.data);
      const pipes = arg.pipes ?? [];
      if (parameter && pipes.includes(UuidParamPipe)) {
        parameter.schema = { type: 'string', format: 'uuid' };
      } else if (parameter && pipes.includes(SerialParamPipe)) {
        parameter.schema = { type: 'string', pattern: SERIAL_ID.source };
        parameter.description ??= 'A positive whole number · 양의 정수';
      }
    } else if (
      (kind === RouteParamtypes.PARAM || kind === RouteParamtypes.QUERY) &&
      !arg.data &&
      type
    ) {
      const location = kind === RouteParamtypes.PARAM ? 'path' : 'query';
      for (const parameter of parameters.filter((p) => p.in === location)) {
        const rules = rulesOf(type, parameter.name);
        if (!rules.length) continue;
        parameter.schema = constrain({ ...(parameter.schema as SchemaObject) }, rules);
        // Lists in a query are comma-separated (status=A,B).
        if (parameter.schema.type === 'array') parameter.explode = false;
        if (location === 'query') parameter.required = isRequired(rules, parameter.required);
      }
    } else if (kind === RouteParamtypes.BODY && type) {
      const schema = document.components?.schemas?.[type.name] as SchemaObject | undefined;
      if (schema) constrainObject(document, schema, type);
    }
  }
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, controller[name as keyof object]) as
    number | undefined;
  settleSuccessStatus(operation, code ?? (method === 'post' ? 201 : 200));
}

/** The documented success response moves to the status the server really sends. */
function settleSuccessStatus(operation: OperationObject, status: number): void {
  const responses = operation.responses;
  const documented = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
  if (documented.includes(String(status))) return;
  const from = documented[0];
  const response = ((from ? responses[from] : undefined) ?? {}) as NonNullable<ResponseObject>;
  if (from) delete responses[from];
  responses[String(status)] = {
    ...response,
    description:
      !response.description || response.description === SUCCESS_DESCRIPTIONS[Number(from)]
        ? SUCCESS_DESCRIPTIONS[status]
        : response.description,
  };
}

const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponseDto' };

/**
 * Every error status the operation can give, with the one error body in JSON (also for exports,
 * whose success is a file): 400, 401/403 behind sign-in, 404 with a path id,
 * 413/415 with a request body, 429 where the limiter counts, 503 when a backing service is down.
 */
function completeResponses(operation: OperationObject, path: string, options: DocumentOptions) {
  const responses = operation.responses;
  operation.security ??= []; // public: no token needed
  // 400 everywhere: any route refuses a query or body holding a NUL character, or query fields it
  // does not take.
  const statuses = new Set<number>([400, 503]);
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  if (operation.security?.length) [401, 403].forEach((s) => statuses.add(s));
  if (parameters.some((p) => p.in === 'path')) statuses.add(404);
  if (operation.requestBody) [413, 415].forEach((s) => statuses.add(s));
  if (options.rateLimited(path)) statuses.add(429);
  for (const status of Object.keys(responses).map(Number)) if (status >= 400) statuses.add(status);
  for (const status of [...statuses].sort()) {
    const existing = responses[String(status)] as ResponseObject | undefined;
    // A body of its own (the health check's 503) stays; any other is the one error body in JSON.
    const own = existing?.content?.['application/json']?.schema;
    const schema = own && !('$ref' in own && own.$ref === ERROR_BODY.$ref) ? own : ERROR_BODY;
    responses[String(status)] = {
      description: existing?.description || ERROR_DESCRIPTIONS[status] || 'Error',
      content: { 'application/json': { schema } },
      ...(status === 429
        ? {
            headers: {
              'retry-after': { description: 'Seconds to wait', schema: { type: 'integer' } },
            },
          }
        : {}),
    };
  }
}

/** A request body's example, assembled from its properties' examples. */
function addRequestExample(document: OpenAPIObject, operation: OperationObject): void {
  const body = operation.requestBody as RequestBodyObject | undefined;
  // Every media type: JSON bodies, and multipart uploads (whose file field gives an example).
  for (const media of Object.values(body?.content ?? {})) {
    if (!media?.schema || media.example !== undefined || media.examples) continue;
    const example = exampleOf(document, media.schema, 0);
    if (example !== undefined) media.example = example;
  }
}

function exampleOf(
  document: OpenAPIObject,
  schemaOrRef: SchemaObject | ReferenceObject,
  depth: number,
): unknown {
  if (depth > 5) return undefined;
  const schema =
    '$ref' in schemaOrRef
      ? (document.components?.schemas?.[schemaOrRef.$ref.split('/').pop()!] as SchemaObject)
      : schemaOrRef;
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf?.length === 1) return exampleOf(document, schema.allOf[0], depth + 1);
  if (schema.type === 'array' && schema.items) {
    const item = exampleOf(document, schema.items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (schema.properties) {
    const example: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties)) {
      const value =
        exampleOf(document, property, depth + 1) ??
        (required.has(name) ? placeholder(property) : undefined);
      if (value !== undefined) example[name] = value;
    }
    return Object.keys(example).length ? example : undefined;
  }
  if (schema.enum?.length) return schema.enum[0];
  return undefined;
}

/** A valid stand-in for a required property nobody gave an example for. */
function placeholder(schemaOrRef: SchemaObject | ReferenceObject): unknown {
  if ('$ref' in schemaOrRef) return undefined;
  const schema = schemaOrRef;
  if (schema.enum?.length) return schema.enum[0];
  const byFormat: Record<string, string> = {
    uuid: '3f1c2b8e-5a4d-4c2e-9b7a-1d2e3f4a5b6c',
    date: '2026-03-31',
    email: 'staff@example.go.kr',
  };
  if (schema.format && byFormat[schema.format]) return byFormat[schema.format];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string' && !schema.pattern) return '예시'.padEnd(schema.minLength ?? 0, '.');
  if (schema.type === 'array' && schema.items) {
    const item = placeholder(schema.items);
    return item === undefined
      ? undefined
      : Array.from({ length: schema.minItems ?? 1 }, () => item);
  }
  return undefined;
}

/**
 * OpenAPI 3.0.3: a nullable enum must list null among its values, or null is not one of them.
 * @nestjs/swagger writes `nullable: true` beside the values only.
 */
function allowNullInEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(allowNullInEnums);
  if (!node || typeof node !== 'object') return;
  const schema = node as SchemaObject;
  if (schema.nullable && Array.isArray(schema.enum) && !schema.enum.includes(null)) {
    schema.enum = [...(schema.enum as unknown[]), null];
  }
  Object.values(schema).forEach(allowNullInEnums);
}
