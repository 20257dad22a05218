import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@gwaje/config';
import { ReminderRunner } from '@gwaje/notifications';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { testConfig, useTestApi } from './support/app.js';
import { collaborationOrganisation, type CollaborationOrg } from './support/collaboration.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { activeTaskSince } from './support/reports.js';
import { SmtpSink } from './support/smtp-sink.js';
import { type Actor, on, type TaskWorld, taskWorld } from './support/tasks.js';

// 협업과제 TF (DOMAIN.md §9, issue 21 item 3): a ministry (CENTRAL_AGENCY) coordinates a
// collaboration that a 시 (METROPOLITAN) leads with a 구 (LOCAL) under it taking part. The TF has
// members of each with roles, meetings with minutes, decisions that become milestones of the task
// (shared out, agreements reset) or action items that the reminder engine chases in the OWNER's
// organisation's run (the worker of this suite, created in-process as in production, runs it and
// sends through a real SMTP server the test runs). An unrelated organisation sees nothing (404).
//
// Reminder run on a fixed business day, Tuesday T = 2026-11-24 (no public holiday near it):
// an item due 2026-11-20 (Friday) is 4 calendar days overdue; one due 2026-11-27 (Friday) is D-3
// business days; one due T is due today.
const T = '2026-11-24';
const OVERDUE = '2026-11-20';
const D_3 = '2026-11-27';
const PUBLIC_URL = 'https://gwaje.example.go.kr';

