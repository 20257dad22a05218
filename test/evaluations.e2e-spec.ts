import { useTestApi } from './support/app.js';
import {
  type Actor,
  actor,
  aggregate,
  confirm,
  createRound,
  evaluationWorld,
  expectStatus,
  getNomination,
  nominate,
  parseCsv,
  putScores,
  readWorkbook,
  roundBody,
  roundInScoring,
  score,
  setMembers,
  sheet,
  verify,
} from './support/evaluations.js';
import { createTask, seoulToday, taskInState } from './support/tasks.js';
import {
  addItem,
  approveCriteria,
  castVote,
  heldMeeting,
  resolveItem,
} from './support/committee.js';

// Year-end evaluation (연말 성과 평가, DOMAIN.md §5): rounds and their rules, nominations and their
// verification, the committee's sheets and conflicts, aggregation into final scores, ranks and
// grades, the resolution that confirms them, who sees what when, incentives and the exports.
// Every test builds its own organisation (so rounds of the same year and kind never collide), and
// the expected numbers are worked out by hand in the comments, not taken from the product.
// Default rules (config/default.yaml): criteria 국민체감도 40 · 적극성 20 · 창의성·전문성 20 ·
// 난이도 10 · 확산가능성 10; grades 최우수 TOP ×1, 우수 EXCELLENT ×2, 장려 ENCOURAGEMENT ×3, 노력 EFFORT
// (the rest); highest and lowest totals dropped from 5 members; incentives min 1, max 1, 2 for one
// who owned (주담당자) a SELECTED, IN_PROGRESS or COMPLETED priority task of the round's year when
// nominated.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('year-end evaluation (연말 성과 평가)', () => {
  const { http, factory } = useTestApi();

  const results = (n: any) => n.results;
  const round = (who: Actor, id: string) =>
    http.get(`/api/v1/evaluation-rounds/${id}`, { token: who.token });
  const list = (who: Actor, roundId: string) =>
    http.get(`/api/v1/evaluation-rounds/${roundId}/nominations`, { token: who.token });
  const progress = async (who: Actor, roundId: string) =>
    expectStatus(
      await http.get(`/api/v1/evaluation-rounds/${roundId}/progress`, { token: who.token }),
      200,
      'progress',
    );

  // ── 1. Worked example ────────────────────────────────────────────────────────────────────────

  it('aggregates a worked example: trimmed means of 5 members, ranks and grades per type, a tie broken by 국민체감도', async () => {
    const w = await evaluationWorld(http, factory, { staff: 4, members: 5 });
    const [m1, m2, m3, m4, m5] = w.members;
    // B is submitted before C, so only 국민체감도 (not the earlier submission) can put C first.
    const {
      round: r,
      nominations: [a, b, c, f],
    } = await roundInScoring(http, w, [
      {
        by: w.head,
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        title: 'A 통학로 안전 개선',
        nomineeUserIds: [w.staff[0].id],
      },
      {
        by: w.head,
        type: 'OFFICIAL',
        source: 'DEPARTMENT',
        title: 'B 민원 처리 기간 단축',
        nomineeUserIds: [w.staff[1].id],
      },
      {
        by: w.staff[2],
        type: 'OFFICIAL',
        source: 'SELF',
        title: 'C 전통시장 주차 개선',
        nomineeUserIds: [w.staff[2].id],
      },
      {
        by: w.head,
        type: 'FAILURE_CASE',
        source: 'DEPARTMENT',
        title: 'F 스마트 가로등 시범 사업',
        nomineeUserIds: [w.staff[3].id],
      },
    ]);
    expect(r.status).toBe('SCORING');

    // Each member's sheet: [국민체감도, 적극성, 창의성·전문성, 난이도, 확산가능성] = total.
    const sheets: Array<[any, Actor, ReturnType<typeof sheet>]> = [
      // A: 90, 86, 80, 70, 95 → drop 95 and 70 → (90 + 86 + 80) / 3 = 256 / 3 = 85.333… → 85.33
      //    (the plain mean would be 421 / 5 = 84.2)
      [a, m1, sheet(36, 18, 18, 9, 9)], // 90
      [a, m2, sheet(34, 18, 17, 9, 8)], // 86
      [a, m3, sheet(32, 16, 16, 8, 8)], // 80
      [a, m4, sheet(28, 14, 14, 7, 7)], // 70
      [a, m5, sheet(38, 19, 19, 10, 9)], // 95
      // B: 80, 75, 70, 60, 90 → drop 90 and 60 → (80 + 75 + 70) / 3 = 225 / 3 = 75.00
      //    국민체감도 mean (30 + 28 + 26 + 22 + 34) / 5 = 140 / 5 = 28
      [b, m1, sheet(30, 18, 16, 8, 8)], // 80
      [b, m2, sheet(28, 17, 15, 8, 7)], // 75
      [b, m3, sheet(26, 16, 14, 7, 7)], // 70
      [b, m4, sheet(22, 14, 12, 6, 6)], // 60
      [b, m5, sheet(34, 20, 18, 9, 9)], // 90
      // C: 78, 76, 71, 50, 99 → drop 99 and 50 → (78 + 76 + 71) / 3 = 225 / 3 = 75.00 (tie with B)
      //    국민체감도 mean (34 + 33 + 31 + 24 + 40) / 5 = 162 / 5 = 32.4 > 28 → C before B
      //    (the plain means, 75 for B and 374 / 5 = 74.8 for C, would have put B first)
      [c, m1, sheet(34, 16, 14, 7, 7)], // 78
      [c, m2, sheet(33, 16, 14, 7, 6)], // 76
      [c, m3, sheet(31, 14, 13, 7, 6)], // 71
      [c, m4, sheet(24, 10, 8, 4, 4)], // 50
      [c, m5, sheet(40, 20, 20, 10, 9)], // 99
      // F: 62, 65, 55, 70, 40 → drop 70 and 40 → (62 + 65 + 55) / 3 = 182 / 3 = 60.666… → 60.67
      [f, m1, sheet(24.5, 12.5, 13, 6, 6)], // 62
      [f, m2, sheet(26, 13, 13, 7, 6)], // 65
      [f, m3, sheet(22, 11, 11, 6, 5)], // 55
      [f, m4, sheet(28, 14, 14, 7, 7)], // 70
      [f, m5, sheet(16, 8, 8, 4, 4)], // 40
    ];
    for (const [n, member, s] of sheets) {
      const scored = await score(http, member, n.id, s);
      expect(scored).toMatchObject({
        id: n.id,
        status: 'SCORED',
        myScored: true,
        myConflict: false,
      });
    }

    // The office sees every sheet with its total (ordered by member name: 위원가 … 위원마 = m1 … m5);
    // nothing is ranked before aggregation.
    const beforeAggregate = expectStatus(await getNomination(http, w.office, a.id), 200, 'get A');
    expect(beforeAggregate.sheets.map((s: any) => [s.memberId, s.total])).toEqual([
      [m1.id, 90],
      [m2.id, 86],
      [m3.id, 80],
      [m4.id, 70],
      [m5.id, 95],
    ]);
    expect(beforeAggregate.sheets[0].scores).toEqual(sheet(36, 18, 18, 9, 9));
    expect(beforeAggregate.results).toEqual({
      finalScore: null,
      rank: null,
      grade: null,
      gradeLabel: null,
    });
    const fSheet = expectStatus(await getNomination(http, w.office, f.id), 200, 'get F').sheets;
    expect(fSheet.find((s: any) => s.memberId === m1.id).total).toBe(62); // 24.5 + 12.5 + 13 + 6 + 6

    expect(await aggregate(http, w.office, r.id)).toEqual({ graded: 4 });
    // Aggregation recomputes from the sheets: a second run gives the same.
    expect(await aggregate(http, w.office, r.id)).toEqual({ graded: 4 });

    // Listed by type, then rank: FAILURE_CASE is ranked on its own (rank 1, 최우수).
    const listed = expectStatus(await list(w.office, r.id), 200, 'list');
    expect(listed.map((n: any) => [n.id, n.type, n.status, results(n)])).toEqual([
      [
        f.id,
        'FAILURE_CASE',
        'GRADED',
        { finalScore: 60.67, rank: 1, grade: 'TOP', gradeLabel: '최우수' },
      ],
      [
        a.id,
        'OFFICIAL',
        'GRADED',
        { finalScore: 85.33, rank: 1, grade: 'TOP', gradeLabel: '최우수' },
      ],
      [
        c.id,
        'OFFICIAL',
        'GRADED',
        { finalScore: 75, rank: 2, grade: 'EXCELLENT', gradeLabel: '우수' },
      ],
      [
        b.id,
        'OFFICIAL',
        'GRADED',
        { finalScore: 75, rank: 3, grade: 'EXCELLENT', gradeLabel: '우수' },
      ],
    ]);
    // ?type= narrows the list.
    const failures = expectStatus(
      await http.get(`/api/v1/evaluation-rounds/${r.id}/nominations?type=FAILURE_CASE`, {
        token: w.office.token,
      }),
      200,
      'list failures',
    );
    expect(failures.map((n: any) => n.id)).toEqual([f.id]);
  });

  // ── 2. Conflicts and trimming ────────────────────────────────────────────────────────────────

  it('drops no score when only 4 members scored (one recused); a conflicted member can neither score nor see the scores', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 5 });
    const [m1, m2, m3, m4, m5] = w.members;
    const {
      round: r,
      nominations: [n, other],
    } = await roundInScoring(http, w, [
      { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [w.staff[0].id] },
      { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [w.staff[1].id] },
    ]);

    // 5 members × 2 nominations = 10 sheets owed.
    const start = await progress(w.office, r.id);
    expect(start).toMatchObject({
      roundId: r.id,
      status: 'SCORING',
      sheetsOwed: 10,
      sheetsScored: 0,
      completion: 0,
    });
    expect(start.members).toHaveLength(5);

    // m5 scores N (100) and then declares a conflict: the earlier sheet no longer counts.
    await score(http, m5, n.id, sheet(40, 20, 20, 10, 10));
    const declared = await http.post(
      `/api/v1/nominations/${n.id}/conflicts`,
      { reason: '후보자와 같은 팀에서 근무한 적이 있음' },
      { token: m5.token },
    );
    expect(declared.status).toBe(200);
    expect(declared.body).toMatchObject({
      myConflict: true,
      myScored: false,
      sheets: null,
      results: null,
    });
    const blocked = await putScores(http, m5, n.id, sheet(30, 15, 15, 8, 8));
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('CONFLICT_OF_INTEREST');

    // The other four: 90, 70, 65, 60.
    await score(http, m1, n.id, sheet(36, 18, 18, 9, 9)); // 90
    await score(http, m2, n.id, sheet(28, 14, 14, 7, 7)); // 70
    await score(http, m3, n.id, sheet(26, 13, 13, 7, 6)); // 65
    await score(http, m4, n.id, sheet(24, 12, 12, 6, 6)); // 60

    const asConflicted = expectStatus(await getNomination(http, m5, n.id), 200, 'm5 reads N');
    expect(asConflicted).toMatchObject({
      myConflict: true,
      myScored: false,
      sheets: null,
      results: null,
    });
    // A member without a conflict sees the four sheets (m5's withdrawn one is gone).
    const asMember = expectStatus(await getNomination(http, m1, n.id), 200, 'm1 reads N');
    expect(asMember.sheets.map((s: any) => s.memberId)).toEqual([m1.id, m2.id, m3.id, m4.id]);
    expect(asMember.myConflict).toBe(false);
    expect(asMember.results).not.toBeNull();

    // Owed: m5 now owes only the other nomination → 4 × 2 + 1 = 9; given: 4 (N by m1–m4);
    // completion 4 / 9 = 44.44…% → 44.4.
    const after = await progress(w.office, r.id);
    expect(after).toMatchObject({ sheetsOwed: 9, sheetsScored: 4, completion: 44.4 });
    const byMember = Object.fromEntries(after.members.map((m: any) => [m.memberId, m]));
    expect(byMember[m5.id]).toMatchObject({ owed: 1, scored: 0, conflicts: 1 });
    expect(byMember[m1.id]).toMatchObject({ owed: 2, scored: 1, conflicts: 0 });

    // Only the scored nomination is graded.
    expect(await aggregate(http, w.office, r.id)).toEqual({ graded: 1 });
    // 4 members scored (< 5): plain mean (90 + 70 + 65 + 60) / 4 = 285 / 4 = 71.25.
    // (Trimmed it would be (70 + 65) / 2 = 67.5; counting m5's withdrawn 100 it would be
    // (90 + 70 + 65) / 3 = 75.)
    const graded = expectStatus(await getNomination(http, w.office, n.id), 200, 'office reads N');
    expect(graded.results).toEqual({
      finalScore: 71.25,
      rank: 1,
      grade: 'TOP',
      gradeLabel: '최우수',
    });
    expect(graded.sheets).toHaveLength(4);
    // Still hidden from the conflicted member (graded, not confirmed).
    const stillHidden = expectStatus(await getNomination(http, m5, n.id), 200, 'm5 reads N');
    expect(stillHidden).toMatchObject({ status: 'GRADED', sheets: null, results: null });
    // The unscored nomination stays VERIFIED and unranked.
    const unscored = expectStatus(await getNomination(http, w.office, other.id), 200, 'other');
    expect(unscored.status).toBe('VERIFIED');
    expect(unscored.results).toEqual({
      finalScore: null,
      rank: null,
      grade: null,
      gradeLabel: null,
    });
  });

  // ── 2b. 제척 (automatic disqualification) ──────────────────────────────────────────────────

  it('disqualifies a member who is the nominee, in the nominated team or department, or the nominator: no score (409), not owed', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 1 });
    const [m1] = w.members;
    const [s0, s1] = w.staff;
    // A committee member working in the nominees' department, and one heading another department.
    const insider = await actor(http, factory, w.dept, ['STAFF', 'COMMITTEE'], '위원내부');
    const otherHead = await actor(
      http,
      factory,
      w.otherDept,
      ['DEPT_HEAD', 'COMMITTEE'],
      '위원타과',
    );
    // Both sit on the standing committee (a round's scorers must), neither as chair.
    for (const m of [insider, otherHead]) {
      expectStatus(
        await http.post(
          '/api/v1/committee/members',
          { userId: m.id, termStart: '2025-01-01', chair: false, civilian: false },
          { token: w.office.token },
        ),
        201,
        `seat ${m.name}`,
      );
    }
    const {
      round: r,
      nominations: [self, team, dept, byOtherHead, plain],
    } = await roundInScoring(
      http,
      // The whole committee (three seated) passes the criteria.
      { ...w, members: [m1, insider, otherHead] },
      [
        // insider is the nominee
        { by: insider, type: 'OFFICIAL', source: 'SELF', nomineeUserIds: [insider.id] },
        // insider is in the team
        { by: w.head, type: 'TEAM', source: 'DEPARTMENT', nomineeUserIds: [s0.id, insider.id] },
        // insider's department is nominated
        { by: w.head, type: 'DEPARTMENT', source: 'DEPARTMENT', nomineeDepartmentIds: [w.dept.id] },
        // otherHead nominated it
        { by: otherHead, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [w.outsider.id] },
        // nobody is disqualified (an OFFICIAL nomination names no department)
        { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [s1.id] },
      ],
      {
        members: [m1, insider, otherHead],
        // Scoring due on Friday 2026-11-27: the D-1 reminder goes out on Thursday the 26th.
        round: {
          year: 2026,
          nominationsOpen: '2026-11-01',
          nominationsClose: '2026-11-10',
          scoringDue: '2026-11-27',
          resolutionDate: '2026-12-12',
        },
      },
    );

    const refused = async (who: Actor, n: any, reason: string) => {
      const res = await putScores(http, who, n.id, sheet(30, 15, 15, 8, 8));
      expect([res.status, res.body.code, res.body.reason]).toEqual([
        409,
        'MEMBER_DISQUALIFIED',
        reason,
      ]);
      expect(res.body.allowedActions).not.toContain('score');
    };
    await refused(insider, self, 'NOMINEE');
    await refused(insider, team, 'TEAM_MEMBER');
    await refused(insider, dept, 'DEPARTMENT');
    await refused(otherHead, byOtherHead, 'NOMINATOR');

    // The nomination read shows it: to the member, and to the office with every disqualified member.
    const asInsider = expectStatus(await getNomination(http, insider, team.id), 200, 'insider');
    expect(asInsider).toMatchObject({ myDisqualification: 'TEAM_MEMBER', myScored: false });
    expect(asInsider.allowedActions).toEqual(['declareConflict']);
    const asM1 = expectStatus(await getNomination(http, m1, team.id), 200, 'm1');
    expect(asM1).toMatchObject({ myDisqualification: null });
    expect(asM1.allowedActions).toEqual(['declareConflict', 'score']);
    const asOffice = expectStatus(await getNomination(http, w.office, self.id), 200, 'office');
    expect(asOffice.disqualifiedMembers).toEqual([{ memberId: insider.id, role: 'NOMINEE' }]);
    const plainView = expectStatus(await getNomination(http, w.office, plain.id), 200, 'plain');
    expect(plainView.disqualifiedMembers).toEqual([]);

    // Owed: m1 all 5; insider only byOtherHead and plain (2, disqualified from 3); otherHead all
    // but its own (4, disqualified from 1) → 11 sheets owed.
    const p = await progress(w.office, r.id);
    expect(p.sheetsOwed).toBe(11);
    const byMember = Object.fromEntries(p.members.map((m: any) => [m.memberId, m]));
    expect(byMember[m1.id]).toMatchObject({ owed: 5, disqualified: 0 });
    expect(byMember[insider.id]).toMatchObject({ owed: 2, disqualified: 3 });
    expect(byMember[otherHead.id]).toMatchObject({ owed: 4, disqualified: 1 });

    // The others score; the disqualified member's absence is not counted: the team's final score
    // is the mean of m1's 90 and otherHead's 70 = 80.
    await score(http, m1, team.id, sheet(36, 18, 18, 9, 9)); // 90
    await score(http, otherHead, team.id, sheet(28, 14, 14, 7, 7)); // 70
    await score(http, insider, plain.id, sheet(28, 14, 14, 7, 7));
    await aggregate(http, w.office, r.id);
    const graded = expectStatus(await getNomination(http, w.office, team.id), 200, 'team');
    expect(graded.results.finalScore).toBe(80);
    expect(graded.sheets.map((x: any) => x.memberId).sort()).toEqual([m1.id, otherHead.id].sort());
    // Self-declared recusal (회피) still works alongside.
    const declared = await http.post(
      `/api/v1/nominations/${plain.id}/conflicts`,
      { reason: '후보자와 친족 관계' },
      { token: m1.token },
    );
    expect(declared.status).toBe(200);
    // "Scoring due" reminders: once insider has scored all it may score, it owes nothing more (the
    // three it is disqualified from do not count), so only m1 and otherHead are reminded.
    await score(http, insider, byOtherHead.id, sheet(28, 14, 14, 7, 7));
    const dry = await http.post(
      '/api/v1/notifications/run',
      { date: '2026-11-26', dryRun: true },
      { token: w.office.token },
    );
    expect(dry.status).toBe(202);
    expect(dry.body).toMatchObject({ rules: { 'scoring.due-1': 2 }, recipients: 2 });
  });

  // ── 3. Quorum ────────────────────────────────────────────────────────────────────────────────

  it('resolves results only through the committee: no quorum changes nothing, a failed vote is REJECTED, a passed item confirms', async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 5 });
    const [m1, m2, m3, m4, m5] = w.members;
    const {
      round: r,
      nominations: [n],
    } = await roundInScoring(http, w, [
      { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [w.staff[0].id] },
    ]);
    await score(http, m1, n.id, sheet(36, 18, 18, 9, 9));
    expect(await aggregate(http, w.office, r.id)).toEqual({ graded: 1 });

    const unchanged = async () => {
      const now = expectStatus(await round(w.office, r.id), 200, 'round');
      expect(now).toMatchObject({ status: 'SCORING', resolution: null });
      const nom = expectStatus(await getNomination(http, w.office, n.id), 200, 'nomination');
      expect(nom.status).toBe('GRADED');
      // The nominee still sees no result.
      const mine = expectStatus(await getNomination(http, w.staff[0], n.id), 200, 'nominee');
      expect(mine.results).toBeNull();
    };

    // The results are resolved only by the standing committee (5 seated: w.members), as an
    // EVALUATION_RESULTS agenda item; 재적 = the members sitting on the meeting date.
    const vote = async (member: Actor, itemId: string, v: string) =>
      expectStatus(await castVote(http, member, itemId, v), 200, `vote by ${member.name}`);
    const item = async (itemId: string) =>
      expectStatus(
        await http.get(`/api/v1/committee/agenda-items/${itemId}`, { token: w.office.token }),
        200,
        'item',
      );
    const withdraw = async (itemId: string) =>
      expectStatus(
        await http.post(
          `/api/v1/committee/agenda-items/${itemId}/withdrawal`,
          { version: (await item(itemId)).version, reason: '정족수 미달로 다음 회의에 재상정' },
          { token: w.office.token },
        ),
        200,
        'withdraw',
      );

    // 2 of 5 present: 2 is not more than half of 5. Both vote for; no quorum, nothing changes.
    const thin = await heldMeeting(http, w.office, [m1, m2]);
    const first = await addItem(http, w.office, thin.id, 'EVALUATION_RESULTS', r.id);
    await vote(m1, first.id, 'FOR');
    await vote(m2, first.id, 'FOR');
    const noQuorum = await resolveItem(http, w.office, first.id);
    expect(noQuorum.status).toBe(409);
    // A rule refusal has its own code and says what the rule needed.
    expect(noQuorum.body).toMatchObject({
      code: 'QUORUM_NOT_MET',
      members: 5,
      present: 2,
      required: 3,
      details: [],
    });
    expect(noQuorum.body.message).toContain('재적 위원 5명 중 3명 이상');
    expect(await item(first.id)).toMatchObject({ status: 'OPEN', outcome: null });
    await unchanged();
    await withdraw(first.id);

    // 3 of 5 attend, but one of them steps aside (회피): an excluded member is not present.
    const stepAside = await heldMeeting(http, w.office, [m1, m2, m3]);
    const second = await addItem(http, w.office, stepAside.id, 'EVALUATION_RESULTS', r.id);
    expectStatus(
      await http.post(
        `/api/v1/committee/agenda-items/${second.id}/recusal`,
        { reason: '후보자와 같은 팀에서 근무함' },
        { token: m3.token },
      ),
      201,
      'recusal',
    );
    await vote(m1, second.id, 'FOR');
    await vote(m2, second.id, 'FOR');
    const excludedNotPresent = await resolveItem(http, w.office, second.id);
    expect(excludedNotPresent.body).toMatchObject({
      code: 'QUORUM_NOT_MET',
      members: 5,
      present: 2,
      required: 3,
    });
    await unchanged();
    await withdraw(second.id);

    // 3 of 5 present (a quorum), but 1 for and 2 against: the item is REJECTED (recorded), the
    // round stays in scoring.
    const three = await heldMeeting(http, w.office, [m1, m2, m3]);
    const third = await addItem(http, w.office, three.id, 'EVALUATION_RESULTS', r.id);
    await vote(m1, third.id, 'FOR');
    await vote(m2, third.id, 'AGAINST');
    await vote(m3, third.id, 'AGAINST');
    expect(expectStatus(await resolveItem(http, w.office, third.id), 200, 'resolve')).toMatchObject(
      {
        status: 'DECIDED',
        outcome: 'REJECTED',
        resolution: { members: 5, votesFor: 1, votesAgainst: 2 },
      },
    );
    await unchanged();

    // All 5 present, 2 for, 1 against, 2 abstaining: more for than against, but not a majority of
    // those present (출석위원 과반수의 찬성: 2 × 2 > 5 fails), so the statute rejects it.
    const full = await heldMeeting(http, w.office, [m1, m2, m3, m4, m5]);
    const abstained = await addItem(http, w.office, full.id, 'EVALUATION_RESULTS', r.id);
    await vote(m1, abstained.id, 'FOR');
    await vote(m2, abstained.id, 'FOR');
    await vote(m3, abstained.id, 'AGAINST');
    await vote(m4, abstained.id, 'ABSTAIN');
    await vote(m5, abstained.id, 'ABSTAIN');
    expect(
      expectStatus(await resolveItem(http, w.office, abstained.id), 200, 'resolve'),
    ).toMatchObject({
      outcome: 'REJECTED',
      resolution: { members: 5, votesFor: 2, votesAgainst: 1, votesAbstain: 2 },
    });
    await unchanged();
    // Tied votes do not pass either (a member who does not vote counts against).
    const tied = await addItem(http, w.office, full.id, 'EVALUATION_RESULTS', r.id);
    await vote(m1, tied.id, 'FOR');
    await vote(m2, tied.id, 'FOR');
    await vote(m3, tied.id, 'AGAINST');
    await vote(m4, tied.id, 'AGAINST');
    expect((await resolveItem(http, w.office, tied.id)).body.outcome).toBe('REJECTED');
    await unchanged();

    // 3 for, 1 against, 1 abstaining of 5 present: 3 × 2 > 5, passed; the round is confirmed
    // with the committee's resolution.
    const passing = await addItem(http, w.office, full.id, 'EVALUATION_RESULTS', r.id);
    await vote(m1, passing.id, 'FOR');
    await vote(m2, passing.id, 'FOR');
    await vote(m3, passing.id, 'FOR');
    await vote(m4, passing.id, 'AGAINST');
    await vote(m5, passing.id, 'ABSTAIN');
    expect(
      expectStatus(await resolveItem(http, w.office, passing.id), 200, 'resolve'),
    ).toMatchObject({ outcome: 'PASSED', resolution: { votesFor: 3, votesAgainst: 1 } });
    const passed = expectStatus(await round(w.office, r.id), 200, 'round');
    expect(passed.status).toBe('CONFIRMED');
    expect(passed.resolution).toMatchObject({
      meetingDate: full.meetingDate,
      votesFor: 3,
      votesAgainst: 1,
      agendaItemId: passing.id,
    });
    expect([...passed.resolution.presentMemberIds].sort()).toEqual(
      [m1.id, m2.id, m3.id, m4.id, m5.id].sort(),
    );
    const confirmed = expectStatus(await getNomination(http, w.office, n.id), 200, 'nomination');
    expect(confirmed.status).toBe('CONFIRMED');
    // A confirmed round is not resolved again: its results cannot go before the committee.
    const again = await http.post(
      `/api/v1/committee/meetings/${full.id}/agenda-items`,
      { subjectKind: 'EVALUATION_RESULTS', subjectId: r.id },
      { token: w.office.token },
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'evaluationRound',
      currentStatus: 'CONFIRMED',
    });
    // Nor does the round offer a resolution of its own: what may be done now is granting.
    const aggregateAgain = await http.post(
      `/api/v1/evaluation-rounds/${r.id}/aggregate`,
      undefined,
      {
        token: w.office.token,
      },
    );
    expect(aggregateAgain.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentStatus: 'CONFIRMED',
      allowedActions: ['grant'],
    });
    // The route the committee replaced is gone.
    const oldRoute = await http.post(
      `/api/v1/evaluation-rounds/${r.id}/resolution`,
      {
        meetingDate: `${r.resolutionDate}`,
        presentMemberIds: [m1.id],
        votesFor: 1,
        votesAgainst: 0,
      },
      { token: w.office.token },
    );
    expect(oldRoute.status).toBe(404);
  });

  // ── 4. Visibility ────────────────────────────────────────────────────────────────────────────

  it('shows results to nominees only once confirmed, sheets never; others read only confirmed nominations; ADMIN nothing', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 3 });
    const [nominee, colleague] = w.staff;
    const [m1, m2, nonMember] = w.members;
    const {
      round: r,
      nominations: [n, x],
    } = await roundInScoring(
      http,
      w,
      [
        { by: w.head, type: 'OFFICIAL', source: 'DEPARTMENT', nomineeUserIds: [nominee.id] },
        { by: colleague, type: 'OFFICIAL', source: 'SELF', nomineeUserIds: [colleague.id] },
      ],
      { members: [m1, m2], exclude: [1] },
    );
    await score(http, m1, n.id, sheet(36, 18, 18, 9, 9)); // 90
    await aggregate(http, w.office, r.id);
    const full = { finalScore: 90, rank: 1, grade: 'TOP', gradeLabel: '최우수' };

    // Graded, not confirmed.
    for (const who of [nominee, w.head]) {
      const res = await getNomination(http, who, n.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: n.id, status: 'GRADED', results: null, sheets: null });
    }
    for (const who of [colleague, w.outsider, nonMember, w.admin])
      expect((await getNomination(http, who, n.id)).status).toBe(404);
    for (const who of [w.office, w.auditor, m1]) {
      const res = expectStatus(await getNomination(http, who, n.id), 200, 'full view');
      expect(res.results).toEqual(full);
      expect(res.sheets).toHaveLength(1);
    }
    expect(expectStatus(await list(w.outsider, r.id), 200, 'outsider list')).toEqual([]);
    expect(
      expectStatus(await list(nominee, r.id), 200, 'nominee list').map((v: any) => [
        v.id,
        v.results,
        v.sheets,
      ]),
    ).toEqual([[n.id, null, null]]);

    await confirm(http, w.office, r.id, [m1, m2]);

    for (const who of [nominee, w.head, colleague, w.outsider]) {
      const res = expectStatus(await getNomination(http, who, n.id), 200, 'confirmed');
      expect(res).toMatchObject({ status: 'CONFIRMED', results: full, sheets: null });
    }
    for (const who of [w.office, w.auditor]) {
      const res = expectStatus(await getNomination(http, who, n.id), 200, 'full view');
      expect(res.results).toEqual(full);
      expect(res.sheets).toHaveLength(1);
    }
    // The excluded nomination is not a confirmed result: hidden from the unrelated, shown to its
    // applicant with the reason.
    expect((await getNomination(http, w.outsider, x.id)).status).toBe(404);
    const own = expectStatus(await getNomination(http, colleague, x.id), 200, 'own excluded');
    expect(own).toMatchObject({ status: 'EXCLUDED', results: null, sheets: null });
    expect(own.exclusionReason).toMatch(/^DUPLICATE/);
    expect(
      expectStatus(await list(w.outsider, r.id), 200, 'outsider list').map((v: any) => [
        v.id,
        v.results,
        v.sheets,
      ]),
    ).toEqual([[n.id, full, null]]);
    expect(
      expectStatus(await list(w.auditor, r.id), 200, 'auditor list').map((v: any) => v.id),
    ).toEqual([n.id, x.id]);

    // ADMIN holds no business role: nothing of the evaluation exists for them.
    expect((await getNomination(http, w.admin, n.id)).status).toBe(404);
    expect((await round(w.admin, r.id)).status).toBe(404);
  });

  // ── 5. Incentives ────────────────────────────────────────────────────────────────────────────

  it('grants incentives within the limits: 1 per official, 2 for the owner of a selected priority task of the year; cancelled frees the slot; the incentive report', async () => {
    const w = await evaluationWorld(http, factory, { staff: 7, members: 3 });
    const s = w.staff;
    const [m1, m2] = w.members;
    // A SELECTED priority task of the round's year owned (주담당자) by s[1]; a DRAFT one owned by
    // s[3] (a draft is no priority task: no allowance).
    const drivers = { creator: s[1].token, head: w.head.token, office: w.office.token };
    const task = await taskInState(http, drivers, 'SELECTED', s[1].id);
    await createTask(http, s[3].token, s[3].id);
    // Seven officials; s[1]'s and s[2]'s nominations both link the task (only s[1] owns it).
    const { round: r, nominations: ns } = await roundInScoring(
      http,
      w,
      s.map((official, i) => ({
        by: w.head,
        type: 'OFFICIAL' as const,
        source: 'DEPARTMENT' as const,
        nomineeUserIds: [official.id],
        taskIds: i === 1 || i === 2 ? [task.id] : [],
      })),
      { members: [m1, m2] },
    );
    // One sheet each (no trimming): totals 90, 85, 80, 75, 70, 65, 60 → ranks 1–7.
    const sheets = [
      sheet(36, 18, 18, 9, 9), // 90
      sheet(34, 17, 17, 9, 8), // 85
      sheet(32, 16, 16, 8, 8), // 80
      sheet(30, 15, 15, 8, 7), // 75
      sheet(28, 14, 14, 7, 7), // 70
      sheet(26, 13, 13, 7, 6), // 65
      sheet(24, 12, 12, 6, 6), // 60
    ];
    for (const [i, n] of ns.entries()) await score(http, m1, n.id, sheets[i]);
    // The member scored on the linked task without being able to open it: its code and title
    // come with the nomination.
    expect((await http.get(`/api/v1/tasks/${task.id}`, { token: m1.token })).status).toBe(404);
    const seen = expectStatus(await list(m1, r.id), 200, 'list by a member');
    expect(seen.find((n: any) => n.id === ns[1].id).tasks).toEqual([
      { id: task.id, code: task.code, title: task.title },
    ]);
    expect(seen.find((n: any) => n.id === ns[0].id).tasks).toEqual([]);
    await aggregate(http, w.office, r.id);
    // Grade bands by rank: 1 최우수, 2–3 우수, 4–6 장려, 7 노력.
    const graded = expectStatus(await list(w.office, r.id), 200, 'list');
    expect(graded.map((n: any) => [n.id, n.results.rank, n.results.grade])).toEqual([
      [ns[0].id, 1, 'TOP'],
      [ns[1].id, 2, 'EXCELLENT'],
      [ns[2].id, 3, 'EXCELLENT'],
      [ns[3].id, 4, 'ENCOURAGEMENT'],
      [ns[4].id, 5, 'ENCOURAGEMENT'],
      [ns[5].id, 6, 'ENCOURAGEMENT'],
      [ns[6].id, 7, 'EFFORT'],
    ]);

    const grant = (nominationId: string, userId: string, incentiveType: string, detail?: string) =>
      http.post(
        `/api/v1/evaluation-rounds/${r.id}/incentives`,
        { nominationId, userId, incentiveType, ...(detail ? { detail } : {}) },
        { token: w.office.token },
      );
    const preference = (who: Actor, nominationId: string, preferred: string[]) =>
      http.put(
        `/api/v1/nominations/${nominationId}/preference`,
        { preferred },
        { token: who.token },
      );

    // Not confirmed yet: no grant, no preference.
    const early = await grant(ns[0].id, s[0].id, 'SPECIAL_PROMOTION');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'evaluationRound',
      currentStatus: 'SCORING',
      allowedActions: ['setMembers', 'aggregate', 'referResults'],
    });
    const earlyPreference = await preference(s[0], ns[0].id, ['SPECIAL_PROMOTION']);
    expect(earlyPreference.status).toBe(409);
    expect(earlyPreference.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'evaluationRound',
      currentStatus: 'SCORING',
      allowedActions: [],
    });

    await confirm(http, w.office, r.id, [m1, m2]);

    const incentives = async (who: Actor = w.office) =>
      expectStatus(
        await http.get(`/api/v1/evaluation-rounds/${r.id}/incentives`, { token: who.token }),
        200,
        'incentives',
      );
    const before = await incentives();
    expect(before).toMatchObject({ roundId: r.id, min: 1, max: 1, maxTaskOwner: 2, grants: [] });
    // The six selected officials (노력 is not selected), none granted anything yet.
    const officialIds = before.officials.map((o: any) => o.userId).sort();
    expect(officialIds).toEqual(
      s
        .slice(0, 6)
        .map((o) => o.id)
        .sort(),
    );
    for (const o of before.officials)
      expect(o).toMatchObject({ granted: 0, belowMinimum: true, preferred: [] });
    expect((await incentives(w.auditor)).officials).toHaveLength(6);
    expect(
      (await http.get(`/api/v1/evaluation-rounds/${r.id}/incentives`, { token: s[0].token }))
        .status,
    ).toBe(403);

    // Preferences: the nominee records theirs; another official cannot; 노력 is not selected.
    const pref = await preference(s[0], ns[0].id, ['SPECIAL_PROMOTION', 'REWARD_LEAVE']);
    expect(pref.status).toBe(200);
    expect(pref.body).toMatchObject({
      nominationId: ns[0].id,
      userId: s[0].id,
      preferred: ['SPECIAL_PROMOTION', 'REWARD_LEAVE'],
    });
    expect((await preference(s[2], ns[0].id, ['OTHER'])).status).toBe(403);
    const notSelected = await preference(s[6], ns[6].id, ['OTHER']);
    expect([notSelected.status, notSelected.body.code]).toEqual([409, 'NOT_SELECTED']);

    // s[0]: at most 1.
    const g0 = await grant(ns[0].id, s[0].id, 'SPECIAL_PROMOTION', '6급 특별승진');
    expect(g0.status).toBe(201);
    expect(g0.body).toMatchObject({
      nominationId: ns[0].id,
      userId: s[0].id,
      userName: s[0].name,
      departmentName: w.dept.name,
      incentiveType: 'SPECIAL_PROMOTION',
      detail: '6급 특별승진',
      status: 'GRANTED',
      hrNote: null,
      version: 1,
    });
    const second = await grant(ns[0].id, s[0].id, 'REWARD_LEAVE');
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'LIMIT_REACHED',
      limit: 'incentivesPerOfficial',
      max: 1,
      used: 1,
    });

    // s[1] owns a linked task: at most 2.
    const g1a = await grant(ns[1].id, s[1].id, 'TOP_PERFORMANCE_BONUS');
    expect(g1a.status).toBe(201);
    expect((await grant(ns[1].id, s[1].id, 'REWARD_LEAVE')).status).toBe(201);
    const third = await grant(ns[1].id, s[1].id, 'OTHER');
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({
      code: 'LIMIT_REACHED',
      limit: 'incentivesPerTaskOwner',
      max: 2,
      used: 2,
    });
    // s[2]'s nomination links the same task, but s[2] does not own it: at most 1.
    expect((await grant(ns[2].id, s[2].id, 'REWARD_LEAVE')).status).toBe(201);
    expect((await grant(ns[2].id, s[2].id, 'OTHER')).body.code).toBe('LIMIT_REACHED');
    // s[3] owns only a draft: at most 1.
    expect((await grant(ns[3].id, s[3].id, 'OTHER')).status).toBe(201);
    expect((await grant(ns[3].id, s[3].id, 'REWARD_LEAVE')).body).toMatchObject({
      code: 'LIMIT_REACHED',
      limit: 'incentivesPerOfficial',
      max: 1,
    });

    // Not a nominee of that nomination; not selected (노력).
    const notNominee = await grant(ns[3].id, s[0].id, 'OTHER');
    expect(notNominee.status).toBe(400);
    expect(notNominee.body.details.map((d: any) => d.field)).toEqual(['userId']);
    const effort = await grant(ns[6].id, s[6].id, 'OTHER');
    expect([effort.status, effort.body.code]).toEqual([409, 'NOT_SELECTED']);

    // Cancelling s[0]'s grant frees the slot.
    const patch = (id: string, body: Record<string, unknown>) =>
      http.patch(`/api/v1/incentives/${id}`, body, { token: w.office.token });
    const cancelled = await patch(g0.body.id, { status: 'CANCELLED', version: 1 });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', version: 2 });
    const g0b = await grant(ns[0].id, s[0].id, 'REWARD_LEAVE');
    expect(g0b.status).toBe(201);

    // HR execution: a stale version is refused; executed is final.
    expect((await patch(g1a.body.id, { status: 'EXECUTED', version: 2 })).status).toBe(409);
    const executed = await patch(g1a.body.id, {
      status: 'EXECUTED',
      hrNote: '2월 정기인사 반영',
      version: 1,
    });
    expect(executed.status).toBe(200);
    expect(executed.body).toMatchObject({
      status: 'EXECUTED',
      hrNote: '2월 정기인사 반영',
      version: 2,
    });
    const afterExecution = await patch(g1a.body.id, { status: 'CANCELLED', version: 2 });
    expect(afterExecution.status).toBe(409);
    expect(afterExecution.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'incentiveGrant',
      currentStatus: 'EXECUTED',
      allowedActions: [],
    });
    expect((await patch(g0.body.id, { status: 'EXECUTED', version: 2 })).status).toBe(409);

    const after = await incentives();
    const official = Object.fromEntries(after.officials.map((o: any) => [o.userId, o]));
    expect(official[s[0].id]).toMatchObject({
      nominationId: ns[0].id,
      grade: 'TOP',
      preferred: ['SPECIAL_PROMOTION', 'REWARD_LEAVE'],
      granted: 1, // the cancelled grant does not count
      belowMinimum: false,
    });
    expect(official[s[1].id]).toMatchObject({
      grade: 'EXCELLENT',
      granted: 2,
      belowMinimum: false,
    });
    expect(official[s[2].id]).toMatchObject({ granted: 1, belowMinimum: false, taskOwner: false });
    expect(official[s[1].id].taskOwner).toBe(true);
    expect(official[s[3].id]).toMatchObject({ granted: 1, belowMinimum: false, taskOwner: false });
    expect(after.complete).toBe(false);
    for (const o of s.slice(4, 6))
      expect(official[o.id]).toMatchObject({
        grade: 'ENCOURAGEMENT',
        granted: 0,
        belowMinimum: true,
      });
    expect(
      after.grants
        .map((g: any) => [g.userId, g.incentiveType, g.status])
        .sort((p: string[], q: string[]) => (p.join() < q.join() ? -1 : 1)),
    ).toEqual(
      [
        [s[0].id, 'SPECIAL_PROMOTION', 'CANCELLED'],
        [s[0].id, 'REWARD_LEAVE', 'GRANTED'],
        [s[1].id, 'TOP_PERFORMANCE_BONUS', 'EXECUTED'],
        [s[1].id, 'REWARD_LEAVE', 'GRANTED'],
        [s[2].id, 'REWARD_LEAVE', 'GRANTED'],
        [s[3].id, 'OTHER', 'GRANTED'],
      ].sort((p, q) => (p.join() < q.join() ? -1 : 1)),
    );

    // The report: 6 selected (s[0]–s[5]; s[6] is 노력). Grants not cancelled by type:
    // REWARD_LEAVE 3 (s[0], s[1], s[2]), TOP_PERFORMANCE_BONUS 1 (s[1]), OTHER 1 (s[3]); by status
    // GRANTED 4, EXECUTED 1, CANCELLED 1. A major incentive: s[1] only (s[0]'s 특별승진 was
    // cancelled) → 1 / 6 = 0.16666… → 0.1667, 16.7 %. Below the minimum of 1: s[4] and s[5].
    const report = (who: Actor) =>
      http.get(`/api/v1/evaluation-rounds/${r.id}/incentive-report`, { token: who.token });
    const rep = expectStatus(await report(w.office), 200, 'incentive report');
    expect(rep).toMatchObject({
      roundId: r.id,
      status: 'CONFIRMED',
      incentivesMin: 1,
      selectedOfficials: 6,
      major: {
        types: ['SPECIAL_PROMOTION', 'SPECIAL_STEP_INCREASE', 'TOP_PERFORMANCE_BONUS'],
        officials: 1,
        share: 0.1667,
        sharePercent: 16.7,
      },
    });
    expect(Object.fromEntries(rep.byType.map((t: any) => [t.incentiveType, t.count]))).toEqual({
      SPECIAL_PROMOTION: 0,
      SPECIAL_STEP_INCREASE: 0,
      TOP_PERFORMANCE_BONUS: 1,
      REWARD_LEAVE: 3,
      SENIOR_TREATMENT_SHORTENING: 0,
      RATING_BONUS_POINTS: 0,
      SENIORITY_PROMOTION_SHORTENING: 0,
      OTHER: 1,
    });
    expect(rep.byStatus).toEqual([
      { status: 'GRANTED', count: 4 },
      { status: 'EXECUTED', count: 1 },
      { status: 'CANCELLED', count: 1 },
    ]);
    expect(rep.belowMinimum.map((b: any) => [b.userId, b.name, b.granted]).sort()).toEqual(
      [
        [s[4].id, s[4].name, 0],
        [s[5].id, s[5].name, 0],
      ].sort(),
    );
    expect((await report(w.auditor)).status).toBe(200);
    expect((await report(s[0])).status).toBe(403);
    expect((await report(w.admin)).status).toBe(404);
  });

  // ── 6. Rules and bad input ───────────────────────────────────────────────────────────────────

  it('validates rounds, rules, nominations and sheets, and refuses changes out of their phase', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 2 });
    const [m1] = w.members;
    const [staff, colleague] = w.staff;

    // Only the proactive-administration office opens a round.
    const denied = await http.post('/api/v1/evaluation-rounds', roundBody(), {
      token: staff.token,
    });
    expect(denied.status).toBe(403);
    const r = await createRound(http, w.office);
    expect(r).toMatchObject({
      status: 'NOMINATING',
      trimMinMembers: 5,
      incentivesMin: 1,
      incentivesMax: 1,
      incentivesMaxTaskOwner: 2,
      // the scorers default to the committee's sitting members
      memberIds: w.members.map((m) => m.id).sort(),
      criteriaApprovedItemId: null,
      resolution: null,
      version: 1,
    });
    expect(r.criteria.map((c: any) => [c.key, c.label, c.weight])).toEqual([
      ['citizenImpact', '국민체감도', 40],
      ['proactiveness', '적극성', 20],
      ['creativity', '창의성·전문성', 20],
      ['difficulty', '난이도', 10],
      ['spread', '확산가능성', 10],
    ]);
    expect(r.grades.map((g: any) => [g.grade, g.label, g.count])).toEqual([
      ['TOP', '최우수', 1],
      ['EXCELLENT', '우수', 2],
      ['ENCOURAGEMENT', '장려', 3],
      ['EFFORT', '노력', null],
    ]);
    // Same organisation, year and kind: another round (the 우수공무원 selection and several
    // contests in one year); another kind too. All are listed.
    const second = await createRound(http, w.office, {
      title: `${r.year}년 적극행정 경진대회 1차`,
    });
    const third = await createRound(http, w.office, { title: `${r.year}년 적극행정 경진대회 2차` });
    const half = await createRound(http, w.office, { kind: 'FIRST_HALF' });
    const listed = expectStatus(
      await http.get(`/api/v1/evaluation-rounds?year=${r.year}`, { token: w.office.token }),
      200,
      'list rounds',
    );
    expect(listed.map((x: any) => x.id).sort()).toEqual(
      [r.id, second.id, third.id, half.id].sort(),
    );

    // Criteria weights totalling 90.
    const rules = (body: Record<string, unknown>) =>
      http.patch(`/api/v1/evaluation-rounds/${r.id}/rules`, body, { token: w.office.token });
    const ninety = await rules({
      version: 1,
      criteria: [
        { key: 'citizenImpact', label: '국민체감도', weight: 40 },
        { key: 'proactiveness', label: '적극성', weight: 20 },
        { key: 'creativity', label: '창의성·전문성', weight: 20 },
        { key: 'difficulty', label: '난이도', weight: 10 },
      ],
    });
    expect(ninety.status).toBe(400);
    expect(ninety.body.details.map((d: any) => d.field)).toEqual(['criteria']);
    // At least one incentive per selected official: a minimum of 0 is refused.
    const zero = await rules({ version: 1, incentivesMin: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.details.map((d: any) => d.field)).toEqual(['incentivesMin']);
    const changed = await rules({ version: 1, incentivesMaxTaskOwner: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ incentivesMaxTaskOwner: 3, version: 2 });
    expect((await rules({ version: 1, incentivesMaxTaskOwner: 2 })).status).toBe(409);

    // Not before the committee has resolved the criteria (지방 13조②).
    const notApproved = await http.post(
      `/api/v1/evaluation-rounds/${r.id}/start-scoring`,
      undefined,
      {
        token: w.office.token,
      },
    );
    expect([notApproved.status, notApproved.body.code]).toEqual([409, 'CRITERIA_NOT_APPROVED']);

    // Nominations: who may use which source, and the shape of the nominees.
    const post = (who: Actor, body: Record<string, unknown>) =>
      http.post(
        `/api/v1/evaluation-rounds/${r.id}/nominations`,
        { title: '공적', ...body },
        { token: who.token },
      );
    const staffAsDept = await post(staff, {
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [staff.id],
    });
    expect(staffAsDept.status).toBe(403);
    const selfForOther = await post(staff, {
      type: 'OFFICIAL',
      source: 'SELF',
      nomineeUserIds: [colleague.id],
    });
    expect(selfForOther.status).toBe(400);
    expect(selfForOther.body.details).toEqual([
      expect.objectContaining({ field: 'nomineeUserIds', code: 'self' }),
    ]);
    const twoOfficials = await post(w.head, {
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [staff.id, colleague.id],
    });
    expect(twoOfficials.status).toBe(400);
    expect(twoOfficials.body.details).toEqual([
      expect.objectContaining({ field: 'nomineeUserIds', code: 'oneOfficial' }),
    ]);
    expect(
      (await post(staff, { type: 'OFFICIAL', source: 'CITIZEN', nomineeUserIds: [staff.id] }))
        .status,
    ).toBe(403);

    const own = await nominate(http, r.id, {
      by: staff,
      type: 'OFFICIAL',
      source: 'SELF',
      nomineeUserIds: [staff.id],
    });
    const failure = await nominate(http, r.id, {
      by: w.head,
      type: 'FAILURE_CASE',
      source: 'DEPARTMENT',
      nomineeUserIds: [colleague.id],
    });
    // A FAILURE_CASE is never excluded because its target was missed.
    const targetNotMet = await http.post(
      `/api/v1/nominations/${failure.id}/decision`,
      { decision: 'exclude', reason: 'TARGET_NOT_MET', version: failure.version },
      { token: w.office.token },
    );
    expect(targetNotMet.status).toBe(400);
    expect(targetNotMet.body.details.map((d: any) => d.field)).toEqual(['reason']);

    // Unverified nominations block the start of scoring.
    await setMembers(http, w.office, r.id, w.members);
    await approveCriteria(http, w.office, w.members, r.id);
    const unverified = await http.post(
      `/api/v1/evaluation-rounds/${r.id}/start-scoring`,
      undefined,
      {
        token: w.office.token,
      },
    );
    expect(unverified.status).toBe(409);
    expect(unverified.body).toMatchObject({ code: 'NOMINATIONS_UNDECIDED', unverified: 2 });
    await verify(http, w.office, own.id);
    await verify(http, w.office, failure.id);
    const started = await http.post(`/api/v1/evaluation-rounds/${r.id}/start-scoring`, undefined, {
      token: w.office.token,
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('SCORING');

    // Out of phase now: rules and nominations.
    const lateRules = await rules({ version: started.body.version, trimMinMembers: 3 });
    expect(lateRules.status).toBe(409);
    expect(lateRules.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'evaluationRound',
      currentStatus: 'SCORING',
      allowedActions: ['setMembers', 'aggregate', 'referResults'],
    });
    const late = await post(w.head, {
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [staff.id],
    });
    expect(late.status).toBe(409);
    // The head may do nothing to a round in scoring.
    expect(late.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      currentStatus: 'SCORING',
      allowedActions: [],
    });

    // Sheets: every criterion within 0..weight.
    const bad = async (scores: Record<string, unknown>, field: string) => {
      const res = await putScores(http, m1, own.id, scores);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toEqual([field]);
    };
    await bad(sheet(41, 20, 20, 10, 10), 'scores.citizenImpact');
    await bad(sheet(40, 20, 20, 10, -1), 'scores.spread');
    // At most two decimals.
    await bad(sheet(40, 20, 19.999, 10, 10), 'scores.creativity');
    const missing: Record<string, unknown> = sheet(40, 20, 20, 10, 10);
    delete missing.difficulty;
    await bad(missing, 'scores.difficulty');
    // Only members score.
    expect((await putScores(http, w.office, own.id, sheet(40, 20, 20, 10, 10))).status).toBe(403);
    await score(http, m1, own.id, sheet(40, 20, 20, 10, 10));
  });

  // ── 7. Exports ───────────────────────────────────────────────────────────────────────────────

  it('exports results, incentives and awards as XLSX and CSV with a logged reason', async () => {
    const w = await evaluationWorld(http, factory, { staff: 4, members: 3 });
    const s = w.staff;
    const [m1, m2] = w.members;
    // This round's own grade table (a rule of the round): 최우수 ×1 (₩2,000,000), 우수 ×1
    // (₩1,000,000), 노력 the rest.
    const grades = [
      { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 0.5, prizeKrw: 2_000_000 },
      { grade: 'EXCELLENT', label: '우수', count: 1, bonusPoints: 0.4, prizeKrw: 1_000_000 },
      { grade: 'EFFORT', label: '노력', count: null, bonusPoints: 0, prizeKrw: 0 },
    ];
    const {
      round: r,
      nominations: [d, f, o1, o2, o3],
    } = await roundInScoring(
      http,
      w,
      [
        {
          by: w.head,
          type: 'DEPARTMENT',
          source: 'DEPARTMENT',
          title: '민원 원스톱 창구',
          nomineeDepartmentIds: [w.dept.id],
        },
        {
          by: w.head,
          type: 'FAILURE_CASE',
          source: 'DEPARTMENT',
          title: '드론 배송 시범',
          nomineeUserIds: [s[2].id],
        },
        {
          by: w.head,
          type: 'OFFICIAL',
          source: 'DEPARTMENT',
          title: '통학로 안전 개선',
          nomineeUserIds: [s[0].id],
        },
        {
          by: s[1],
          type: 'OFFICIAL',
          source: 'SELF',
          title: '전통시장 주차 개선',
          nomineeUserIds: [s[1].id],
        },
        {
          by: w.office,
          type: 'OFFICIAL',
          source: 'CITIZEN',
          // A title a spreadsheet would run as a formula: CSV cells get a leading apostrophe.
          title: '+민원 처리 기간 단축',
          nomineeUserIds: [s[3].id],
        },
      ],
      { members: [m1, m2], rules: { grades } },
    );
    // One sheet each, so the final score is the total.
    await score(http, m1, d.id, sheet(37, 18, 18, 9, 10)); // 92
    await score(http, m1, f.id, sheet(23.5, 12, 11, 6, 6)); // 58.5
    await score(http, m1, o1.id, sheet(35, 18, 17, 9, 9)); // 88
    await score(http, m1, o2.id, sheet(31, 15, 15, 8, 8)); // 77
    await score(http, m1, o3.id, sheet(26, 13, 13, 7, 7)); // 66
    await aggregate(http, w.office, r.id);
    await confirm(http, w.office, r.id, [m1, m2]);

    const grant = async (nominationId: string, userId: string, type: string, detail?: string) =>
      expectStatus(
        await http.post(
          `/api/v1/evaluation-rounds/${r.id}/incentives`,
          { nominationId, userId, incentiveType: type, ...(detail ? { detail } : {}) },
          { token: w.office.token },
        ),
        201,
        'grant',
      );
    const g1 = await grant(o1.id, s[0].id, 'RATING_BONUS_POINTS', '근평 가점 0.5');
    const g2 = await grant(o2.id, s[1].id, 'REWARD_LEAVE');
    expectStatus(
      await http.patch(
        `/api/v1/incentives/${g2.id}`,
        { status: 'EXECUTED', hrNote: '2월 인사 반영', version: 1 },
        { token: w.office.token },
      ),
      200,
      'execute',
    );

    const reason = '연말 포상 심의 자료';
    const download = (query: string, who: Actor = w.office) =>
      http.download(`/api/v1/evaluation-rounds/${r.id}/export?${query}`, { token: who.token });
    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

    // Ordered by type (DEPARTMENT, FAILURE_CASE, OFFICIAL), then rank.
    const RESULT_HEADERS = [
      '유형',
      '순위',
      '후보명',
      '대상',
      '추천 경로',
      '최종 점수',
      '등급',
      '상태',
    ];
    const resultRows = [
      ['부서', 1, '민원 원스톱 창구', w.dept.name, '부서추천', 92, '최우수', '확정'],
      ['모범 실패사례', 1, '드론 배송 시범', s[2].name, '부서추천', 58.5, '최우수', '확정'],
      ['개인', 1, '통학로 안전 개선', s[0].name, '부서추천', 88, '최우수', '확정'],
      ['개인', 2, '전통시장 주차 개선', s[1].name, '본인신청', 77, '우수', '확정'],
      ['개인', 3, '+민원 처리 기간 단축', s[3].name, '국민추천', 66, '노력', '확정'],
    ];
    const INCENTIVE_HEADERS = [
      '성명',
      '부서',
      '우대조치',
      '내용',
      '집행 상태',
      '인사 비고',
      '부여일',
    ];
    // By name: 김하늘 (s[0]) before 이바다 (s[1]).
    const incentiveRows = [
      [
        s[0].name,
        w.dept.name,
        '근무성적평정 가점',
        '근평 가점 0.5',
        '부여',
        '',
        seoulToday(new Date(g1.grantedAt)),
      ],
      [
        s[1].name,
        w.dept.name,
        '특별휴가(포상휴가)',
        '',
        '집행 완료',
        '2월 인사 반영',
        seoulToday(new Date(g2.grantedAt)),
      ],
    ];
    const AWARD_HEADERS = ['유형', '등급', '수상자', '후보명', '근무성적평정 가점', '포상금(원)'];
    // 노력 is no award; a department gets 우수부서 with prize money but no rating bonus points.
    const awardRows = [
      ['우수부서', '최우수', w.dept.name, '민원 원스톱 창구', 0, 2_000_000],
      ['모범 실패사례', '최우수', s[2].name, '드론 배송 시범', 0.5, 2_000_000],
      ['개인', '최우수', s[0].name, '통학로 안전 개선', 0.5, 2_000_000],
      ['개인', '우수', s[1].name, '전통시장 주차 개선', 0.4, 1_000_000],
    ];

    // XLSX: all four sheets. The report: 3 selected officials (s[0], s[1] and the failure case's
    // s[2], who has no incentive yet), none with a major incentive.
    const REPORT_ROWS = [
      ['구분', '항목', '값'],
      ['선정', '선정 공무원 수', 3],
      ['선정', '1인당 최소 우대조치 수', 1],
      ...[
        ['특별승진', 0],
        ['특별승급', 0],
        ['성과상여금 최고등급', 0],
        ['특별휴가(포상휴가)', 1],
        ['대우공무원 선발기간 단축', 0],
        ['근무성적평정 가점', 1],
        ['근속승진기간 단축', 0],
        ['기타(희망부서 전보, 교육훈련 우선 선발)', 0],
      ].map(([label, n]) => ['우대조치 종류별 부여(취소 제외)', label, n]),
      ['인사 집행 상태별', '부여', 1],
      ['인사 집행 상태별', '집행 완료', 1],
      ['인사 집행 상태별', '취소', 0],
      ['주요 우대조치(특별승진·특별승급·성과상여금 최고등급)', '받은 선정 공무원 수', '0 (3명 중)'],
      ['주요 우대조치(특별승진·특별승급·성과상여금 최고등급)', '비율(%)', 0],
      ['최소 우대조치 미달', s[2].name, '0개 부여 / 최소 1개'],
    ];
    const xlsx = await download(q({ format: 'xlsx', reason }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain(XLSX_TYPE);
    expect(xlsx.headers.get('content-disposition')).toContain('attachment');
    const book = await readWorkbook(xlsx.bytes);
    expect(Object.keys(book)).toEqual(['순위 결과', '우대조치', '포상', '우대조치 실적']);
    expect(book['우대조치 실적']).toEqual(REPORT_ROWS);
    expect(book['순위 결과']).toEqual([RESULT_HEADERS, ...resultRows]);
    expect(book['우대조치']).toEqual([INCENTIVE_HEADERS, ...incentiveRows]);
    expect(book['포상']).toEqual([AWARD_HEADERS, ...awardRows]);

    // CSV: BOM, Korean headers, one sheet; every cell text.
    const asText = (rows: unknown[][]) => rows.map((row) => row.map((c) => String(c)));
    const csvResults = await download(q({ format: 'csv', sheet: 'results', reason }));
    expect(csvResults.status).toBe(200);
    expect(csvResults.headers.get('content-type')).toMatch(/^text\/csv/);
    expect([...csvResults.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const guardedResults = asText(resultRows);
    guardedResults[4][2] = "'+민원 처리 기간 단축";
    expect(parseCsv(csvResults.bytes.toString('utf8').slice(1))).toEqual([
      RESULT_HEADERS,
      ...guardedResults,
    ]);
    const csvAwards = await download(q({ format: 'csv', sheet: 'awards', reason }));
    expect(csvAwards.status).toBe(200);
    expect([...csvAwards.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(csvAwards.bytes.toString('utf8').slice(1))).toEqual([
      AWARD_HEADERS,
      ...asText(awardRows),
    ]);

    // A reason is required; STAFF may not export; AUDITOR may.
    const noReason = await http.get(`/api/v1/evaluation-rounds/${r.id}/export?format=csv`, {
      token: w.office.token,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((x: any) => x.field)).toContain('reason');
    expect((await download(q({ format: 'csv', reason }), s[0])).status).toBe(403);
    const byAuditor = await download(
      q({ format: 'xlsx', sheet: 'awards', reason: '감사 자료' }),
      w.auditor,
    );
    expect(byAuditor.status).toBe(200);
    expect(Object.keys(await readWorkbook(byAuditor.bytes))).toEqual(['포상']);

    // The access log holds each export with its reason (newest first).
    const log = await http.get(
      `/api/v1/access-log?recordType=evaluation_round&userId=${w.office.id}&limit=20`,
      { token: w.auditor.token },
    );
    expect(log.status).toBe(200);
    const exports = (log.body.items as any[]).filter((e) => e.action === 'EXPORT');
    expect(exports.map((e) => [e.recordId, e.reason, e.filter])).toEqual([
      [r.id, reason, { format: 'csv', sheet: 'awards' }],
      [r.id, reason, { format: 'csv', sheet: 'results' }],
      [r.id, reason, { format: 'xlsx', sheet: null }],
    ]);
  });
});
