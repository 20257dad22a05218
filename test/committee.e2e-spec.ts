import { CommitteeReminders } from '@gwaje/committee';
import type { SettingValues } from '@gwaje/identity';
import { useTestApi } from './support/app.js';
import { addItem, castVote, heldMeeting, resolveItem, seatCommittee } from './support/committee.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import {
  type Actor,
  aggregate,
  createRound,
  evaluationWorld,
  expectStatus,
  nominate,
  score,
  setMembers,
  sheet,
  verify,
} from './support/evaluations.js';
import { login } from './support/factory.js';
import { YEAR } from './support/tasks.js';

// The 적극행정위원회 as a standing committee (DOMAIN.md §9, issue 20): members with terms and the
// composition rule as a warning, meetings in person or in writing (grounds recorded), attendance,
// agenda items that decide an evaluation round's criteria and results or a pre-consultation's
// advice, 제척 (automatic), 기피 (a party's request, decided by the committee), 회피 (the member's own),
// and the statute's resolution per item: 재적 과반 출석, 출석 과반 찬성 (for × 2 > present).

const V = '/api/v1/committee';

describe('the standing committee (적극행정위원회)', () => {
  const { http, factory } = useTestApi();

  const get = (who: Actor, path: string) => http.get(`${V}${path}`, { token: who.token });
  const item = async (who: Actor, id: string) =>
    expectStatus(await get(who, `/agenda-items/${id}`), 200, 'get item');
  const round = async (who: Actor, id: string) =>
    expectStatus(
      await http.get(`/api/v1/evaluation-rounds/${id}`, { token: who.token }),
      200,
      'get round',
    );
  const startScoring = (who: Actor, id: string) =>
    http.post(`/api/v1/evaluation-rounds/${id}/start-scoring`, undefined, { token: who.token });

  it('keeps members with terms and warns of what the composition lacks, never refusing', async () => {
    // evaluationWorld seats its 5 members: the first chairs, the 2nd and 4th are civilians.
    const w = await evaluationWorld(http, factory, { staff: 1, members: 5 });
    const overview = expectStatus(await get(w.office, ''), 200, 'overview');
    expect(overview.members.map((m: any) => m.name)).toEqual([
      '위원가',
      ...['위원나', '위원다', '위원라', '위원마'],
    ]);
    expect(overview.members[0]).toMatchObject({ chair: true, civilian: false });
    expect(overview.rule).toEqual({ minMembers: 9, maxMembers: 15, minCivilianPercent: 50 });
    // 5 of the 9 required; 2 civilians where ceil(5 × 50%) = 3 are required
    expect(overview.warnings).toEqual([
      { code: 'TOO_FEW_MEMBERS', members: 5, required: 9 },
      { code: 'TOO_FEW_CIVILIANS', civilians: 2, required: 3 },
    ]);
    // members and auditors read it; staff do not see it
    expect((await get(w.members[2], '')).status).toBe(200);
    expect((await get(w.auditor, '')).status).toBe(200);
    expect((await get(w.staff[0], '')).status).toBe(404);
    expect((await get(w.head, '/members')).status).toBe(404);

    // the office picks from the organisation's COMMITTEE users (all sitting here); others 403
    const candidates = expectStatus(await get(w.office, '/candidates'), 200, 'candidates');
    expect(candidates.map((c: any) => [c.userId, c.sitting]).sort()).toEqual(
      w.members.map((m) => [m.id, true]).sort(),
    );
    expect((await get(w.members[0], '/candidates')).status).toBe(403);

    // a member must be a COMMITTEE user; terms of one user must not overlap
    const notCommittee = await http.post(
      `${V}/members`,
      { userId: w.staff[0].id, termStart: `${YEAR}-01-01`, civilian: true },
      { token: w.office.token },
    );
    expect(notCommittee.status).toBe(400);
    expect(notCommittee.body.details[0]).toMatchObject({ field: 'userId' });
    const overlap = await http.post(
      `${V}/members`,
      { userId: w.members[1].id, termStart: `${YEAR}-03-01`, civilian: true },
      { token: w.office.token },
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('DUPLICATE');
    // only the office appoints
    const byMember = await http.post(
      `${V}/members`,
      { userId: w.members[1].id, termStart: `${YEAR + 3}-01-01`, civilian: true },
      { token: w.members[0].token },
    );
    expect(byMember.status).toBe(403);

    // a second chair is a warning, not a refusal; ending a term early drops the member from a
    // meeting after that date
    const second = overview.members[1];
    const chaired = expectStatus(
      await http.patch(
        `${V}/members/${second.id}`,
        { version: second.version, chair: true },
        { token: w.office.token },
      ),
      200,
      'second chair',
    );
    expect(chaired.chair).toBe(true);
    const after = expectStatus(await get(w.office, ''), 200, 'overview');
    expect(after.warnings).toContainEqual({ code: 'SEVERAL_CHAIRS', chairs: 2 });
    const last = overview.members[4];
    expectStatus(
      await http.patch(
        `${V}/members/${last.id}`,
        { version: last.version, termEnd: `${YEAR}-06-30` },
        { token: w.office.token },
      ),
      200,
      'end term',
    );
    const before = expectStatus(
      await http.post(
        `${V}/meetings`,
        { title: '상반기 회의', meetingDate: `${YEAR}-06-30`, kind: 'IN_PERSON' },
        { token: w.office.token },
      ),
      201,
      'meeting on the last day',
    );
    const later = expectStatus(
      await http.post(
        `${V}/meetings`,
        { title: '하반기 회의', meetingDate: `${YEAR}-07-01`, kind: 'IN_PERSON' },
        { token: w.office.token },
      ),
      201,
      'meeting after the term',
    );
    expect(before.sittingMembers).toHaveLength(5);
    expect(later.sittingMembers.map((m: any) => m.userId)).not.toContain(last.userId);
    expect(later.compositionWarnings).toContainEqual({
      code: 'TOO_FEW_MEMBERS',
      members: 4,
      required: 9,
    });
    // the ended member does not see the later meeting; a member who sits does
    expect((await get(w.members[4], `/meetings/${later.id}`)).status).toBe(404);
    expect((await get(w.members[4], `/meetings/${before.id}`)).status).toBe(200);
    const listed = expectStatus(await get(w.members[4], '/meetings'), 200, 'list');
    expect(listed.map((m: any) => m.id)).toEqual([before.id]);
  });

  it('requires the ground of a written meeting and moves meetings only as the table allows', async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 3 });
    const written = { title: '서면 심의', meetingDate: `${YEAR}-11-25`, kind: 'WRITTEN' };
    const missing = await http.post(`${V}/meetings`, written, { token: w.office.token });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: any) => d.field).sort()).toEqual([
      'writtenGround',
      'writtenReason',
    ]);
    const inPersonWithGround = await http.post(
      `${V}/meetings`,
      { ...written, kind: 'IN_PERSON', writtenGround: 'URGENT' },
      { token: w.office.token },
    );
    expect(inPersonWithGround.status).toBe(400);
    const meeting = expectStatus(
      await http.post(
        `${V}/meetings`,
        { ...written, writtenGround: 'UNAVOIDABLE', writtenReason: '태풍으로 소집 불가' },
        { token: w.office.token },
      ),
      201,
      'written meeting',
    );
    expect(meeting).toMatchObject({
      status: 'SCHEDULED',
      kind: 'WRITTEN',
      writtenGround: 'UNAVOIDABLE',
      writtenReason: '태풍으로 소집 불가',
      allowedActions: ['update', 'addItem', 'hold'],
    });
    expect(meeting.compositionWarnings).toContainEqual({
      code: 'TOO_FEW_MEMBERS',
      members: 3,
      required: 9,
    });
    // SCHEDULED cannot close; hold needs sitting members as attendees
    const early = await http.post(
      `${V}/meetings/${meeting.id}/close`,
      { version: meeting.version },
      { token: w.office.token },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      resource: 'committeeMeeting',
      currentStatus: 'SCHEDULED',
      allowedActions: ['update', 'addItem', 'hold'],
    });
    const stranger = await http.post(
      `${V}/meetings/${meeting.id}/hold`,
      { version: meeting.version, attendeeIds: [w.members[0].id, w.staff[0].id] },
      { token: w.office.token },
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body.details[0].field).toBe('attendeeIds.1');
    const held = expectStatus(
      await http.post(
        `${V}/meetings/${meeting.id}/hold`,
        { version: meeting.version, attendeeIds: [w.members[0].id, w.members[1].id] },
        { token: w.office.token },
      ),
      200,
      'hold',
    );
    expect(held).toMatchObject({
      status: 'HELD',
      allowedActions: ['addItem', 'recordAttendance', 'close'],
    });
    expect([...held.attendeeIds].sort()).toEqual([w.members[0].id, w.members[1].id].sort());
    // an open item keeps it from closing; once decided it closes, and then nothing more
    const other = await addItem(http, w.office, meeting.id, 'OTHER', null, '운영 규정 개정 보고');
    // an item taken off the agenda undecided keeps nothing from closing
    const dropped = await addItem(http, w.office, meeting.id, 'OTHER', null, '철회할 안건');
    const byMember = await http.post(
      `${V}/agenda-items/${dropped.id}/withdrawal`,
      { version: dropped.version, reason: '다음 회의로 연기' },
      { token: w.members[0].token },
    );
    expect(byMember.status).toBe(403);
    const withdrawn = expectStatus(
      await http.post(
        `${V}/agenda-items/${dropped.id}/withdrawal`,
        { version: dropped.version, reason: '다음 회의로 연기' },
        { token: w.office.token },
      ),
      200,
      'withdraw',
    );
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', outcome: null, allowedActions: [] });
    expect((await castVote(http, w.members[0], dropped.id, 'FOR')).body.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const stillOpen = await http.post(
      `${V}/meetings/${meeting.id}/close`,
      { version: held.version },
      { token: w.office.token },
    );
    expect(stillOpen.status).toBe(409);
    for (const m of [w.members[0], w.members[1]])
      expectStatus(await castVote(http, m, other.id, 'FOR'), 200, 'vote');
    const decided = expectStatus(await resolveItem(http, w.office, other.id), 200, 'resolve');
    expect(decided).toMatchObject({ status: 'DECIDED', outcome: 'PASSED' });
    expect(decided.resolution).toMatchObject({ members: 3, votesFor: 2, votesAgainst: 0 });
    const closed = expectStatus(
      await http.post(
        `${V}/meetings/${meeting.id}/close`,
        { version: held.version },
        { token: w.office.token },
      ),
      200,
      'close',
    );
    expect(closed).toMatchObject({ status: 'CLOSED', allowedActions: [] });
    const late = await http.post(
      `${V}/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'OTHER', title: '늦은 안건' },
      { token: w.office.token },
    );
    expect(late.status).toBe(409);
  });

  it('lets scoring start only after the committee passes the criteria, which are then frozen', async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 5 });
    const r = await createRound(http, w.office);
    // the round's scorers default to the sitting members
    expect([...r.memberIds].sort()).toEqual(w.members.map((m) => m.id).sort());
    expect(r.criteriaApprovedItemId).toBeNull();
    const n = await nominate(http, r.id, {
      by: w.head,
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [w.staff[0].id],
    });
    await verify(http, w.office, n.id);
    const refused = await startScoring(w.office, r.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CRITERIA_NOT_APPROVED', roundId: r.id });

    // two of five present: no quorum (3 needed), nothing changes
    const meeting = await heldMeeting(http, w.office, w.members.slice(0, 2));
    const first = await addItem(http, w.office, meeting.id, 'EVALUATION_CRITERIA', r.id);
    expect(first.interestedParties).toEqual([]);
    const dup = await http.post(
      `${V}/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'EVALUATION_CRITERIA', subjectId: r.id },
      { token: w.office.token },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    const noQuorum = await resolveItem(http, w.office, first.id);
    expect(noQuorum.status).toBe(409);
    expect(noQuorum.body).toMatchObject({
      code: 'QUORUM_NOT_MET',
      members: 5,
      present: 2,
      required: 3,
    });
    expect((await item(w.office, first.id)).status).toBe('OPEN');

    // all five attend: for 2, against 1, abstain 2 — 2 × 2 > 5 fails: REJECTED, recorded
    const m = expectStatus(await get(w.office, `/meetings/${meeting.id}`), 200, 'meeting');
    expectStatus(
      await http.put(
        `${V}/meetings/${meeting.id}/attendance`,
        { version: m.version, attendeeIds: w.members.map((x) => x.id) },
        { token: w.office.token },
      ),
      200,
      'attendance',
    );
    const votes = ['FOR', 'FOR', 'AGAINST', 'ABSTAIN', 'ABSTAIN'];
    for (const [i, v] of votes.entries())
      expectStatus(await castVote(http, w.members[i], first.id, v), 200, `vote ${v}`);
    const rejected = expectStatus(await resolveItem(http, w.office, first.id), 200, 'resolve');
    expect(rejected).toMatchObject({ status: 'DECIDED', outcome: 'REJECTED' });
    expect(rejected.resolution).toMatchObject({
      members: 5,
      votesFor: 2,
      votesAgainst: 1,
      votesAbstain: 2,
    });
    expect(rejected.resolution.presentMemberIds).toHaveLength(5);
    expect((await round(w.office, r.id)).criteriaApprovedItemId).toBeNull();
    expect((await startScoring(w.office, r.id)).body.code).toBe('CRITERIA_NOT_APPROVED');

    // put again: three for of five present passes; the criteria are frozen, scoring may start
    const second = await addItem(http, w.office, meeting.id, 'EVALUATION_CRITERIA', r.id);
    for (const [i, v] of ['FOR', 'FOR', 'FOR', 'AGAINST', 'ABSTAIN'].entries())
      expectStatus(await castVote(http, w.members[i], second.id, v), 200, `vote ${v}`);
    const passed = expectStatus(
      await resolveItem(http, w.office, second.id, '평가 기준 원안 의결'),
      200,
      'resolve',
    );
    expect(passed).toMatchObject({ outcome: 'PASSED', decision: '평가 기준 원안 의결' });
    const frozen = await round(w.office, r.id);
    expect(frozen.criteriaApprovedItemId).toBe(second.id);
    const rules = await http.patch(
      `/api/v1/evaluation-rounds/${r.id}/rules`,
      { version: frozen.version, incentivesMax: 1 },
      { token: w.office.token },
    );
    expect(rules.status).toBe(409);
    expect(rules.body).toMatchObject({ code: 'CRITERIA_FROZEN', agendaItemId: second.id });
    const again = await http.post(
      `${V}/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'EVALUATION_CRITERIA', subjectId: r.id },
      { token: w.office.token },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CRITERIA_FROZEN');
    expect((await startScoring(w.office, r.id)).status).toBe(200);
    // the round's history says the committee approved the criteria (the auditor reads it)
    const history = expectStatus(
      await http.get(`/api/v1/history?recordType=evaluation_round&recordId=${r.id}`, {
        token: w.auditor.token,
      }),
      200,
      'history',
    );
    expect(history.map((e: any) => e.action)).toContain('criteria.approve');
  });

  it('confirms the results by a resolution that does not count excluded members (제척, 기피, 회피)', async () => {
    const w = await evaluationWorld(http, factory, { staff: 2, members: 7 });
    // A department head who also sits on the committee nominates an official: 제척 as NOMINATOR.
    const thirdDept = await factory.dept(w.org.id, { name: '위원겸직과' });
    const u = await factory.user(thirdDept, ['DEPT_HEAD', 'COMMITTEE'], { name: '겸직위원' });
    const nominator: Actor = { ...u, name: '겸직위원', token: (await login(http, u)).accessToken };
    await seatCommittee(http, w.office, [nominator], { civilian: () => false });
    const everyone = [...w.members, nominator];

    const r = await createRound(http, w.office);
    await setMembers(http, w.office, r.id, w.members.slice(0, 5));
    const n1 = await nominate(http, r.id, {
      by: nominator,
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [w.staff[0].id],
    });
    const n2 = await nominate(http, r.id, {
      by: w.head,
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [w.staff[1].id],
    });
    for (const n of [n1, n2]) await verify(http, w.office, n.id);
    const criteriaMeeting = await heldMeeting(http, w.office, everyone);
    const criteria = await addItem(http, w.office, criteriaMeeting.id, 'EVALUATION_CRITERIA', r.id);
    for (const m of everyone)
      expectStatus(await castVote(http, m, criteria.id, 'FOR'), 200, 'vote');
    expect(
      expectStatus(await resolveItem(http, w.office, criteria.id), 200, 'criteria').outcome,
    ).toBe('PASSED');
    expectStatus(await startScoring(w.office, r.id), 200, 'start scoring');
    for (const m of w.members.slice(0, 5)) {
      await score(http, m, n1.id, sheet(36, 18, 18, 9, 9));
      await score(http, m, n2.id, sheet(30, 15, 15, 8, 8));
    }
    await aggregate(http, w.office, r.id);

    // 8 sitting, all attend
    const meeting = await heldMeeting(http, w.office, everyone, { meetingDate: `${YEAR}-12-12` });
    expect(meeting.sittingMembers).toHaveLength(8);
    const results = await addItem(http, w.office, meeting.id, 'EVALUATION_RESULTS', r.id);
    expect(results.interestedParties).toEqual([
      { role: 'NOMINEE', userId: w.staff[0].id, name: w.staff[0].name },
      { role: 'NOMINATOR', userId: nominator.id, name: nominator.name },
      { role: 'NOMINEE', userId: w.staff[1].id, name: w.staff[1].name },
      { role: 'NOMINATOR', userId: w.head.id, name: w.head.name },
    ]);
    expect(results.exclusions).toEqual([
      expect.objectContaining({ userId: nominator.id, kind: 'DISQUALIFIED', role: 'NOMINATOR' }),
    ]);
    // 제척: the nominator cannot vote on it
    const barred = await castVote(http, nominator, results.id, 'FOR');
    expect(barred.status).toBe(409);
    expect(barred.body).toMatchObject({
      code: 'MEMBER_EXCLUDED',
      memberId: nominator.id,
      ground: { kind: 'DISQUALIFIED', role: 'NOMINATOR' },
    });

    // 기피: the nominee asks that 위원나 step aside; someone who is no party may not ask
    const [m0, m1, m2, m3, m4, m5, m6] = w.members;
    expectStatus(await castVote(http, m1, results.id, 'FOR'), 200, 'vote before the 기피');
    const notParty = await http.post(
      `${V}/agenda-items/${results.id}/challenges`,
      { memberId: m1.id, reason: '같은 동아리' },
      { token: w.outsider.token },
    );
    expect(notParty.status).toBe(404);
    const asked = expectStatus(
      await http.post(
        `${V}/agenda-items/${results.id}/challenges`,
        { memberId: m1.id, reason: '후보자와 같은 동아리에서 활동함' },
        { token: w.staff[0].token },
      ),
      201,
      'challenge',
    );
    // the party sees the item and their request, not the votes
    expect(asked.votes).toBeNull();
    expect(asked.allowedActions).toEqual(['challenge']);
    const challenge = asked.exclusions.find((x: any) => x.kind === 'CHALLENGE');
    expect(challenge).toMatchObject({ userId: m1.id, status: 'REQUESTED' });
    const byMember = await http.post(
      `${V}/agenda-items/${results.id}/challenges/${challenge.id}/decision`,
      { version: challenge.version, accepted: true },
      { token: m0.token },
    );
    expect(byMember.status).toBe(403);
    const accepted = expectStatus(
      await http.post(
        `${V}/agenda-items/${results.id}/challenges/${challenge.id}/decision`,
        { version: challenge.version, accepted: true, note: '위원회 의결로 인용' },
        { token: w.office.token },
      ),
      200,
      'decide challenge',
    );
    expect(accepted.exclusions.find((x: any) => x.id === challenge.id).status).toBe('ACCEPTED');
    expect((await castVote(http, m1, results.id, 'AGAINST')).body.code).toBe('MEMBER_EXCLUDED');

    // 회피: 위원다 steps aside
    expectStatus(
      await http.post(
        `${V}/agenda-items/${results.id}/recusal`,
        { reason: '후보자와 친족 관계' },
        { token: m2.token },
      ),
      201,
      'recusal',
    );
    expect((await castVote(http, m2, results.id, 'FOR')).body.code).toBe('MEMBER_EXCLUDED');

    // present for the item: m0, m3, m4, m5, m6 (5 of 8, quorum 5); for 3 → 3 × 2 > 5: passed
    for (const [m, v] of [
      [m0, 'FOR'],
      [m3, 'FOR'],
      [m4, 'FOR'],
      [m5, 'AGAINST'],
      [m6, 'ABSTAIN'],
    ] as const)
      expectStatus(await castVote(http, m, results.id, v), 200, `vote ${v}`);
    const resolved = expectStatus(await resolveItem(http, w.office, results.id), 200, 'resolve');
    const present = [m0, m3, m4, m5, m6].map((m) => m.id).sort();
    expect(resolved).toMatchObject({ outcome: 'PASSED' });
    expect(resolved.resolution).toMatchObject({
      members: 8,
      presentMemberIds: present,
      votesFor: 3,
      votesAgainst: 1,
      votesAbstain: 1,
    });
    expect(
      Object.fromEntries(resolved.resolution.excluded.map((x: any) => [x.userId, x.ground.kind])),
    ).toEqual({ [nominator.id]: 'DISQUALIFIED', [m1.id]: 'CHALLENGE', [m2.id]: 'RECUSAL' });

    // the round is confirmed as the resolution does, with the committee's record
    const confirmed = await round(w.office, r.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.resolution).toMatchObject({
      meetingDate: `${YEAR}-12-12`,
      votesFor: 3,
      votesAgainst: 1,
      agendaItemId: results.id,
    });
    expect([...confirmed.resolution.presentMemberIds].sort()).toEqual(present);
    const n1Now = expectStatus(
      await http.get(`/api/v1/nominations/${n1.id}`, { token: w.staff[0].token }),
      200,
      'nomination',
    );
    expect(n1Now.status).toBe('CONFIRMED');
  });

  it('records the committee’s advice on a pre-consultation that awaits it', async () => {
    const w = await consultationWorld(http, factory);
    const office = { ...w.office, name: '전담부서' };
    const member = { ...w.committee, name: '자문위원' };
    await seatCommittee(http, office, [member]);
    const c = await consultationInState(http, w, 'COMMITTEE_ADVICE');
    const meeting = await heldMeeting(http, office, [member]);
    const advice = await addItem(http, office, meeting.id, 'CONSULTATION_ADVICE', c.id);
    expect(advice.interestedParties).toContainEqual({
      role: 'REQUESTER',
      userId: w.head.id,
      name: expect.any(String),
    });
    expectStatus(await castVote(http, member, advice.id, 'FOR'), 200, 'vote');
    expectStatus(
      await resolveItem(http, office, advice.id, '갑설이 타당하다는 자문 의견'),
      200,
      'resolve',
    );
    const after = expectStatus(
      await http.get(`/api/v1/consultations/${c.id}`, { token: w.auditor.token }),
      200,
      'consultation',
    );
    expect(after.status).toBe('UNDER_REVIEW');
    expect(after.advice.at(-1)).toMatchObject({
      kind: 'COMMITTEE',
      advice: '갑설이 타당하다는 자문 의견',
    });
  });

  it("answers another organisation's office with 404 on every committee record", async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 3 });
    const meeting = await heldMeeting(http, w.office, w.members);
    const other = await addItem(http, w.office, meeting.id, 'OTHER', null, '기타 안건');
    const seat = expectStatus(await get(w.office, ''), 200, 'overview').members[0];
    const stranger = await factory.world(['PROACTIVE_OFFICE', 'AUDITOR', 'COMMITTEE']);
    for (const role of ['PROACTIVE_OFFICE', 'AUDITOR', 'COMMITTEE'] as const) {
      const token = (await login(http, stranger.users[role])).accessToken;
      const calls = [
        http.get(`${V}/meetings/${meeting.id}`, { token }),
        http.patch(
          `${V}/meetings/${meeting.id}`,
          { version: 1, title: 'x', meetingDate: `${YEAR}-11-25`, kind: 'IN_PERSON' },
          { token },
        ),
        http.post(`${V}/meetings/${meeting.id}/close`, { version: meeting.version }, { token }),
        http.post(
          `${V}/meetings/${meeting.id}/agenda-items`,
          { subjectKind: 'OTHER', title: 'x' },
          { token },
        ),
        http.get(`${V}/agenda-items/${other.id}`, { token }),
        http.put(`${V}/agenda-items/${other.id}/votes`, { vote: 'FOR' }, { token }),
        http.post(`${V}/agenda-items/${other.id}/recusal`, { reason: 'x' }, { token }),
        http.post(`${V}/agenda-items/${other.id}/resolution`, { version: 1 }, { token }),
        http.patch(`${V}/members/${seat.id}`, { version: seat.version, chair: false }, { token }),
      ];
      const statuses = (await Promise.all(calls)).map((res) => res.status);
      expect({ role, statuses }).toEqual({ role, statuses: calls.map(() => 404) });
      // their own committee is empty, and lists none of these meetings
      expect((await http.get(`${V}/meetings`, { token })).body).toEqual([]);
    }
    // and the office cannot put another organisation's round before its committee
    const r = await createRound(http, w.office);
    const strangerOffice = {
      ...stranger.users.PROACTIVE_OFFICE,
      name: '타기관',
      token: (await login(http, stranger.users.PROACTIVE_OFFICE)).accessToken,
    };
    const own = await heldMeeting(http, strangerOffice, []);
    const foreign = await http.post(
      `${V}/meetings/${own.id}/agenda-items`,
      { subjectKind: 'EVALUATION_CRITERIA', subjectId: r.id },
      { token: strangerOffice.token },
    );
    expect(foreign.status).toBe(404);
  });

  it('reminds the members sitting on a scheduled meeting the business day before', async () => {
    const w = await evaluationWorld(http, factory, { staff: 1, members: 3 });
    // Tuesday 24 November 2026 (YEAR − 1: the holiday calendar reaches a year past it): the
    // reminder D-1 is for a meeting on Wednesday the 25th.
    const source = new CommitteeReminders(null as never, null as never);
    const [owed] = source.daily({
      organisationId: w.org.id,
      today: `${YEAR - 1}-11-24`,
      settings: { 'notifications.committeeMeetingDays': [1] } as unknown as SettingValues,
    });
    expect(owed.rule).toBe('committee.meeting-1');
    expect(owed.params).toEqual([[`${YEAR - 1}-11-25`]]);
    const scheduled = expectStatus(
      await http.post(
        `${V}/meetings`,
        { title: '정기회의', meetingDate: `${YEAR - 1}-11-25`, kind: 'IN_PERSON' },
        { token: w.office.token },
      ),
      201,
      'meeting',
    );
    const { rows } = await factory.db.query<{ recipient: string; record_id: string }>(
      `SELECT q.recipient_id AS recipient, q.record_id FROM (${owed.select})
         AS q(organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)`,
      [w.org.id, `${YEAR - 1}-11-24`, ...owed.params],
    );
    expect(rows.map((r) => r.recipient).sort()).toEqual(w.members.map((m) => m.id).sort());
    expect(new Set(rows.map((r) => r.record_id))).toEqual(new Set([scheduled.id]));
    // once held, nobody is reminded
    await http.post(
      `${V}/meetings/${scheduled.id}/hold`,
      { version: scheduled.version, attendeeIds: [] },
      { token: w.office.token },
    );
    const after = await factory.db.query(`SELECT 1 FROM (${owed.select}) AS q`, [
      w.org.id,
      `${YEAR - 1}-11-24`,
      ...owed.params,
    ]);
    expect(after.rows).toEqual([]);
  });
});
