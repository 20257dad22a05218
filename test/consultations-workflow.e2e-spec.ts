import { randomUUID } from 'node:crypto';
import * as gazette from '@hyunbinseo/holidays-kr/all';
import { useTestApi } from './support/app.js';
import {
  consultationAction,
  type ConsultationActor,
  consultationInState,
  type ConsultationWorld,
  consultationWorld,
  draftConsultation,
} from './support/consultations.js';
import { createTask, seoulToday, withVersion } from './support/tasks.js';

// Pre-consultations (사전컨설팅), DOMAIN.md §1 and §4, through the real HTTP API.

const C_STATES = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'REJECTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
  'OPINION_ISSUED',
  'CLOSED',
] as const;
type CState = (typeof C_STATES)[number];

const C_ACTIONS = [
  'submit',
  'startScreening',
  'reject',
  'accept',
  'startReview',
  'escalate',
  'returnAdvice',
  'requestCommitteeAdvice',
  'recordCommitteeAdvice',
  'issueOpinion',
  'extend',
  'close',
] as const;
type CAction = (typeof C_ACTIONS)[number];

/** Where each action leads (`extend` moves the deadline, not the state). */
const TO: Record<CAction, CState | 'same'> = {
  submit: 'SUBMITTED',
  startScreening: 'SCREENING',
  reject: 'REJECTED',
  accept: 'ACCEPTED',
  startReview: 'UNDER_REVIEW',
  escalate: 'ESCALATED',
  returnAdvice: 'UNDER_REVIEW',
  requestCommitteeAdvice: 'COMMITTEE_ADVICE',
  recordCommitteeAdvice: 'UNDER_REVIEW',
  issueOpinion: 'OPINION_ISSUED',
  extend: 'same',
  close: 'CLOSED',
};

/** A complete, valid input for each action, so a refusal is about the state or the user only. */
const INPUT: Record<CAction, Record<string, unknown>> = {
  submit: {},
  startScreening: {},
  reject: { rejectionReason: 'CLEAR_RULE_EXISTS', reason: '명확한 규정이 있어 책임 회피성 질의임' },
  accept: {},
  startReview: {},
  escalate: { reason: '시 감사위원회 의견 요청' },
  returnAdvice: { advice: '상급기관 자문: 허가 가능' },
  requestCommitteeAdvice: { reason: '적극행정위원회 자문 요청' },
  recordCommitteeAdvice: { advice: '위원회 자문: 조건부 가능' },
  issueOpinion: { opinion: '공익 목적이 명확하므로 허가 가능', opinionType: 'CONDITIONAL' },
  extend: { days: 10, reason: '관계기관 의견 조회 필요' },
  close: { followUp: 'FOLLOWED' },
};

type Who =
  | 'staff'
  | 'head'
  | 'otherHead'
  | 'auditor'
  | 'auditor2'
  | 'office'
  | 'committee'
  | 'admin'
  | 'parentAuditor'
  | 'siblingAuditor';
const WHO: readonly Who[] = [
  'staff',
  'head',
  'otherHead',
  'auditor',
  'auditor2',
  'office',
  'committee',
  'admin',
  'parentAuditor',
  'siblingAuditor',
];

/**
 * DOMAIN.md §4 (and §1 for reading), written out: the status of each action by each user in each
 * state, the request reached along the usual path (never escalated unless the state is ESCALATED).
 *
 * Reading: a DRAFT only by the requesting department (staff, head); once submitted also by the
 * organisation's AUDITORs (auditor, auditor2) and PROACTIVE_OFFICE (office); the parent
 * organisation's AUDITOR only once it was escalated there; another department's head, the
 * committee member, the administrator and the sibling organisation's auditor never: 404.
 *
 * Acting: submit — DEPT_HEAD of the requesting department (the formal requester), not its STAFF;
 * startScreening, reject, accept, startReview, escalate, requestCommitteeAdvice,
 * recordCommitteeAdvice, issueOpinion and extend (once, while the opinion is pending) — the
 * organisation's AUDITORs; while ESCALATED the parent's audit body holds the request: it returns its
 * advice (back to UNDER_REVIEW), may answer with the opinion itself, and owns the deadline; close —
 * the requesting department (it records whether it followed the opinion). PROACTIVE_OFFICE reads
 * but never acts. Readers who may not act get 409 ILLEGAL_TRANSITION.
 *
 * Columns: submit, startScreening, reject, accept, startReview, escalate, returnAdvice,
 * requestCommitteeAdvice, recordCommitteeAdvice, issueOpinion, extend, close.
 */