describe('collaboration TF (협업과제 TF)', () => {
  const sink = new SmtpSink();
  let cfg: AppConfig;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    await sink.start();
  });
  const { http, factory } = useTestApi({}, (config) => {
    config.smtp.url = sink.url;
    config.publicUrl = PUBLIC_URL;
  });
  beforeAll(() => {
    cfg = testConfig();
    cfg.smtp.url = sink.url;
    cfg.smtp.outboxPollMs = 200;
    cfg.publicUrl = PUBLIC_URL;
    cfg.redis.prefix = `${cfg.redis.prefix}:collaboration-tf-e2e`;
  });
  afterAll(async () => {
    await worker?.close();
    await sink.stop();
  });

  const C = '/api/v1/collaborations';

  const organisation = (kind: string, parentId: string | null = null) =>
    collaborationOrganisation(http, factory, kind, parentId);
  type Org = CollaborationOrg;

  interface World {
    ministry: Org;
    si: TaskWorld;
    gu: Org;
    outsider: Org;
    task: any;
    c: any;
  }

  /** The collaboration: the 시's running task with one milestone of its own; the 구 takes part. */
  async function world(): Promise<World> {
    const ministry = await organisation('CENTRAL_AGENCY');
    const si = await taskWorld(http, factory);
    await factory.db.query(`UPDATE organisations SET kind = 'METROPOLITAN' WHERE id = $1`, [
      si.org.id,
    ]);
    const gu = await organisation('LOCAL', si.org.id);
    const outsider = await organisation('LOCAL');
    const task = await activeTaskSince(si, factory, '2025-01-01', {
      partnerDepartmentIds: undefined,
      milestones: [{ title: '현황 조사(시)', dueDate: on('03-31'), weight: 1 }],
    });
    const created = await http.post(
      C,
      {
        taskId: task.id,
        coordinatorOrganisationId: ministry.org.id,
        goals: '민원 처리기간 30% 단축',
        participants: [
          { organisationId: gu.org.id, departmentId: gu.dept.id, contactUserId: gu.staff.id },
        ],
      },
      { token: si.office.token },
    );
    expect(created.status).toBe(201);
    return { ministry, si, gu, outsider, task, c: created.body };
  }

  const tf = (w: World) => `${C}/${w.c.id}/tf`;
  const addMember = (w: World, who: Actor, userId: string, role: string) =>
    http.post(`${tf(w)}/members`, { userId, role }, { token: who.token });

  /** A full TF: the 구's staff leads, the 시's staff sits, the ministry's office is the liaison. */
  async function fullTf(w: World) {
    expect((await addMember(w, w.si.office, w.gu.staff.id, 'LEAD')).status).toBe(201);
    expect((await addMember(w, w.si.office, w.si.staff.id, 'MEMBER')).status).toBe(201);
    const res = await addMember(w, w.ministry.office, w.ministry.office.id, 'LIAISON');
    expect(res.status).toBe(201);
    return res.body;
  }

  async function meeting(w: World, who: Actor = w.gu.staff) {
    const res = await http.post(
      `${tf(w)}/meetings`,
      {
        heldAt: '2026-03-10T14:00:00+09:00',
        title: '제1차 협업 TF 회의',
        place: '정부서울청사',
        attendeeIds: [w.gu.staff.id, w.ministry.office.id],
        minutes: '시범 운영 범위 논의',
      },
      { token: who.token },
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  const history = async (w: World) =>
    (await http.get(`${C}/${w.c.id}/history`, { token: w.si.office.token })).body.map(
      (h: any) => h.action,
    );

  it('members come from each participant and the coordinator with TF roles; only the managers add them; a focus task reports what its TF lacks', async () => {
    const w = await world();
    // The coordinator designates the focus task before the TF exists: allowed, and the detail says
    // what the TF is missing (a lead, a member of the 시 and of the 구).
    const focus = await http.post(
      `${C}/${w.c.id}/focus`,
      { version: w.c.version, focus: true, reason: 'TF 운영' },
      { token: w.ministry.office.token },
    );
    expect(focus.status).toBe(200);
    expect(focus.body.tf).toEqual({
      required: true,
      incomplete: true,
      missingLead: true,
      missingOrganisationIds: [w.si.org.id, w.gu.org.id],
      membersCount: 0,
    });

    // Bad members: 400 naming the field, nothing changed.
    const before = await businessChecksum(factory.db);
    const bad: Array<[string, string, string, string]> = [
      [w.outsider.office.id, 'MEMBER', 'userId', 'tfOrganisation'],
      [w.gu.otherStaff.id, 'MEMBER', 'userId', 'tfReader'], // cannot read the collaboration
      [w.gu.staff.id, 'LIAISON', 'role', 'liaisonCoordinator'],
      ['00000000-0000-4000-8000-00000000abcd', 'MEMBER', 'userId', 'unknownUser'],
    ];
    for (const [userId, role, field, code] of bad) {
      const res = await addMember(w, w.si.office, userId, role);
      expect([
        res.status,
        res.body.code,
        res.body.details?.map((d: any) => [d.field, d.code]),
      ]).toEqual([400, 'INVALID_REFERENCE', [[field, code]]]);
    }
    // Participants who may read but not manage: 403.
    for (const who of [w.gu.office, w.gu.staff, w.ministry.auditor, w.si.head]) {
      expect((await addMember(w, who, w.gu.staff.id, 'MEMBER')).status).toBe(403);
    }
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    // The lead's office, the lead contact (the task owner by default) and the coordinator's office.
    expect((await addMember(w, w.si.office, w.gu.staff.id, 'LEAD')).status).toBe(201);
    const second = await addMember(w, w.si.owner, w.si.staff.id, 'LEAD');
    expect([second.status, second.body.code, second.body.details[0].field]).toEqual([
      409,
      'DUPLICATE',
      'role',
    ]);
    expect((await addMember(w, w.si.owner, w.si.staff.id, 'MEMBER')).status).toBe(201);
    const liaison = await addMember(w, w.ministry.office, w.ministry.office.id, 'LIAISON');
    expect(liaison.status).toBe(201);
    expect(
      liaison.body.members.map((m: any) => [m.role, m.userId, m.organisationId, m.departmentId]),
    ).toEqual([
      ['LEAD', w.gu.staff.id, w.gu.org.id, w.gu.dept.id],
      ['LIAISON', w.ministry.office.id, w.ministry.org.id, w.ministry.office.departmentId],
      ['MEMBER', w.si.staff.id, w.si.org.id, w.si.lead.id],
    ]);
    expect(liaison.body.status).toMatchObject({ incomplete: false, missingLead: false });
    const again = await addMember(w, w.si.office, w.si.staff.id, 'MEMBER');
    expect([again.status, again.body.details[0].code]).toEqual([400, 'unique']);

    // The detail shows the TF complete; removing the 시's member leaves the 시 missing.
    let detail = (await http.get(`${C}/${w.c.id}`, { token: w.gu.head.token })).body;
    expect(detail.tf).toMatchObject({ required: true, incomplete: false, membersCount: 3 });
    // Readers of the participants see the TF; who may act is said.
    const asGu = await http.get(tf(w), { token: w.gu.staff.token });
    expect([asGu.status, asGu.body.allowedActions]).toEqual([200, ['recordMeeting']]);
    const asMinistry = await http.get(`${tf(w)}/members`, { token: w.ministry.auditor.token });
    expect([asMinistry.status, asMinistry.body.allowedActions]).toEqual([200, []]);
    expect(
      (await http.delete(`${tf(w)}/members/${w.si.staff.id}`, { token: w.gu.office.token })).status,
    ).toBe(403);
    const removed = await http.delete(`${tf(w)}/members/${w.si.staff.id}`, {
      token: w.ministry.office.token,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.status).toMatchObject({
      incomplete: true,
      missingOrganisationIds: [w.si.org.id],
    });
    expect(
      (await http.delete(`${tf(w)}/members/${w.si.staff.id}`, { token: w.si.office.token })).status,
    ).toBe(404);
    detail = (await http.get(`${C}/${w.c.id}`, { token: w.si.office.token })).body;
    expect(detail.tf.missingOrganisationIds).toEqual([w.si.org.id]);
    expect(await history(w)).toEqual([
      'create',
      'focus.designate',
      'tf.member.add',
      'tf.member.add',
      'tf.member.add',
      'tf.member.remove',
    ]);
  });

  it('meetings are recorded by a member with attendees and minutes; a decision creates milestones of the task (shared out, agreements reset) or action items, never both', async () => {
    const w = await world();
    await fullTf(w);
    // A reader who is no TF member records no meeting (403); an attendee outside the TF is a 400.
    const notMember = await http.post(
      `${tf(w)}/meetings`,
      { heldAt: '2026-03-10T14:00:00+09:00', title: '회의' },
      { token: w.gu.head.token },
    );
    expect(notMember.status).toBe(403);
    const badAttendee = await http.post(
      `${tf(w)}/meetings`,
      { heldAt: '2026-03-10T14:00:00+09:00', title: '회의', attendeeIds: [w.gu.head.id] },
      { token: w.gu.staff.token },
    );
    expect([badAttendee.status, badAttendee.body.details[0].field]).toEqual([400, 'attendeeIds.0']);
    const m = await meeting(w);
    expect(m).toMatchObject({
      title: '제1차 협업 TF 회의',
      online: false,
      recordedBy: { id: w.gu.staff.id },
      attendees: [
        { userId: w.gu.staff.id, organisationId: w.gu.org.id },
        { userId: w.ministry.office.id, organisationId: w.ministry.org.id },
      ],
      minutes: '시범 운영 범위 논의',
      decisions: [],
      allowedActions: ['edit', 'decide'],
      version: 1,
    });
    // Change the minutes: the recorder; a plain member may not (403); a stale version is a 409.
    const patch = (who: Actor, body: Record<string, unknown>) =>
      http.patch(`${tf(w)}/meetings/${m.id}`, body, { token: who.token });
    expect((await patch(w.si.staff, { version: 1, minutes: 'x' })).status).toBe(403);
    const edited = await patch(w.gu.staff, {
      version: 1,
      minutes: '시범 운영은 구가 맡음',
      online: true,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      minutes: '시범 운영은 구가 맡음',
      online: true,
      version: 2,
    });
    expect((await patch(w.ministry.office, { version: 1, title: '늦음' })).status).toBe(409);
    const list = await http.get(`${tf(w)}/meetings`, { token: w.ministry.auditor.token });
    expect([list.status, list.body.total, list.body.items[0].decisionsCount]).toEqual([200, 1, 0]);

    // Both participants agree to the plan first.
    let c = (await http.get(`${C}/${w.c.id}`, { token: w.si.office.token })).body;
    for (const who of [w.si.office, w.gu.head]) {
      const agreed = await http.post(
        `${C}/${w.c.id}/agreement`,
        { planVersion: c.planVersion },
        { token: who.token },
      );
      expect(agreed.status).toBe(200);
    }
    expect(
      (await http.get(`${C}/${w.c.id}`, { token: w.si.office.token })).body.agreementsMissing,
    ).toBe(0);

    const decide = (who: Actor, body: Record<string, unknown>) =>
      http.post(`${tf(w)}/meetings/${m.id}/decisions`, body, { token: who.token });
    // Bad decisions: nothing changes.
    const before = await businessChecksum(factory.db);
    const both = await decide(w.gu.staff, {
      text: '둘 다',
      milestones: [{ title: '시범 운영', dueDate: on('06-30'), organisationId: w.gu.org.id }],
      actionItems: [{ title: '공문', ownerUserId: w.gu.staff.id, dueDate: on('04-30') }],
    });
    expect([both.status, both.body.details.map((d: any) => [d.field, d.code])]).toEqual([
      400,
      [['actionItems', 'eitherOutcome']],
    ]);
    const nonParticipant = await decide(w.gu.staff, {
      text: '총괄기관이 맡음',
      milestones: [{ title: '시범 운영', dueDate: on('06-30'), organisationId: w.ministry.org.id }],
    });
    expect([
      nonParticipant.status,
      nonParticipant.body.code,
      nonParticipant.body.details[0].field,
    ]).toEqual([400, 'INVALID_REFERENCE', 'milestones.0.organisationId']);
    const outside = await decide(w.gu.staff, {
      text: '기간 밖',
      milestones: [{ title: '시범 운영', dueDate: on('06-30', 2099), organisationId: w.gu.org.id }],
    });
    expect([outside.status, outside.body.details[0].field]).toEqual([400, 'milestones.0.dueDate']);
    const notOwner = await decide(w.gu.staff, {
      text: '실행과제',
      actionItems: [{ title: '공문', ownerUserId: w.gu.head.id, dueDate: on('04-30') }],
    });
    expect(notOwner.body.details[0].field).toBe('actionItems.0.ownerUserId');
    expect((await decide(w.si.staff, { text: '일반 구성원' })).status).toBe(403);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    // A decision that becomes a milestone of the task, carried by the 구 (the TF lead records it).
    const withMilestone = await decide(w.gu.staff, {
      text: '시범 운영 단계를 구가 맡기로 함',
      milestones: [{ title: '시범 운영(구)', dueDate: on('06-30'), organisationId: w.gu.org.id }],
    });
    expect(withMilestone.status).toBe(201);
    const [d1] = withMilestone.body.decisions;
    expect(d1).toMatchObject({
      outcome: 'MILESTONES',
      createdBy: w.gu.staff.id,
      milestones: [
        {
          title: '시범 운영(구)',
          dueDate: on('06-30'),
          status: 'PLANNED',
          organisationId: w.gu.org.id,
        },
      ],
      actionItems: [],
    });
    // On the task, shared to the 구, and the plan changed: every agreement reset.
    const taskMilestones = (
      await http.get(`/api/v1/tasks/${w.task.id}/milestones`, { token: w.gu.staff.token })
    ).body;
    expect(taskMilestones.map((x: any) => x.title)).toEqual(['현황 조사(시)', '시범 운영(구)']);
    c = (await http.get(`${C}/${w.c.id}`, { token: w.gu.head.token })).body;
    expect(c.agreementsMissing).toBe(2);
    expect(c.participants.map((p: any) => p.agreement)).toEqual([null, null]);
    expect(
      c.milestones.find((x: any) => x.milestoneId === d1.milestones[0].milestoneId),
    ).toMatchObject({
      organisationId: w.gu.org.id,
    });
    // The 구 completes its new share through the collaboration's route.
    const share = c.milestones.find((x: any) => x.milestoneId === d1.milestones[0].milestoneId);
    const done = await http.post(
      `${C}/${w.c.id}/milestones/${share.milestoneId}/completion`,
      { version: share.version },
      { token: w.gu.head.token },
    );
    expect(done.status).toBe(200);
    const taskHistory = (
      await http.get(`/api/v1/tasks/${w.task.id}/history`, { token: w.si.office.token })
    ).body.map((h: any) => [h.action, h.actorId]);
    expect(taskHistory).toContainEqual(['milestone.add', w.gu.staff.id]);

    // A decision with action items (recorded by the coordinator's liaison).
    const withItems = await decide(w.ministry.office, {
      text: '법령 해석을 요청하기로 함',
      actionItems: [
        { title: '법령 해석 요청 공문', ownerUserId: w.si.staff.id, dueDate: on('04-30') },
      ],
    });
    expect(withItems.status).toBe(201);
    const item = withItems.body.decisions[1].actionItems[0];
    expect(item).toMatchObject({
      title: '법령 해석 요청 공문',
      owner: { id: w.si.staff.id, organisationId: w.si.org.id },
      dueDate: on('04-30'),
      status: 'OPEN',
      completedAt: null,
      allowedActions: ['complete'],
      version: 1,
    });
    // The owner (or the TF lead) marks it done; another participant's reader may not (403).
    const set = (who: Actor, body: Record<string, unknown>) =>
      http.patch(`${tf(w)}/action-items/${item.id}`, body, { token: who.token });
    expect((await set(w.gu.head, { version: 1, status: 'DONE' })).status).toBe(403);
    const closed = await set(w.si.staff, { version: 1, status: 'DONE' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'DONE', completedBy: w.si.staff.id, version: 2 });
    expect(closed.body.completedAt).not.toBeNull();
    expect((await set(w.si.staff, { version: 1, status: 'OPEN' })).status).toBe(409);
    const reopened = await set(w.gu.staff, { version: 2, status: 'OPEN' }); // the TF lead
    expect(reopened.body).toMatchObject({ status: 'OPEN', completedAt: null, version: 3 });
    const items = await http.get(`${tf(w)}/action-items?status=OPEN`, { token: w.gu.head.token });
    expect(items.body.items.map((i: any) => i.id)).toEqual([item.id]);

    expect(await history(w)).toEqual([
      'create',
      'tf.member.add',
      'tf.member.add',
      'tf.member.add',
      'tf.meeting.create',
      'tf.meeting.update',
      'agree',
      'agree',
      'plan.milestones',
      'tf.decision',
      'share.complete',
      'tf.decision',
      'tf.actionItem.done',
      'tf.actionItem.reopen',
    ]);
  });

  it('the reminder engine chases open action items in the owner’s organisation’s run and stops once done', async () => {
    const w = await world();
    await fullTf(w);
    const m = await meeting(w);
    // Owned by the 구's TF lead (the collaboration is the 시's): the 구's run chases them.
    const decided = await http.post(
      `${tf(w)}/meetings/${m.id}/decisions`,
      {
        text: '실행과제 셋',
        actionItems: [
          { title: '경과 실행과제', ownerUserId: w.gu.staff.id, dueDate: OVERDUE },
          { title: '임박 실행과제', ownerUserId: w.gu.staff.id, dueDate: D_3 },
          { title: '당일 실행과제', ownerUserId: w.gu.staff.id, dueDate: T },
        ],
      },
      { token: w.si.office.token },
    );
    expect(decided.status).toBe(201);
    const byTitle = (title: string) =>
      decided.body.decisions[0].actionItems.find((i: any) => i.title === title);
    const [overdue, dueSoon, dueToday] = ['경과 실행과제', '임박 실행과제', '당일 실행과제'].map(
      byTitle,
    );
    expect(overdue).toMatchObject({ overdue: true });

    // The worker runs only here: its scheduled jobs (dashboards, the hourly reminders) would
    // change tables while the other tests check that a refusal changed nothing.
    worker = await createWorker(cfg);
    const runner = worker.get(ReminderRunner);
    // The lead's run owes nothing: the items are not its people's.
    expect(await runner.runReminders(w.si.org.id, T)).toEqual({ notifications: 0, emails: 0 });
    expect(await runner.runReminders(w.gu.org.id, T)).toEqual({ notifications: 3, emails: 1 });
    const { rows } = await factory.db.query<{
      rule: string;
      record_id: string;
      organisation_id: string;
    }>(
      `SELECT rule, record_id, organisation_id FROM notifications WHERE recipient_id = $1 ORDER BY rule`,
      [w.gu.staff.id],
    );
    expect(rows).toEqual([
      { rule: 'tf-action.due-0', record_id: dueToday.id, organisation_id: w.gu.org.id },
      { rule: 'tf-action.due-3', record_id: dueSoon.id, organisation_id: w.gu.org.id },
      { rule: 'tf-action.overdue+4', record_id: overdue.id, organisation_id: w.gu.org.id },
    ]);
    // One digest e-mail to the owner, Korean, naming the items and linking the collaboration.
    const mine = w.gu.staff.email.toLowerCase();
    await sink.waitFor(1, 10_000, (mail) => mail.to.includes(mine));
    const [mail] = sink.toAny([mine]);
    expect(mail.subject).toBe('[Gwaje] 오늘 확인할 일 3건');
    expect(mail.text).toContain(`[협업 TF 실행과제 기한 경과] [${w.task.code}] 경과 실행과제`);
    expect(mail.text).toContain(`[협업 TF 실행과제 기한 임박] [${w.task.code}] 임박 실행과제`);
    expect(mail.text).toContain(`[협업 TF 실행과제 기한 당일] [${w.task.code}] 당일 실행과제`);
    expect(mail.text).toContain(`${PUBLIC_URL}/collaborations/${w.c.id}`);

    // Done: the next business day's run no longer chases it (the others still are).
    const done = await http.patch(
      `${tf(w)}/action-items/${overdue.id}`,
      { version: overdue.version, status: 'DONE' },
      { token: w.gu.staff.token },
    );
    expect(done.status).toBe(200);
    const next = await http.post(
      '/api/v1/notifications/run',
      { date: '2026-11-25', dryRun: true },
      { token: w.gu.office.token },
    );
    expect(next.status).toBe(202);
    const ours = Object.fromEntries(
      Object.entries(next.body.rules as Record<string, number>).filter(
        ([k, n]) => k.startsWith('tf-action.') && n > 0,
      ),
    );
    expect(ours).toEqual({ 'tf-action.overdue': 1 }); // the item due on T, one day late
    await worker.close();
    worker = undefined;
  });

  it('an organisation not taking part gets 404 on every TF route, and so does a stranger of a participant', async () => {
    const w = await world();
    await fullTf(w);
    const m = await meeting(w);
    const decided = await http.post(
      `${tf(w)}/meetings/${m.id}/decisions`,
      {
        text: '실행',
        actionItems: [{ title: '가', ownerUserId: w.gu.staff.id, dueDate: on('04-30') }],
      },
      { token: w.si.office.token },
    );
    const item = decided.body.decisions[0].actionItems[0];
    const routes: Array<[string, string, Record<string, unknown> | null]> = [
      ['GET', tf(w), null],
      ['GET', `${tf(w)}/members`, null],
      ['POST', `${tf(w)}/members`, { userId: w.gu.head.id, role: 'MEMBER' }],
      ['DELETE', `${tf(w)}/members/${w.gu.staff.id}`, null],
      ['GET', `${tf(w)}/meetings`, null],
      ['POST', `${tf(w)}/meetings`, { heldAt: '2026-03-10T14:00:00+09:00', title: '회의' }],
      ['GET', `${tf(w)}/meetings/${m.id}`, null],
      ['PATCH', `${tf(w)}/meetings/${m.id}`, { version: m.version, title: '바꿈' }],
      ['POST', `${tf(w)}/meetings/${m.id}/decisions`, { text: '결정' }],
      ['GET', `${tf(w)}/action-items`, null],
      ['PATCH', `${tf(w)}/action-items/${item.id}`, { version: item.version, status: 'DONE' }],
    ];
    const before = await businessChecksum(factory.db);
    const strangers = [
      w.outsider.office,
      w.outsider.auditor,
      w.outsider.staff,
      w.gu.otherStaff,
      w.ministry.staff,
    ];
    for (const who of strangers) {
      for (const [method, path, body] of routes) {
        const res =
          method === 'GET'
            ? await http.get(path, { token: who.token })
            : method === 'DELETE'
              ? await http.delete(path, { token: who.token })
              : method === 'POST'
                ? await http.post(path, body, { token: who.token })
                : await http.patch(path, body, { token: who.token });
        expect([who.email, method, path, res.status]).toEqual([who.email, method, path, 404]);
      }
    }
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
    // Every participant's reader and the coordinator read them all.
    for (const who of [w.si.auditor, w.gu.head, w.gu.office, w.ministry.auditor]) {
      for (const path of [tf(w), `${tf(w)}/meetings/${m.id}`, `${tf(w)}/action-items`]) {
        expect([who.email, path, (await http.get(path, { token: who.token })).status]).toEqual([
          who.email,
          path,
          200,
        ]);
      }
    }
  });
});
