import type { HttpClient } from './app.js';
import { currentVersion } from './tasks.js';
import { type Factory, login, type TestDept, type TestOrg, type TestUser } from './factory.js';

/** A complete draft body (everything a submission needs); `overrides` replace fields. */
export function consultationBody(overrides: Record<string, unknown> = {}) {
  return {
    subject: '공유재산 무상사용 허가 가능 여부',
    facts: '주민 공동체가 공유재산을 무상으로 사용하기를 요청함',
    question: '공유재산법 제24조에 따른 무상사용 허가가 가능한지',
    relevantLaws: '공유재산 및 물품 관리법 제24조',
    ownReview: '공익 목적에 해당하여 허가 가능하다고 판단함',
    options: [
      { label: '갑설', content: '무상사용 허가 가능' },
      { label: '을설', content: '유상 대부만 가능' },
    ],
    ...overrides,
  };
}

export interface ConsultationActor extends TestUser {
  token: string;
}

/**
 * Two organisations under one parent (a 구 and a sibling 구 under a 시), each with a requesting
 * department (STAFF, DEPT_HEAD), an audit unit (two AUDITORs), a proactive office and a committee
 * member; the parent has its own audit unit with an AUDITOR and a proactive office.
 */
export interface ConsultationWorld {
  parent: TestOrg;
  org: TestOrg;
  sibling: TestOrg;
  dept: TestDept;
  otherDept: TestDept;
  staff: ConsultationActor;
  head: ConsultationActor;
  otherStaff: ConsultationActor;
  otherHead: ConsultationActor;
  auditor: ConsultationActor;
  auditor2: ConsultationActor;
  office: ConsultationActor;
  committee: ConsultationActor;
  admin: ConsultationActor;
  parentAuditor: ConsultationActor;
  parentOffice: ConsultationActor;
  siblingAuditor: ConsultationActor;
  siblingStaff: ConsultationActor;
}

export async function consultationWorld(
  http: HttpClient,
  factory: Factory,
): Promise<ConsultationWorld> {
  const parent = await factory.org();
  const [org, sibling] = await Promise.all([
    factory.org({ parentId: parent.id }),
    factory.org({ parentId: parent.id }),
  ]);
  const [dept, otherDept, audit, office, parentAudit, parentOfficeDept, siblingAudit, siblingDept] =
    await Promise.all([
      factory.dept(org.id),
      factory.dept(org.id),
      factory.dept(org.id, { isAuditUnit: true }),
      factory.dept(org.id, { isProactiveOffice: true }),
      factory.dept(parent.id, { isAuditUnit: true }),
      factory.dept(parent.id, { isProactiveOffice: true }),
      factory.dept(sibling.id, { isAuditUnit: true }),
      factory.dept(sibling.id),
    ]);
  const actor = async (d: TestDept, roles: TestUser['roles']): Promise<ConsultationActor> => {
    const user = await factory.user(d, roles);
    return { ...user, token: (await login(http, user)).accessToken };
  };
  const [staff, head, otherStaff, otherHead, auditor, auditor2, officeUser, committee, admin] =
    await Promise.all([
      actor(dept, ['STAFF']),
      actor(dept, ['DEPT_HEAD']),
      actor(otherDept, ['STAFF']),
      actor(otherDept, ['DEPT_HEAD']),
      actor(audit, ['AUDITOR']),
      actor(audit, ['AUDITOR']),
      actor(office, ['PROACTIVE_OFFICE']),
      actor(office, ['COMMITTEE']),
      actor(office, ['ADMIN']),
    ]);
  const [parentAuditor, parentOffice, siblingAuditor, siblingStaff] = await Promise.all([
    actor(parentAudit, ['AUDITOR']),
    actor(parentOfficeDept, ['PROACTIVE_OFFICE']),
    actor(siblingAudit, ['AUDITOR']),
    actor(siblingDept, ['STAFF']),
  ]);
  return {
    parent,
    org,
    sibling,
    dept,
    otherDept,
    staff,
    head,
    otherStaff,
    otherHead,
    auditor,
    auditor2,
    office: officeUser,
    committee,
    admin,
    parentAuditor,
    parentOffice,
    siblingAuditor,
    siblingStaff,
  };
}

/** POST /consultations that must succeed. */
export async function draftConsultation(
  http: HttpClient,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await http.post('/api/v1/consultations', consultationBody(overrides), { token });
  if (res.status !== 201)
    throw new Error(`drafting failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST /consultations/:id/transitions that must succeed. */
export async function consultationAction(
  http: HttpClient,
  token: string,
  id: string,
  action: string,
  input: Record<string, unknown> = {},
): Promise<any> {
  // The version the test passes in `input`, or the one the consultation has now.
  const version =
    input.version ?? (await currentVersion(http, token, `/api/v1/consultations/${id}`));
  const res = await http.post(
    `/api/v1/consultations/${id}/transitions`,
    { action, ...input, version },
    { token },
  );
  if (res.status !== 200)
    throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The steps from DRAFT to each state, and who takes them (escalation needs the parent's auditor). */
export async function consultationInState(
  http: HttpClient,
  w: ConsultationWorld,
  state: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  let c = await draftConsultation(http, w.staff.token, overrides);
  const step = async (token: string, action: string, input: Record<string, unknown> = {}) => {
    c = await consultationAction(http, token, c.id, action, input);
  };
  if (state === 'DRAFT') return c;
  await step(w.head.token, 'submit');
  if (state === 'SUBMITTED') return c;
  await step(w.auditor.token, 'startScreening');
  if (state === 'SCREENING') return c;
  if (state === 'REJECTED') {
    await step(w.auditor.token, 'reject', { rejectionReason: 'NO_OWN_REVIEW' });
    return c;
  }
  await step(w.auditor.token, 'accept');
  if (state === 'ACCEPTED') return c;
  await step(w.auditor.token, 'startReview');
  if (state === 'UNDER_REVIEW') return c;
  if (state === 'ESCALATED') {
    await step(w.auditor.token, 'escalate', { reason: '상급기관 의견 요청' });
    return c;
  }
  if (state === 'COMMITTEE_ADVICE') {
    await step(w.auditor.token, 'requestCommitteeAdvice', { reason: '위원회 자문 요청' });
    return c;
  }
  await step(w.auditor.token, 'issueOpinion', { opinion: '허가 가능', opinionType: 'ACCEPTABLE' });
  if (state === 'OPINION_ISSUED') return c;
  await step(w.staff.token, 'close', { followUp: 'FOLLOWED' });
  if (state === 'CLOSED') return c;
  throw new Error(`unknown state ${state}`);
}