// prettier-ignore
const TABLE: Record<CState, Record<Who, readonly number[]>> = {
  DRAFT: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [200, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor2:       [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    office:         [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  SUBMITTED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 200, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 200, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  SCREENING: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 200, 200, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 409, 200, 200, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  REJECTED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  ACCEPTED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 200, 409, 409, 409, 409, 409, 200, 409],
    auditor2:       [409, 409, 409, 409, 200, 409, 409, 409, 409, 409, 200, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  UNDER_REVIEW: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 200, 409, 200, 409, 200, 200, 409],
    auditor2:       [409, 409, 409, 409, 409, 200, 409, 200, 409, 200, 200, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  ESCALATED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [409, 409, 409, 409, 409, 409, 200, 409, 409, 200, 200, 409],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  COMMITTEE_ADVICE: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 409, 409, 409, 200, 409, 200, 409],
    auditor2:       [409, 409, 409, 409, 409, 409, 409, 409, 200, 409, 200, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  OPINION_ISSUED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 200],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 200],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  CLOSED: {
    //              sub  scr  rej  acc  rev  esc  ret  req  rec  opi  ext  clo
    staff:          [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    head:           [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    otherHead:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    auditor:        [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    auditor2:       [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    office:         [409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409],
    committee:      [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    admin:          [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    parentAuditor:  [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    siblingAuditor: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
};

/** The requesting department edits a DRAFT (STAFF and DEPT_HEAD alike). */
const EDITORS: readonly Who[] = ['staff', 'head'];

const statusOf = (state: CState, who: Who, action: CAction): number =>
  TABLE[state][who][C_ACTIONS.indexOf(action)];
const reads = (state: CState, who: Who): boolean =>
  C_ACTIONS.every((a) => statusOf(state, who, a) !== 404);
const sorted = (xs: readonly string[]) => [...xs].sort();
/** What the table says `who` may do in `state` (`extend` only while not yet extended). */
const expectedAllowed = (state: CState, who: Who, extended = false): string[] =>
  sorted([
    ...C_ACTIONS.filter((a) => statusOf(state, who, a) === 200 && !(extended && a === 'extend')),
    ...(state === 'DRAFT' && EDITORS.includes(who) ? ['edit'] : []),
  ]);
const fields = (body: { details?: Array<{ field: string }> }) =>
  (body.details ?? []).map((d) => d.field).sort();

// ── Dates (Asia/Seoul), counted here so the tests do not lean on the product's calendar ──────────

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** Public holidays from the gazette data (관보) of @hyunbinseo/holidays-kr. */
const HOLIDAYS = new Set(Object.values(gazette).flatMap((year) => Object.keys(year)));
const isBusinessDay = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !HOLIDAYS.has(date);
};
/** The n-th business day strictly after `date`. */
function nthBusinessDayAfter(date: string, n: number): string {
  let day = date;
  for (let found = 0; found < n;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) found++;
  }
  return day;
}

describe('pre-consultations (사전컨설팅) workflow', () => {
  const { http, factory } = useTestApi();

  let w: ConsultationWorld;
  beforeAll(async () => {
    w = await consultationWorld(http, factory);
  });

  const act = async (u: ConsultationActor, id: string, body: Record<string, unknown>) =>
    http.post(
      `/api/v1/consultations/${id}/transitions`,
      await withVersion(http, u.token, `/api/v1/consultations/${id}`, body),
      { token: u.token },
    );
  const patch = (u: ConsultationActor, id: string, body: Record<string, unknown>) =>
    http.patch(`/api/v1/consultations/${id}`, body, { token: u.token });
  const upload = (u: ConsultationActor, id: string, name: string, text: string) =>
    http.upload(
      `/api/v1/consultations/${id}/attachments`,
      { name, bytes: new TextEncoder().encode(text), type: 'text/plain' },
      { token: u.token },
    );

  /** The request as its department sees it (the department reads it in every state). */
  async function read(id: string, who: ConsultationActor = w.staff): Promise<any> {
    const res = await http.get(`/api/v1/consultations/${id}`, { token: who.token });
    expect([id, res.status]).toEqual([id, 200]);
    return res.body;
  }
  async function historyOf(id: string, who: ConsultationActor = w.staff): Promise<any[]> {
    const res = await http.get(`/api/v1/consultations/${id}/history`, { token: who.token });
    expect([id, res.status]).toEqual([id, 200]);
    return res.body as any[];
  }
  /** A refused call changed nothing: same state, version, deadline, content and history. */
  async function expectUnchanged(before: any, historyLength: number) {
    const now = await read(before.id);
    expect(now).toMatchObject({
      status: before.status,
      version: before.version,
      extensionDays: before.extensionDays,
      opinionDueDate: before.opinionDueDate,
      opinion: before.opinion,
      followUp: before.followUp,
      rejectionReason: before.rejectionReason,
      assignedAuditor: before.assignedAuditor,
      immunityPresumed: before.immunityPresumed,
      attachments: before.attachments,
    });
    expect(await historyOf(before.id)).toHaveLength(historyLength);
  }

  describe('the state table of DOMAIN.md §4, by state, action and user', () => {
    describe.each(C_STATES)('from %s', (state) => {
      // Refused calls all go to one request per state; each allowed call gets a fresh one.
      let shared: any;
      beforeAll(async () => {
        shared = await consultationInState(http, w, state);
        expect(shared.status).toBe(state);
      });

      it.each(WHO)('%s', async (who) => {
        const user = w[who];
        const historyBefore = (await historyOf(shared.id)).length;

        const got = await http.get(`/api/v1/consultations/${shared.id}`, { token: user.token });
        const history = await http.get(`/api/v1/consultations/${shared.id}/history`, {
          token: user.token,
        });
        if (reads(state, who)) {
          expect([who, got.status, history.status]).toEqual([who, 200, 200]);
          expect(sorted(got.body.allowedActions)).toEqual(expectedAllowed(state, who));
        } else {
          expect([who, got.status, got.body.code, history.status]).toEqual([
            who,
            404,
            'NOT_FOUND',
            404,
          ]);
        }

        for (const action of C_ACTIONS) {
          const expected = statusOf(state, who, action);
          const label = `${who} ${action} on ${state}`;
          const body = { action, ...INPUT[action] };
          if (expected === 200) {
            const fresh = await consultationInState(http, w, state);
            const res = await act(user, fresh.id, body);
            expect([label, res.status, res.body.code]).toEqual([label, 200, undefined]);
            const next = TO[action];
            const to = next === 'same' ? state : next;
            expect(res.body).toMatchObject({
              id: fresh.id,
              status: to,
              version: fresh.version + 1,
            });
            expect([label, sorted(res.body.allowedActions)]).toEqual([
              label,
              expectedAllowed(to, who, action === 'extend'),
            ]);
            const entries = await historyOf(fresh.id);
            expect(entries).toHaveLength((await historyOf(shared.id)).length + 1);
            expect(entries[entries.length - 1]).toMatchObject({
              action,
              actorId: user.id,
              ...(to === state ? {} : { changes: { state: { from: state, to } } }),
            });
            continue;
          }
          const res = await act(user, shared.id, body);
          if (expected === 404) {
            expect([label, res.status, res.body.code]).toEqual([label, 404, 'NOT_FOUND']);
          } else {
            expect([label, res.status, res.body.code]).toEqual([label, 409, 'ILLEGAL_TRANSITION']);
            expect(res.body).toMatchObject({ resource: 'consultation', currentStatus: state });
            expect([label, sorted(res.body.allowedActions)]).toEqual([
              label,
              expectedAllowed(state, who),
            ]);
          }
          // Nothing moved: the same state and version after each refusal (read straight from the
          // database to keep the table quick; the API view is compared after the user's calls).
          const { rows } = await factory.db.query<{ state: string; version: number }>(
            `SELECT state, version FROM consultations WHERE id = $1`,
            [shared.id],
          );
          expect([label, rows[0].state, rows[0].version]).toEqual([label, state, shared.version]);
        }
        await expectUnchanged(shared, historyBefore);
      });
    });
  });

  describe('drafting', () => {
    it('is open to STAFF and DEPT_HEAD only; other roles 403, nothing created', async () => {
      for (const who of ['auditor', 'office', 'committee', 'admin', 'parentAuditor'] as const) {
        const res = await http.post(
          '/api/v1/consultations',
          { subject: '다른 역할의 신청' },
          { token: w[who].token },
        );
        expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
      }
      const byHead = await http.post(
        '/api/v1/consultations',
        { subject: '부서장이 작성한 신청' },
        { token: w.head.token },
      );
      expect(byHead.status).toBe(201);
      expect(byHead.body).toMatchObject({
        status: 'DRAFT',
        departmentId: w.dept.id,
        drafter: { id: w.head.id },
        requester: null,
        version: 1,
        immunityPresumed: false,
        privateInterest: false,
      });
      expect(sorted(byHead.body.allowedActions)).toEqual(['edit', 'submit']);
      const byStaff = await draftConsultation(http, w.staff.token);
      expect(sorted(byStaff.allowedActions)).toEqual(['edit']);
    });

    it('links only a task the user can read: 400 INVALID_REFERENCE on taskId otherwise', async () => {
      const foreignTask = await createTask(http, w.otherStaff.token, w.otherStaff.id);
      const before = await http.get('/api/v1/consultations?limit=200', { token: w.staff.token });
      for (const taskId of [foreignTask.id, randomUUID()]) {
        const res = await http.post(
          '/api/v1/consultations',
          { subject: '남의 과제', taskId },
          { token: w.staff.token },
        );
        expect([taskId, res.status, res.body.code]).toEqual([taskId, 400, 'INVALID_REFERENCE']);
        expect(fields(res.body)).toEqual(['taskId']);
      }
      const after = await http.get('/api/v1/consultations?limit=200', { token: w.staff.token });
      expect(after.body.total).toBe(before.body.total);

      // Nor can a draft be re-linked to it.
      const draft = await draftConsultation(http, w.staff.token);
      const relink = await patch(w.staff, draft.id, {
        version: draft.version,
        taskId: foreignTask.id,
      });
      expect([relink.status, relink.body.code]).toEqual([400, 'INVALID_REFERENCE']);
      expect(fields(relink.body)).toEqual(['taskId']);
      await expectUnchanged(draft, 1);

      const ownTask = await createTask(http, w.staff.token, w.staff.id);
      const linked = await patch(w.staff, draft.id, { version: draft.version, taskId: ownTask.id });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({
        taskId: ownTask.id,
        taskTitle: ownTask.title,
        version: draft.version + 1,
      });
    });

    it('edits only drafts of the own department: later 409 for it, 403 for other readers, 404 otherwise', async () => {
      const draft = await draftConsultation(http, w.staff.token);
      const edit = { version: draft.version, question: '고친 질의' };
      for (const who of ['otherHead', 'auditor', 'office', 'siblingAuditor'] as const) {
        const res = await patch(w[who], draft.id, edit);
        expect([who, res.status, res.body.code]).toEqual([who, 404, 'NOT_FOUND']);
      }
      const stale = await patch(w.staff, draft.id, { version: draft.version + 5, question: 'x' });
      expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
      await expectUnchanged(draft, 1);
      const byHead = await patch(w.head, draft.id, edit);
      expect(byHead.status).toBe(200);
      expect(byHead.body).toMatchObject({ question: '고친 질의', version: draft.version + 1 });

      const submitted = await consultationAction(http, w.head.token, draft.id, 'submit');
      const historyLength = (await historyOf(draft.id)).length;
      const later = { version: submitted.version, question: '제출 후 수정' };
      const expected: Array<[Who, number, string]> = [
        ['staff', 409, 'ILLEGAL_TRANSITION'],
        ['head', 409, 'ILLEGAL_TRANSITION'],
        ['auditor', 403, 'FORBIDDEN'],
        ['office', 403, 'FORBIDDEN'],
        ['otherHead', 404, 'NOT_FOUND'],
        ['committee', 404, 'NOT_FOUND'],
        ['admin', 404, 'NOT_FOUND'],
        ['parentAuditor', 404, 'NOT_FOUND'],
        ['siblingAuditor', 404, 'NOT_FOUND'],
      ];
      for (const [who, status, code] of expected) {
        const res = await patch(w[who], draft.id, later);
        expect([who, res.status, res.body.code]).toEqual([who, status, code]);
      }
      await expectUnchanged(submitted, historyLength);
    });

    it('submits only a complete request: 400 naming each of facts, question and ownReview', async () => {
      const draft = await draftConsultation(http, w.staff.token, {
        facts: '',
        question: '   ',
        ownReview: undefined,
      });
      const all = await act(w.head, draft.id, { action: 'submit' });
      expect([all.status, all.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fields(all.body)).toEqual(['facts', 'ownReview', 'question']);
      await expectUnchanged(draft, 1);

      const partly = await patch(w.staff, draft.id, {
        version: draft.version,
        facts: '사실관계',
        ownReview: ' \n ',
      });
      expect(partly.status).toBe(200);
      const two = await act(w.head, draft.id, { action: 'submit' });
      expect(two.status).toBe(400);
      expect(fields(two.body)).toEqual(['ownReview', 'question']);

      const complete = await patch(w.staff, draft.id, {
        version: partly.body.version,
        question: '가능한지',
        ownReview: '가능하다고 봄',
      });
      await expectUnchanged(complete.body, 3);
      const submitted = await act(w.head, draft.id, { action: 'submit' });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        status: 'SUBMITTED',
        requester: { id: w.head.id },
        drafter: { id: w.staff.id },
      });
    });
  });

  describe('bad inputs are a clear 4xx that changes nothing', () => {
    /** Each case as [label, status, code, fields] so a failure names the case. */
    async function tryAll(
      c: any,
      cases: Array<[string, ConsultationActor, Record<string, unknown>, number, string, string[]]>,
    ) {
      const historyLength = (await historyOf(c.id)).length;
      for (const [label, user, body, status, code, expectedFields] of cases) {
        const res = await act(user, c.id, body);
        expect([label, res.status, res.body.code, fields(res.body)]).toEqual([
          label,
          status,
          code,
          sorted(expectedFields),
        ]);
      }
      await expectUnchanged(c, historyLength);
    }

    it('an opinion on a request not under review is 409 (ACCEPTED, SCREENING, OPINION_ISSUED)', async () => {
      for (const state of ['SCREENING', 'ACCEPTED', 'OPINION_ISSUED'] as const) {
        const c = await consultationInState(http, w, state);
        await tryAll(c, [
          [
            `issueOpinion on ${state}`,
            w.auditor,
            { action: 'issueOpinion', ...INPUT.issueOpinion },
            409,
            'ILLEGAL_TRANSITION',
            [],
          ],
        ]);
      }
    });

    it('the submission by a STAFF member is 409: the requester is the department head', async () => {
      const c = await consultationInState(http, w, 'DRAFT');
      await tryAll(c, [
        ['staff submit', w.staff, { action: 'submit' }, 409, 'ILLEGAL_TRANSITION', []],
      ]);
      const res = await act(w.staff, c.id, { action: 'submit' });
      expect(sorted(res.body.allowedActions)).toEqual(['edit']);
    });

    it('screening: reject needs a checklist reason, accept an auditor of the organisation', async () => {
      const c = await consultationInState(http, w, 'SCREENING');
      await tryAll(c, [
        [
          'reject without reason',
          w.auditor,
          { action: 'reject' },
          400,
          'VALIDATION_FAILED',
          ['rejectionReason'],
        ],
        [
          'reject with a note only',
          w.auditor,
          { action: 'reject', reason: '검토 부족' },
          400,
          'VALIDATION_FAILED',
          ['rejectionReason'],
        ],
        [
          'reject with an unknown reason',
          w.auditor,
          { action: 'reject', rejectionReason: 'I_DO_NOT_LIKE_IT' },
          400,
          'VALIDATION_FAILED',
          ['rejectionReason'],
        ],
        [
          'accept assigning a STAFF member',
          w.auditor,
          { action: 'accept', assignedAuditorId: w.staff.id },
          400,
          'VALIDATION_FAILED',
          ['assignedAuditorId'],
        ],
        [
          "accept assigning the sibling's auditor",
          w.auditor,
          { action: 'accept', assignedAuditorId: w.siblingAuditor.id },
          400,
          'VALIDATION_FAILED',
          ['assignedAuditorId'],
        ],
        [
          "accept assigning the parent's auditor",
          w.auditor,
          { action: 'accept', assignedAuditorId: w.parentAuditor.id },
          400,
          'VALIDATION_FAILED',
          ['assignedAuditorId'],
        ],
        [
          'accept assigning nobody known',
          w.auditor,
          { action: 'accept', assignedAuditorId: randomUUID() },
          400,
          'VALIDATION_FAILED',
          ['assignedAuditorId'],
        ],
        [
          'accept with a reason (not used)',
          w.auditor,
          { action: 'accept', reason: '접수' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
      ]);

      const accepted = await act(w.auditor, c.id, {
        action: 'accept',
        assignedAuditorId: w.auditor2.id,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({
        status: 'ACCEPTED',
        assignedAuditor: { id: w.auditor2.id },
        screeningChecklist: {
          CLEAR_RULE_EXISTS: false,
          NO_OWN_REVIEW: false,
          DISPOSITION_ALREADY_MADE: false,
          PROCEEDINGS_PENDING_OR_FINAL: false,
        },
      });

      // Each checklist item is a reason on its own; a note may go with it.
      for (const rejectionReason of [
        'CLEAR_RULE_EXISTS',
        'NO_OWN_REVIEW',
        'DISPOSITION_ALREADY_MADE',
        'PROCEEDINGS_PENDING_OR_FINAL',
      ]) {
        const r = await consultationInState(http, w, 'SCREENING');
        const rejected = await act(w.auditor2, r.id, {
          action: 'reject',
          rejectionReason,
          reason: '행정심판 계류 중',
        });
        expect([rejectionReason, rejected.status]).toEqual([rejectionReason, 200]);
        expect(rejected.body).toMatchObject({
          status: 'REJECTED',
          rejectionReason,
          rejectionNote: '행정심판 계류 중',
        });
        expect(rejected.body.screeningChecklist[rejectionReason]).toBe(true);
        expect(Object.values(rejected.body.screeningChecklist).filter(Boolean)).toHaveLength(1);
      }
    });

    it('review: escalation and committee advice need a request, advice needs advice, an opinion both fields', async () => {
      const review = await consultationInState(http, w, 'UNDER_REVIEW');
      await tryAll(review, [
        [
          'escalate without reason',
          w.auditor,
          { action: 'escalate' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'escalate with a blank reason',
          w.auditor,
          { action: 'escalate', reason: '  ' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'committee advice without reason',
          w.auditor,
          { action: 'requestCommitteeAdvice' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'opinion without anything',
          w.auditor,
          { action: 'issueOpinion' },
          400,
          'VALIDATION_FAILED',
          ['opinion', 'opinionType'],
        ],
        [
          'opinion without a type',
          w.auditor,
          { action: 'issueOpinion', opinion: '가능' },
          400,
          'VALIDATION_FAILED',
          ['opinionType'],
        ],
        [
          'opinion of an unknown type',
          w.auditor,
          { action: 'issueOpinion', opinion: '가능', opinionType: 'MAYBE' },
          400,
          'VALIDATION_FAILED',
          ['opinionType'],
        ],
        [
          'opinion with a blank text',
          w.auditor,
          { action: 'issueOpinion', opinion: ' ', opinionType: 'ACCEPTABLE' },
          400,
          'VALIDATION_FAILED',
          ['opinion'],
        ],
        [
          'opinion with a follow-up (not used)',
          w.auditor,
          { action: 'issueOpinion', ...INPUT.issueOpinion, followUp: 'FOLLOWED' },
          400,
          'VALIDATION_FAILED',
          ['followUp'],
        ],
        [
          'a stale version',
          w.auditor,
          { action: 'issueOpinion', ...INPUT.issueOpinion, version: review.version - 1 },
          409,
          'VERSION_CONFLICT',
          [],
        ],
      ]);
      const escalated = await consultationInState(http, w, 'ESCALATED');
      await tryAll(escalated, [
        [
          'return without advice',
          w.parentAuditor,
          { action: 'returnAdvice' },
          400,
          'VALIDATION_FAILED',
          ['advice'],
        ],
        [
          'return with a reason instead',
          w.parentAuditor,
          { action: 'returnAdvice', reason: '의견' },
          400,
          'VALIDATION_FAILED',
          ['advice', 'reason'],
        ],
      ]);
      const committee = await consultationInState(http, w, 'COMMITTEE_ADVICE');
      await tryAll(committee, [
        [
          'record without advice',
          w.auditor,
          { action: 'recordCommitteeAdvice', advice: '' },
          400,
          'VALIDATION_FAILED',
          ['advice'],
        ],
      ]);
    });

    it('extension: days 1..max (30 by default) with a reason, and only once (second 409, says once)', async () => {
      const c = await consultationInState(http, w, 'UNDER_REVIEW');
      await tryAll(c, [
        [
          'days 31',
          w.auditor,
          { action: 'extend', days: 31, reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'days 0',
          w.auditor,
          { action: 'extend', days: 0, reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'days -5',
          w.auditor,
          { action: 'extend', days: -5, reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'days 2.5',
          w.auditor,
          { action: 'extend', days: 2.5, reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'days 200',
          w.auditor,
          { action: 'extend', days: 200, reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'no days',
          w.auditor,
          { action: 'extend', reason: '사유' },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
        [
          'no reason',
          w.auditor,
          { action: 'extend', days: 10 },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'blank reason',
          w.auditor,
          { action: 'extend', days: 10, reason: ' ' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
      ]);

      const first = await act(w.auditor, c.id, { action: 'extend', days: 30, reason: '자료 보완' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ extensionDays: 30, extensionReason: '자료 보완' });
      expect(first.body.allowedActions).not.toContain('extend');

      const historyLength = (await historyOf(c.id)).length;
      for (const user of [w.auditor, w.auditor2]) {
        const again = await act(user, c.id, { action: 'extend', days: 5, reason: '또 연장' });
        // A rule (once only), not the state: LIMIT_REACHED with the limit, not ILLEGAL_TRANSITION.
        expect([again.status, again.body.code]).toEqual([409, 'LIMIT_REACHED']);
        expect(again.body).toMatchObject({ limit: 'opinionExtensions', max: 1, used: 1 });
        expect(again.body.message).toContain('한 번');
      }
      const english = await http.post(
        `/api/v1/consultations/${c.id}/transitions`,
        { action: 'extend', days: 5, reason: 'again', version: first.body.version },
        { token: w.auditor.token, headers: { 'accept-language': 'en' } },
      );
      expect([english.status, english.body.code]).toEqual([409, 'LIMIT_REACHED']);
      expect(english.body.message).toMatch(/once/i);
      await expectUnchanged(first.body, historyLength);

      // Still once after the request moved on (committee advice and back).
      await consultationAction(http, w.auditor.token, c.id, 'requestCommitteeAdvice', {
        reason: '자문',
      });
      const inCommittee = await act(w.auditor, c.id, { action: 'extend', days: 1, reason: '또' });
      expect([inCommittee.status, inCommittee.body.code]).toEqual([409, 'LIMIT_REACHED']);
    });

    it('closing: followUp required, NOT_FOLLOWED needs a reason', async () => {
      const c = await consultationInState(http, w, 'OPINION_ISSUED');
      await tryAll(c, [
        [
          'close without follow-up',
          w.staff,
          { action: 'close' },
          400,
          'VALIDATION_FAILED',
          ['followUp'],
        ],
        [
          'close with a reason but no follow-up',
          w.head,
          { action: 'close', reason: '이행함' },
          400,
          'VALIDATION_FAILED',
          ['followUp'],
        ],
        [
          'NOT_FOLLOWED without reason',
          w.staff,
          { action: 'close', followUp: 'NOT_FOLLOWED' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'NOT_FOLLOWED with a blank reason',
          w.staff,
          { action: 'close', followUp: 'NOT_FOLLOWED', reason: ' \t' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'an unknown follow-up',
          w.staff,
          { action: 'close', followUp: 'PARTLY' },
          400,
          'VALIDATION_FAILED',
          ['followUp'],
        ],
        [
          'close with days (not used)',
          w.staff,
          { action: 'close', followUp: 'FOLLOWED', days: 3 },
          400,
          'VALIDATION_FAILED',
          ['days'],
        ],
      ]);
    });

    it('unknown fields, fields the action does not use and unknown actions: 400 naming them', async () => {
      const submitted = await consultationInState(http, w, 'SUBMITTED');
      await tryAll(submitted, [
        [
          'an unknown field',
          w.auditor,
          { action: 'startScreening', foo: 'bar' },
          400,
          'VALIDATION_FAILED',
          ['foo'],
        ],
        [
          'a status field',
          w.auditor,
          { action: 'startScreening', status: 'CLOSED' },
          400,
          'VALIDATION_FAILED',
          ['status'],
        ],
        [
          'a reason (not used)',
          w.auditor,
          { action: 'startScreening', reason: '검토 착수' },
          400,
          'VALIDATION_FAILED',
          ['reason'],
        ],
        [
          'an opinion and days (not used)',
          w.auditor,
          { action: 'startScreening', opinion: '가능', days: 3 },
          400,
          'VALIDATION_FAILED',
          ['days', 'opinion'],
        ],
        [
          'an unknown action',
          w.auditor,
          { action: 'approve' },
          400,
          'VALIDATION_FAILED',
          ['action'],
        ],
        ['no action', w.auditor, {}, 400, 'VALIDATION_FAILED', ['action']],
      ]);
      const draft = await consultationInState(http, w, 'DRAFT');
      await tryAll(draft, [
        [
          'submit with advice (not used)',
          w.head,
          { action: 'submit', advice: '자문' },
          400,
          'VALIDATION_FAILED',
          ['advice'],
        ],
      ]);
    });
  });

  describe('deadlines', () => {
    it('hand-checks the holiday-aware counting used below', () => {
      // 2025-09-30 (Tue) → Oct 1, 2, (3 개천절, 5–7 추석, 8 대체, 9 한글날) 10, 13, 14.
      expect(nthBusinessDayAfter('2025-09-30', 5)).toBe('2025-10-14');
      // 2026-09-23 (Wed) → (24–26 추석, 27 Sun) 28, 29, 30, Oct 1, 2.
      expect(nthBusinessDayAfter('2026-09-23', 5)).toBe('2026-10-02');
      // 2026-04-30 (Thu) → (May 1 노동절, 2–3 weekend) 4, (5 어린이날) 6, 7, 8, 11.
      expect(nthBusinessDayAfter('2026-04-30', 5)).toBe('2026-05-11');
    });

    it('screening is due on the 5th business day after submission; overdue is computed when read', async () => {
      const draft = await draftConsultation(http, w.staff.token);
      expect(draft).toMatchObject({
        screeningDueDate: null,
        dueDate: null,
        overdue: false,
        daysOverdue: 0,
      });
      const today = seoulToday();
      const submitted = await consultationAction(http, w.head.token, draft.id, 'submit');
      const due = nthBusinessDayAfter(today, 5);
      expect(submitted).toMatchObject({
        screeningDueDate: due,
        dueDate: due,
        opinionDueDate: null,
        overdue: false,
        daysOverdue: 0,
      });

      // Set up time: submitted long ago, screening due three days ago.
      const dueThen = addDays(today, -3);
      await factory.db.query(
        `UPDATE consultations SET submitted_at = now() - interval '12 days', screening_due_date = $2
          WHERE id = $1`,
        [draft.id, dueThen],
      );
      for (const who of [w.staff, w.auditor, w.office]) {
        expect(await read(draft.id, who)).toMatchObject({
          dueDate: dueThen,
          screeningDueDate: dueThen,
          overdue: true,
          daysOverdue: 3,
        });
      }
      const overdueList = await http.get('/api/v1/consultations?overdue=true&limit=200', {
        token: w.auditor.token,
      });
      expect(overdueList.body.items.map((c: any) => c.id)).toContain(draft.id);
      const onTimeList = await http.get('/api/v1/consultations?overdue=false&limit=200', {
        token: w.auditor.token,
      });
      expect(onTimeList.body.items.map((c: any) => c.id)).not.toContain(draft.id);

      // Screening keeps the screening deadline running; the acceptance ends it.
      const screening = await consultationAction(http, w.auditor.token, draft.id, 'startScreening');
      expect(screening).toMatchObject({ dueDate: dueThen, overdue: true, daysOverdue: 3 });
      const accepted = await consultationAction(http, w.auditor.token, draft.id, 'accept');
      expect(accepted).toMatchObject({
        dueDate: addDays(seoulToday(), 30),
        overdue: false,
        daysOverdue: 0,
      });
      // A rejected request has no running deadline.
      const rejected = await consultationInState(http, w, 'REJECTED');
      expect(rejected).toMatchObject({ dueDate: null, overdue: false, daysOverdue: 0 });
    });

    it('the opinion is due 30 days after acceptance; one extension moves it; overdue by days', async () => {
      const today = seoulToday();
      const c = await consultationInState(http, w, 'ACCEPTED');
      expect(c).toMatchObject({
        opinionDueDate: addDays(today, 30),
        dueDate: addDays(today, 30),
        extensionDays: 0,
        extensionReason: null,
        overdue: false,
        daysOverdue: 0,
      });

      const extended = await consultationAction(http, w.auditor.token, c.id, 'extend', {
        days: 10,
        reason: '관계부처 협의 필요',
      });
      expect(extended).toMatchObject({
        status: 'ACCEPTED',
        opinionDueDate: addDays(today, 30),
        dueDate: addDays(today, 40),
        extensionDays: 10,
        extensionReason: '관계부처 협의 필요',
        overdue: false,
      });
      const entries = await historyOf(c.id);
      expect(entries[entries.length - 1]).toMatchObject({
        action: 'extend',
        actorId: w.auditor.id,
        reason: '관계부처 협의 필요',
      });

      // Set up time: the original deadline passed three days ago.
      const threeDaysAgo = addDays(today, -3);
      const late = await consultationInState(http, w, 'UNDER_REVIEW');
      for (const id of [c.id, late.id]) {
        await factory.db.query(`UPDATE consultations SET opinion_due_date = $2 WHERE id = $1`, [
          id,
          threeDaysAgo,
        ]);
      }
      expect(await read(late.id, w.auditor)).toMatchObject({
        opinionDueDate: threeDaysAgo,
        dueDate: threeDaysAgo,
        overdue: true,
        daysOverdue: 3,
      });
      // With the extension of 10 days it is not overdue: due in 7 days.
      expect(await read(c.id, w.auditor)).toMatchObject({
        opinionDueDate: threeDaysAgo,
        dueDate: addDays(today, 7),
        overdue: false,
        daysOverdue: 0,
      });
      const rescued = await consultationAction(http, w.auditor.token, late.id, 'extend', {
        days: 10,
        reason: '기한 경과 후 연장',
      });
      expect(rescued).toMatchObject({
        dueDate: addDays(today, 7),
        extensionDays: 10,
        overdue: false,
        daysOverdue: 0,
      });
      // Once the opinion is issued, no deadline runs.
      const answered = await consultationAction(http, w.auditor.token, late.id, 'issueOpinion', {
        opinion: '가능',
        opinionType: 'ACCEPTABLE',
      });
      expect(answered).toMatchObject({ dueDate: null, overdue: false, daysOverdue: 0 });
    });

    it('follows the organisation settings: screening business days, opinion days, longest extension', async () => {
      // A world of its own: settings are per organisation and the other tests rely on the defaults.
      const v = await consultationWorld(http, factory);
      const current = await http.get('/api/v1/settings', { token: v.office.token });
      expect(current.status).toBe(200);
      const changed = await http.patch(
        '/api/v1/settings',
        {
          version: current.body.version,
          values: {
            'consultations.screeningBusinessDays': 2,
            'consultations.opinionDays': 14,
            'consultations.maxExtensionDays': 5,
          },
          reason: '사전컨설팅 처리기한 단축',
        },
        { token: v.office.token },
      );
      expect(changed.status).toBe(200);

      const today = seoulToday();
      let c = await draftConsultation(http, v.staff.token);
      c = await consultationAction(http, v.head.token, c.id, 'submit');
      expect(c).toMatchObject({
        screeningDueDate: nthBusinessDayAfter(today, 2),
        dueDate: nthBusinessDayAfter(today, 2),
      });
      await consultationAction(http, v.auditor.token, c.id, 'startScreening');
      c = await consultationAction(http, v.auditor.token, c.id, 'accept');
      expect(c).toMatchObject({
        opinionDueDate: addDays(today, 14),
        dueDate: addDays(today, 14),
      });
      const historyLength = (await historyOf(c.id, v.staff)).length;
      const tooLong = await http.post(
        `/api/v1/consultations/${c.id}/transitions`,
        { action: 'extend', days: 6, reason: '연장', version: c.version },
        { token: v.auditor.token },
      );
      expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fields(tooLong.body)).toEqual(['days']);
      expect(await historyOf(c.id, v.staff)).toHaveLength(historyLength);
      const ok = await consultationAction(http, v.auditor.token, c.id, 'extend', {
        days: 5,
        reason: '연장',
      });
      expect(ok).toMatchObject({ extensionDays: 5, dueDate: addDays(today, 19) });

      // The suite's own organisation still has the defaults.
      const mine = await consultationInState(http, w, 'ACCEPTED');
      expect(mine.opinionDueDate).toBe(addDays(seoulToday(), 30));
    });
  });

  describe('immunity presumption (면책 추정) and the linked task', () => {
    it('is presumed when CLOSED, FOLLOWED and no private interest; shown on the task to its readers', async () => {
      const task = await createTask(http, w.staff.token, w.staff.id);

      const followed = await consultationInState(http, w, 'OPINION_ISSUED', { taskId: task.id });
      expect(followed.immunityPresumed).toBe(false);
      const closed = await consultationAction(http, w.head.token, followed.id, 'close', {
        followUp: 'FOLLOWED',
      });
      expect(closed).toMatchObject({
        status: 'CLOSED',
        followUp: 'FOLLOWED',
        followUpReason: null,
        immunityPresumed: true,
        taskId: task.id,
      });
      expect(closed.closedAt).not.toBeNull();

      // A private interest declared while drafting rules the presumption out.
      let interested = await draftConsultation(http, w.staff.token, { taskId: task.id });
      const declared = await patch(w.staff, interested.id, {
        version: interested.version,
        privateInterest: true,
        privateInterestNote: '신청인이 담당자의 친족임',
      });
      expect(declared.status).toBe(200);
      expect(declared.body).toMatchObject({ privateInterest: true });
      interested = declared.body;
      const steps: Array<[ConsultationActor, CAction]> = [
        [w.head, 'submit'],
        [w.auditor, 'startScreening'],
        [w.auditor, 'accept'],
        [w.auditor, 'startReview'],
        [w.auditor, 'issueOpinion'],
      ];
      for (const [user, action] of steps) {
        interested = await consultationAction(
          http,
          user.token,
          interested.id,
          action,
          INPUT[action],
        );
      }
      const interestedClosed = await consultationAction(
        http,
        w.staff.token,
        interested.id,
        'close',
        {
          followUp: 'FOLLOWED',
        },
      );
      expect(interestedClosed).toMatchObject({
        status: 'CLOSED',
        followUp: 'FOLLOWED',
        privateInterest: true,
        immunityPresumed: false,
      });

      // Not following the opinion (with the reason) rules it out too.
      const notFollowed = await consultationInState(http, w, 'OPINION_ISSUED', { taskId: task.id });
      const notFollowedClosed = await consultationAction(
        http,
        w.staff.token,
        notFollowed.id,
        'close',
        { followUp: 'NOT_FOLLOWED', reason: '예산 부족으로 시행 보류' },
      );
      expect(notFollowedClosed).toMatchObject({
        status: 'CLOSED',
        followUp: 'NOT_FOLLOWED',
        followUpReason: '예산 부족으로 시행 보류',
        immunityPresumed: false,
      });

      // Not closed yet: no presumption (the opinion alone is not enough).
      const open = await consultationInState(http, w, 'OPINION_ISSUED', { taskId: task.id });
      const draft = await draftConsultation(http, w.staff.token, { taskId: task.id });

      const flags = (items: any[]) =>
        items.map((c) => [c.id, c.status, c.immunityPresumed, c.taskId]).sort();
      const byDepartment = await http.get(`/api/v1/tasks/${task.id}/consultations`, {
        token: w.staff.token,
      });
      expect(byDepartment.status).toBe(200);
      expect(flags(byDepartment.body)).toEqual(
        [
          [followed.id, 'CLOSED', true, task.id],
          [interested.id, 'CLOSED', false, task.id],
          [notFollowed.id, 'CLOSED', false, task.id],
          [open.id, 'OPINION_ISSUED', false, task.id],
          [draft.id, 'DRAFT', false, task.id],
        ].sort(),
      );
      // The audit unit and the office read the task, but not the department's draft.
      for (const who of ['auditor', 'office'] as const) {
        const res = await http.get(`/api/v1/tasks/${task.id}/consultations`, {
          token: w[who].token,
        });
        expect([who, res.status]).toEqual([who, 200]);
        expect([who, flags(res.body)]).toEqual([
          who,
          [
            [followed.id, 'CLOSED', true, task.id],
            [interested.id, 'CLOSED', false, task.id],
            [notFollowed.id, 'CLOSED', false, task.id],
            [open.id, 'OPINION_ISSUED', false, task.id],
          ].sort(),
        ]);
      }
      // Users who cannot read the task: 404, without saying whether it exists.
      for (const who of [
        'otherHead',
        'committee',
        'admin',
        'parentAuditor',
        'siblingAuditor',
      ] as const) {
        const res = await http.get(`/api/v1/tasks/${task.id}/consultations`, {
          token: w[who].token,
        });
        expect([who, res.status, res.body.code]).toEqual([who, 404, 'NOT_FOUND']);
      }
      const unknown = await http.get(`/api/v1/tasks/${randomUUID()}/consultations`, {
        token: w.staff.token,
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe('turnaround', () => {
    it('counts Seoul calendar days from submission to the opinion: 0 the same day, 4 four days later', async () => {
      const sameDay = await consultationInState(http, w, 'UNDER_REVIEW');
      expect(sameDay.turnaroundDays).toBeNull();
      const answered = await consultationAction(
        http,
        w.auditor.token,
        sameDay.id,
        'issueOpinion',
        INPUT.issueOpinion,
      );
      expect(answered).toMatchObject({ status: 'OPINION_ISSUED', turnaroundDays: 0 });
      expect(answered.opinionAt).not.toBeNull();

      const later = await consultationInState(http, w, 'UNDER_REVIEW');
      // Set up time: submitted four days ago.
      await factory.db.query(
        `UPDATE consultations SET submitted_at = submitted_at - interval '4 days' WHERE id = $1`,
        [later.id],
      );
      const answeredLater = await consultationAction(
        http,
        w.auditor.token,
        later.id,
        'issueOpinion',
        INPUT.issueOpinion,
      );
      expect(answeredLater).toMatchObject({ turnaroundDays: 4 });
      // It stays as it was when the request is closed.
      const closed = await consultationAction(http, w.staff.token, later.id, 'close', {
        followUp: 'FOLLOWED',
      });
      expect(closed.turnaroundDays).toBe(4);
    });
  });

  describe('history and attachments', () => {
    it('records every step in order with its actor and reason; advice is attached to the request', async () => {
      const text = (s: string) => new TextEncoder().encode(s);
      let c = await draftConsultation(http, w.staff.token);
      const edited = await patch(w.staff, c.id, { version: c.version, relevantLaws: '공유재산법' });
      expect(edited.status).toBe(200);
      const attached = await http.upload(
        `/api/v1/consultations/${c.id}/attachments`,
        { name: '현황자료.txt', bytes: text('현황 자료\n'), type: 'text/plain' },
        { token: w.staff.token },
      );
      expect(attached.status).toBe(201);
      const step = async (user: ConsultationActor, action: CAction, input = {}) => {
        c = await consultationAction(http, user.token, c.id, action, input);
      };
      await step(w.head, 'submit');
      await step(w.auditor, 'startScreening');
      await step(w.auditor, 'accept', { assignedAuditorId: w.auditor2.id });
      await step(w.auditor2, 'startReview');
      await step(w.auditor2, 'requestCommitteeAdvice', { reason: '위원회에 법령 해석 자문' });
      await step(w.auditor2, 'recordCommitteeAdvice', { advice: '위원회: 공익성 인정' });
      await step(w.auditor2, 'escalate', { reason: '시 감사위원회 판단 요청' });
      expect(c).toMatchObject({ status: 'ESCALATED', escalatedToOrganisationId: w.parent.id });
      await step(w.parentAuditor, 'returnAdvice', { advice: '시: 허가 가능' });
      await step(w.auditor2, 'extend', { days: 7, reason: '추가 자료 요청' });
      await step(w.auditor2, 'issueOpinion', { opinion: '허가 가능', opinionType: 'ACCEPTABLE' });
      await step(w.head, 'close', { followUp: 'NOT_FOLLOWED', reason: '주민 반대' });

      expect(c).toMatchObject({
        status: 'CLOSED',
        drafter: { id: w.staff.id },
        requester: { id: w.head.id },
        assignedAuditor: { id: w.auditor2.id },
        opinionBy: { id: w.auditor2.id },
        opinionOrganisationId: w.org.id,
        opinionType: 'ACCEPTABLE',
        extensionDays: 7,
        followUp: 'NOT_FOLLOWED',
        followUpReason: '주민 반대',
        immunityPresumed: false,
      });
      expect(c.advice).toEqual([
        expect.objectContaining({
          kind: 'COMMITTEE',
          request: '위원회에 법령 해석 자문',
          requestedBy: w.auditor2.id,
          advice: '위원회: 공익성 인정',
          advisedBy: w.auditor2.id,
        }),
        expect.objectContaining({
          kind: 'ESCALATION',
          request: '시 감사위원회 판단 요청',
          requestedBy: w.auditor2.id,
          advice: '시: 허가 가능',
          advisedBy: w.parentAuditor.id,
        }),
      ]);

      const entries = await historyOf(c.id, w.auditor);
      expect(entries.map((e) => [e.action, e.actorId])).toEqual([
        ['create', w.staff.id],
        ['update', w.staff.id],
        ['attachment.add', w.staff.id],
        ['submit', w.head.id],
        ['startScreening', w.auditor.id],
        ['accept', w.auditor.id],
        ['startReview', w.auditor2.id],
        ['requestCommitteeAdvice', w.auditor2.id],
        ['recordCommitteeAdvice', w.auditor2.id],
        ['escalate', w.auditor2.id],
        ['returnAdvice', w.parentAuditor.id],
        ['extend', w.auditor2.id],
        ['issueOpinion', w.auditor2.id],
        ['close', w.head.id],
      ]);
      const byAction = (action: string) => entries.find((e) => e.action === action);
      expect(byAction('requestCommitteeAdvice')).toMatchObject({
        reason: '위원회에 법령 해석 자문',
        changes: { state: { from: 'UNDER_REVIEW', to: 'COMMITTEE_ADVICE' } },
      });
      expect(byAction('escalate')).toMatchObject({
        reason: '시 감사위원회 판단 요청',
        changes: { state: { from: 'UNDER_REVIEW', to: 'ESCALATED' } },
      });
      expect(byAction('returnAdvice')).toMatchObject({
        changes: { state: { from: 'ESCALATED', to: 'UNDER_REVIEW' } },
      });
      expect(byAction('extend')).toMatchObject({ reason: '추가 자료 요청' });
      expect(byAction('close')).toMatchObject({
        reason: '주민 반대',
        changes: { state: { from: 'OPINION_ISSUED', to: 'CLOSED' } },
      });
      expect(byAction('submit')).toMatchObject({
        changes: { state: { from: 'DRAFT', to: 'SUBMITTED' } },
      });

      // Whoever reads the request reads its history: the parent too, once it was escalated there.
      expect(await historyOf(c.id, w.parentAuditor)).toHaveLength(entries.length);
      expect(await historyOf(c.id, w.office)).toHaveLength(entries.length);
      for (const who of ['siblingAuditor', 'otherHead', 'committee'] as const) {
        const res = await http.get(`/api/v1/consultations/${c.id}/history`, {
          token: w[who].token,
        });
        expect([who, res.status]).toEqual([who, 404]);
      }

      // A rejection's checklist item and note are in its history.
      const rejected = await consultationInState(http, w, 'SCREENING');
      await consultationAction(http, w.auditor.token, rejected.id, 'reject', {
        rejectionReason: 'DISPOSITION_ALREADY_MADE',
        reason: '이미 처분한 사안',
      });
      const rejection = (await historyOf(rejected.id)).at(-1);
      expect(rejection).toMatchObject({
        action: 'reject',
        actorId: w.auditor.id,
        reason: '이미 처분한 사안',
        changes: {
          state: { from: 'SCREENING', to: 'REJECTED' },
          rejection_reason: { from: null, to: 'DISPOSITION_ALREADY_MADE' },
        },
      });
    });

    it('the department attaches while drafting, the reviewing auditors (own or parent) while the opinion is pending', async () => {
      const c = await draftConsultation(http, w.staff.token);
      const first = await upload(w.staff, c.id, '검토서.txt', '부서 자체 검토서\n');
      expect([first.status, first.body.attachments?.length]).toEqual([201, 1]);
      const second = await upload(w.head, c.id, '도면.txt', '도면\n');
      expect([second.status, second.body.attachments?.length]).toEqual([201, 2]);
      const fileId = first.body.attachments.find((a: any) => a.fileName === '검토서.txt').id;
      for (const who of ['otherHead', 'auditor', 'siblingAuditor'] as const) {
        const res = await upload(w[who], c.id, '남의 파일.txt', 'x');
        expect([`draft ${who}`, res.status]).toEqual([`draft ${who}`, 404]);
      }

      let now = await consultationAction(http, w.head.token, c.id, 'submit');
      expect(now.attachments).toHaveLength(2);
      let historyLength = (await historyOf(c.id)).length;
      // After submission the department's files are fixed; nobody attaches before review starts.
      for (const who of ['staff', 'head', 'auditor', 'office'] as const) {
        const res = await upload(w[who], c.id, '추가.txt', '추가 자료');
        expect([`submitted ${who}`, res.status, res.body.code]).toEqual([
          `submitted ${who}`,
          403,
          'FORBIDDEN',
        ]);
      }
      for (const who of ['otherHead', 'committee', 'parentAuditor', 'siblingAuditor'] as const) {
        const res = await upload(w[who], c.id, '추가.txt', '추가 자료');
        expect([`submitted ${who}`, res.status]).toEqual([`submitted ${who}`, 404]);
      }
      await expectUnchanged(now, historyLength);

      // Readers download; others get 404.
      const path = `/api/v1/consultations/${c.id}/attachments/${fileId}`;
      for (const who of ['staff', 'head', 'auditor', 'auditor2', 'office'] as const) {
        const res = await http.download(path, { token: w[who].token });
        expect([who, res.status]).toEqual([who, 200]);
        expect(res.bytes.toString('utf8')).toBe('부서 자체 검토서\n');
        const list = await http.get(`/api/v1/consultations/${c.id}/attachments`, {
          token: w[who].token,
        });
        expect([who, list.status, list.body.length]).toEqual([who, 200, 2]);
      }
      for (const who of [
        'otherHead',
        'committee',
        'admin',
        'parentAuditor',
        'siblingAuditor',
      ] as const) {
        const res = await http.download(path, { token: w[who].token });
        expect([who, res.status]).toEqual([who, 404]);
        const list = await http.get(`/api/v1/consultations/${c.id}/attachments`, {
          token: w[who].token,
        });
        expect([who, list.status]).toEqual([who, 404]);
      }
      const siblingStaff = await http.download(path, { token: w.siblingStaff.token });
      expect(siblingStaff.status).toBe(404);

      await consultationAction(http, w.auditor.token, c.id, 'startScreening');
      await consultationAction(http, w.auditor.token, c.id, 'accept');
      await consultationAction(http, w.auditor.token, c.id, 'startReview');
      const byAuditor = await upload(w.auditor, c.id, '검토의견.txt', '감사담당관 검토 메모\n');
      expect([byAuditor.status, byAuditor.body.attachments?.length]).toEqual([201, 3]);
      now = byAuditor.body;
      historyLength = (await historyOf(c.id)).length;
      for (const who of ['staff', 'head', 'office'] as const) {
        const res = await upload(w[who], c.id, '추가.txt', '추가 자료');
        expect([`review ${who}`, res.status, res.body.code]).toEqual([
          `review ${who}`,
          403,
          'FORBIDDEN',
        ]);
      }
      const parentEarly = await upload(w.parentAuditor, c.id, '시.txt', '시');
      expect(parentEarly.status).toBe(404);
      await expectUnchanged(now, historyLength);

      await consultationAction(http, w.auditor.token, c.id, 'escalate', { reason: '시 판단 요청' });
      const byParent = await upload(w.parentAuditor, c.id, '시의견.txt', '시 감사위원회 메모\n');
      expect([byParent.status, byParent.body.attachments?.length]).toEqual([201, 4]);
      const parentFile = byParent.body.attachments.find((a: any) => a.fileName === '시의견.txt');
      expect(parentFile).toMatchObject({ uploadedBy: w.parentAuditor.id });
      const fromParent = await http.download(path, { token: w.parentAuditor.token });
      expect(fromParent.status).toBe(200);
      const parentPath = `/api/v1/consultations/${c.id}/attachments/${parentFile.id}`;
      for (const who of ['staff', 'auditor', 'office'] as const) {
        const res = await http.download(parentPath, { token: w[who].token });
        expect([who, res.status]).toEqual([who, 200]);
      }
      for (const who of ['siblingAuditor', 'siblingStaff', 'otherHead'] as const) {
        const res = await http.download(parentPath, { token: w[who].token });
        expect([who, res.status]).toEqual([who, 404]);
      }
      const siblingUpload = await upload(w.siblingAuditor, c.id, '형제.txt', 'x');
      expect(siblingUpload.status).toBe(404);

      // Once the opinion is issued, nobody attaches any more.
      await consultationAction(http, w.parentAuditor.token, c.id, 'issueOpinion', {
        opinion: '가능',
        opinionType: 'ACCEPTABLE',
      });
      now = await read(c.id);
      historyLength = (await historyOf(c.id)).length;
      for (const who of ['auditor', 'parentAuditor', 'staff'] as const) {
        const res = await upload(w[who], c.id, '늦은.txt', '늦은 자료');
        expect([`issued ${who}`, res.status]).toEqual([`issued ${who}`, 403]);
      }
      await expectUnchanged(now, historyLength);

      const adds = (await historyOf(c.id))
        .filter((e) => e.action === 'attachment.add')
        .map((e) => e.actorId);
      expect(adds).toEqual([w.staff.id, w.head.id, w.auditor.id, w.parentAuditor.id]);
    });
  });
});
