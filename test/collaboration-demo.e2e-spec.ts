import {
  COLLABORATION_DEMO_USERS,
  CollaborationDemoSeed,
  DEMO_COLLABORATIONS,
  FOCUS_REASON,
  FOCUS_TITLE,
} from '@gwaje/collaboration';
import { ContestsDemoSeed } from '@gwaje/contests';
import { DEMO_PASSWORD, IdentityDemoSeed } from '@gwaje/identity';
import { TasksDemoSeed } from '@gwaje/tasks';
import { login } from './support/factory.js';
import { useDemoDatabase } from './support/demo-database.js';

/**
 * The collaboration demo (issue 21 item 7) with the demos it builds on, in the order setup runs
 * them (identity, tasks, collaborations, …, contests), in a database of this suite's own as the
 * other demo suites do: seeding is global to a database.
 */
describe('demo data: collaboration tasks coordinated by 행정안전부', () => {
  const demo = useDemoDatabase('collaboration_demo');

  const counts = async () =>
    (
      await demo.db.query(
        `SELECT (SELECT count(*) FROM collaboration_tasks)::int AS collaborations,
                (SELECT count(*) FROM collaboration_participants)::int AS participants,
                (SELECT count(*) FROM collaboration_milestone_shares)::int AS shares,
                (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM milestones)::int AS milestones,
                (SELECT count(*) FROM organisations)::int AS organisations,
                (SELECT count(*) FROM departments)::int AS departments,
                (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM history)::int AS history`,
      )
    ).rows[0];
  const tokens = new Map<string, Promise<string>>();
  /** Signs in once per user (with the demo password) and keeps the token. */
  const token = (email: string) => {
    if (!tokens.has(email)) {
      tokens.set(
        email,
        login(demo.api.http, { email, password: DEMO_PASSWORD }).then((s) => s.accessToken),
      );
    }
    return tokens.get(email)!;
  };
  const list = async (email: string, query = '') => {
    const res = await demo.api.http.get(`/api/v1/collaborations${query}`, {
      token: await token(email),
    });
    expect(res.status).toBe(200);
    return res.body as { items: any[]; total: number };
  };

  it('seeds six collaborations of 서울특별시, 노원구 and 한국사회보장정보원 that 행정안전부 coordinates, one of them its focus task; a second run changes nothing', async () => {
    await demo.context.get(IdentityDemoSeed).run();
    await demo.context.get(TasksDemoSeed).run();
    const first = await demo.context.get(CollaborationDemoSeed).run();
    // The contests demo (later in setup) reuses the 행정안전부 this seed made.
    await demo.context.get(ContestsDemoSeed).run();
    expect(first.created).toBeGreaterThan(DEMO_COLLABORATIONS.length);
    const after = await counts();
    expect(after.collaborations).toBe(6);
    // Six leads and ten other participants; every milestone shared out (the stories' and the one
    // the focus task's TF decided).
    expect(after.participants).toBe(6 + 10);
    expect(after.shares).toBe(DEMO_COLLABORATIONS.reduce((n, s) => n + s.milestones.length, 0) + 1);
    const second = await demo.context.get(CollaborationDemoSeed).run();
    expect(second.created).toBe(0);
    expect(await counts()).toEqual(after);
    // The focus task's ids, for the steps that build on it, are the same on every run.
    expect(second.focus).toEqual(first.focus);

    // Organisations are reused by name: one 행정안전부 (this seed's, reused by the contests demo),
    // 서울특별시 and 노원구 (the identity demo's).
    const { rows: orgs } = await demo.db.query(
      `SELECT name, kind, count(*)::int AS n FROM organisations
        WHERE name IN ('행정안전부', '서울특별시', '노원구', '한국사회보장정보원') GROUP BY name, kind ORDER BY name`,
    );
    expect(orgs).toEqual([
      { name: '노원구', kind: 'LOCAL', n: 1 },
      { name: '서울특별시', kind: 'METROPOLITAN', n: 1 },
      { name: '한국사회보장정보원', kind: 'PUBLIC_INSTITUTION', n: 1 },
      { name: '행정안전부', kind: 'CENTRAL_AGENCY', n: 1 },
    ]);

    // Every new demo user signs in with the demo password.
    const signedIn = await Promise.all(COLLABORATION_DEMO_USERS.map((u) => token(u.email)));
    expect(signedIn).toEqual(COLLABORATION_DEMO_USERS.map(() => expect.any(String)));

    // 행정안전부's office sees all six through the API, across the three lead organisations.
    const mois = 'office@mois.demo.gwaje.kr';
    const coordinated = await list(mois, '?coordinated=true');
    expect(coordinated.total).toBe(6);
    expect(coordinated.items.map((c) => c.task.title).sort()).toEqual(
      DEMO_COLLABORATIONS.map((s) => s.title).sort(),
    );
    const leads = coordinated.items.map((c) => c.leadOrganisation.name);
    expect(leads.filter((n) => n === '서울특별시')).toHaveLength(2);
    expect(leads.filter((n) => n === '노원구')).toHaveLength(2);
    expect(leads.filter((n) => n === '한국사회보장정보원')).toHaveLength(2);
    expect(new Set(coordinated.items.map((c) => c.coordinatorOrganisation.name))).toEqual(
      new Set(['행정안전부']),
    );
    expect(
      coordinated.items.every(
        (c) => c.task.status === 'IN_PROGRESS' || c.task.status === 'SELECTED',
      ),
    ).toBe(true);
    // Some participants agreed, not all.
    const missing = coordinated.items.map((c) => c.agreementsMissing);
    expect(missing.some((n) => n === 0)).toBe(true);
    expect(missing.some((n) => n > 0)).toBe(true);

    // Exactly one 중점 협업과제, designated by 행정안전부 with the reason.
    const focus = await list(mois, '?focus=true');
    expect(focus.items.map((c) => c.task.title)).toEqual([FOCUS_TITLE]);
    expect(focus.items[0].id).toBe(first.focus.collaborationId);
    expect(focus.items[0].task.id).toBe(first.focus.taskId);
    const detail = (
      await demo.api.http.get(`/api/v1/collaborations/${first.focus.collaborationId}`, {
        token: await token(mois),
      })
    ).body;
    expect(detail.focusDesignation).toMatchObject({
      by: first.focus.coordinator.officeUserId,
      reason: FOCUS_REASON,
    });
    expect(detail.allowedActions).toContain('designateFocus');
    expect(
      detail.participants.map((p: any) => [
        p.organisationName,
        p.role,
        p.departmentName,
        p.contactName,
        !!p.agreement,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['노원구', 'LEAD', '복지정책과', '이서연', true],
        ['서울특별시', 'PARTICIPANT', '복지정책과', '임채원', true],
        ['한국사회보장정보원', 'PARTICIPANT', '복지정보부', '유다인', true],
      ]),
    );
    expect(detail.participants).toHaveLength(3);
    // Every milestone is shared out to a participant; two are done. Five are the story's, the sixth
    // came from the TF's decision (for 서울특별시), after which all three agreed again.
    expect(detail.milestones).toHaveLength(6);
    expect(detail.milestones.every((m: any) => m.organisationId)).toBe(true);
    expect(detail.milestones.filter((m: any) => m.status === 'DONE')).toHaveLength(2);
    const decided = detail.milestones.filter(
      (m: any) => !first.focus.milestoneIds.includes(m.milestoneId),
    );
    const seoulId = first.focus.participants.find(
      (p) => p.organisationName === '서울특별시',
    )!.organisationId;
    expect(decided.map((m: any) => [m.title, m.organisationId])).toEqual([
      ['돌봄 연계 결과 월별 공유 체계 구축', seoulId],
    ]);
    expect(detail.agreementsMissing).toBe(0);

    // Its TF: a lead, a member of each other participant, 행정안전부's liaison; one meeting whose
    // decisions made that milestone and an action item for 한국사회보장정보원.
    const tfGet = async (path: string) =>
      (
        await demo.api.http.get(`/api/v1/collaborations/${first.focus.collaborationId}/tf${path}`, {
          token: await token(mois),
        })
      ).body;
    const tf = await tfGet('');
    expect(tf.members.map((m: any) => [m.organisationName, m.role]).sort()).toEqual(
      [
        ['노원구', 'LEAD'],
        ['서울특별시', 'MEMBER'],
        ['한국사회보장정보원', 'MEMBER'],
        ['행정안전부', 'LIAISON'],
      ].sort(),
    );
    expect(detail.tf).toMatchObject({ required: true, incomplete: false, membersCount: 4 });
    const meetings = await tfGet('/meetings');
    expect(meetings.items).toHaveLength(1);
    const meeting = await tfGet(`/meetings/${meetings.items[0].id}`);
    expect(meeting.decisions.map((d: any) => d.outcome).sort()).toEqual([
      'ACTION_ITEMS',
      'MILESTONES',
    ]);
    // Its 협업SOS: 서울특별시's question to 한국사회보장정보원, past its answer date, and 노원구's
    // 협업정원 request to 행정안전부, not decided yet.
    const sos = (
      await demo.api.http.get(`/api/v1/collaborations/${first.focus.collaborationId}/sos`, {
        token: await token(mois),
      })
    ).body;
    expect(
      sos.map((x: any) => [x.needKind, x.status, x.overdue, x.blockingOrganisation?.name]).sort(),
    ).toEqual(
      [
        ['RULE_INTERPRETATION', 'OPEN', true, '한국사회보장정보원'],
        ['STAFF', 'OPEN', false, '행정안전부'],
      ].sort(),
    );
    expect(detail.openSos.count).toBe(2);
    const items = await tfGet('/action-items');
    expect(items.items.map((a: any) => [a.title, a.owner.name, a.status])).toEqual([
      ['위기정보 연계 항목 확대안 제출', '유다인', 'OPEN'],
    ]);
    const ids = first.focus.participants.map((p) => [p.organisationName, p.role, p.contactEmail]);
    expect(ids[0]).toEqual(['노원구', 'LEAD', 'head@nowon.demo.gwaje.kr']);
    expect(ids.slice(1)).toEqual(
      expect.arrayContaining([
        ['서울특별시', 'PARTICIPANT', 'welfare@seoul.demo.gwaje.kr'],
        ['한국사회보장정보원', 'PARTICIPANT', 'data@ssis.demo.gwaje.kr'],
      ]),
    );
    expect(ids).toHaveLength(3);
    // Entered through the services: the history names who did what.
    const history = (
      await demo.api.http.get(`/api/v1/collaborations/${first.focus.collaborationId}/history`, {
        token: await token(mois),
      })
    ).body;
    const actions = history.map((h: any) => h.action);
    for (const a of [
      'create',
      'shares.replace',
      'agree',
      'share.complete',
      'focus.designate',
      'tf.member.add',
      'tf.meeting.create',
      'tf.decision',
    ])
      expect(actions).toContain(a);

    // Participants' people see their collaborations, and no other: 서울특별시 복지정책과's head sees
    // the two its department takes part in; 노원구's demo STAFF (복지정책과) the two of 노원구 복지정책과.
    const seoulWelfare = await list('welfare@seoul.demo.gwaje.kr');
    expect(seoulWelfare.items.map((c) => c.task.title).sort()).toEqual(
      [FOCUS_TITLE, '복지 사각지대 위기가구 발굴 데이터 연계'].sort(),
    );
    const nowonStaff = await list('staff@nowon.demo.gwaje.kr');
    expect(nowonStaff.items.map((c) => c.task.title).sort()).toEqual(
      [FOCUS_TITLE, '복지 사각지대 위기가구 발굴 데이터 연계'].sort(),
    );
    // 노원구's office reads every collaboration 노원구 takes part in (all six).
    expect((await list('office@nowon.demo.gwaje.kr')).total).toBe(6);
    // An organisation outside them (고용노동부, of the contests demo) sees none, and the focus task is a 404.
    const moel = await token('office@moel.demo.gwaje.kr');
    expect((await list('office@moel.demo.gwaje.kr')).total).toBe(0);
    expect(
      (
        await demo.api.http.get(`/api/v1/collaborations/${first.focus.collaborationId}`, {
          token: moel,
        })
      ).status,
    ).toBe(404);
  });
});
