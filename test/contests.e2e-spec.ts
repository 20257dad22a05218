import { randomUUID } from 'node:crypto';
import type { Role } from '@gwaje/identity';
import { useTestApi } from './support/app.js';
import { readWorkbook, sheet } from './support/evaluations.js';
import { login, type TestDept } from './support/factory.js';
import { YEAR } from './support/tasks.js';
import { addItem, castVote, heldMeeting, resolveItem, seatCommittee } from './support/committee.js';

// Contests across levels (issue 20 part C): a 제주특별자치도 round with entries of two 행정시 and of
// a 도 department, screening, panel scoring with 제척, ranks per field, the award table, the budget
// refusal then success, publication, two entries advancing into 행정안전부's national round over an
// agreed link, and the national result flowing back. Authorisation throughout: an entrant never sees
// another entrant's entries or any score before results; an unrelated organisation gets 404.

interface Who {
  id: string;
  token: string;
  departmentId: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('contests across levels', () => {
  const { http, factory } = useTestApi();

  const A = {} as Record<string, Who>;
  const D = {} as Record<string, TestDept>;
  const orgs = {} as Record<'jeju' | 'seogwipo' | 'jejuCity' | 'mois' | 'outsider', string>;
  let round: any;
  let national: any;
  const e = {} as Record<string, any>;

  async function person(key: string, dept: TestDept, roles: Role[], name = key) {
    const u = await factory.user(dept, roles, { name });
    A[key] = { id: u.id, token: (await login(http, u)).accessToken, departmentId: dept.id };
  }
  const as = (key: string) => ({ token: A[key].token });
  const version = async (id: string, who = 'doOffice') =>
    (await http.get(`/api/v1/contests/rounds/${id}`, as(who))).body.version as number;
  async function step(id: string, action: string, who = 'doOffice') {
    const res = await http.post(
      `/api/v1/contests/rounds/${id}/transitions`,
      { action, version: await version(id, who) },
      as(who),
    );
    expect([action, res.status, res.body?.status]).toEqual([action, 200, expect.any(String)]);
    return res.body;
  }
  async function enter(
    key: string,
    who: string,
    body: Record<string, unknown>,
    roundId = round.id,
  ) {
    const res = await http.post(`/api/v1/contests/rounds/${roundId}/entries`, body, as(who));
    expect([key, res.status]).toEqual([key, 201]);
    e[key] = res.body;
  }

  beforeAll(async () => {
    orgs.jeju = (await factory.org({ name: `제주특별자치도 ${randomUUID().slice(0, 6)}` })).id;
    orgs.seogwipo = (await factory.org({ name: '서귀포시', parentId: orgs.jeju })).id;
    orgs.jejuCity = (await factory.org({ name: '제주시', parentId: orgs.jeju })).id;
    orgs.mois = (await factory.org({ name: `행정안전부 ${randomUUID().slice(0, 6)}` })).id;
    orgs.outsider = (await factory.org({ name: '무관시' })).id;
    D.doOffice = await factory.dept(orgs.jeju, { name: '도 적극행정과', isProactiveOffice: true });
    D.doCommittee = await factory.dept(orgs.jeju, { name: '도 평가위원실' });
    D.doDept = await factory.dept(orgs.jeju, { name: '도 관광정책과' });
    D.sgOffice = await factory.dept(orgs.seogwipo, {
      name: '서귀포 기획예산과',
      isProactiveOffice: true,
    });
    D.sgDept = await factory.dept(orgs.seogwipo, { name: '서귀포 감귤농정과' });
    D.sgOther = await factory.dept(orgs.seogwipo, { name: '서귀포 안전총괄과' });
    D.jcOffice = await factory.dept(orgs.jejuCity, {
      name: '제주시 기획예산과',
      isProactiveOffice: true,
    });
    D.jcDept = await factory.dept(orgs.jejuCity, { name: '제주시 교통행정과' });
    D.moisOffice = await factory.dept(orgs.mois, {
      name: '행안부 적극행정팀',
      isProactiveOffice: true,
    });
    D.outOffice = await factory.dept(orgs.outsider, {
      name: '무관 기획과',
      isProactiveOffice: true,
    });
    await person('doOffice', D.doOffice, ['PROACTIVE_OFFICE']);
    await person('doAuditor', D.doOffice, ['AUDITOR']);
    await person('judge1', D.doCommittee, ['COMMITTEE'], '심사위원가');
    await person('judge2', D.doOffice, ['COMMITTEE'], '심사위원나');
    await person('doStaff', D.doCommittee, ['STAFF'], '도직원');
    await person('sgOffice', D.sgOffice, ['PROACTIVE_OFFICE']);
    await person('sgAuditor', D.sgOffice, ['AUDITOR']);
    await person('sg1', D.sgDept, ['STAFF'], '고감귤');
    await person('sg2', D.sgDept, ['STAFF'], '문한라');
    await person('sgOtherStaff', D.sgOther, ['STAFF'], '부서밖');
    await person('jcOffice', D.jcOffice, ['PROACTIVE_OFFICE']);
    await person('jc1', D.jcDept, ['STAFF'], '김버스');
    await person('moisOffice', D.moisOffice, ['PROACTIVE_OFFICE']);
    await person('moisJudge', D.moisOffice, ['COMMITTEE'], '전국위원');
    await person('outOffice', D.outOffice, ['PROACTIVE_OFFICE']);
  }, 120_000);

  const ROUND = () => ({
    year: YEAR,
    title: `${YEAR}년 상반기 적극행정 우수사례 경진대회`,
    entriesOpen: `${YEAR}-05-01`,
    entriesClose: `${YEAR}-05-31`,
    judgingDue: `${YEAR}-06-15`,
    resultsDate: `${YEAR}-06-30`,
    fields: [
      { key: 'proactive', label: '적극행정' },
      { key: 'innovation', label: '정부혁신' },
    ],
    awardTable: [
      {
        fromRank: 1,
        toRank: 1,
        field: 'proactive',
        award: '최우수',
        commendation: '도지사 표창',
        prizeKrw: 300000,
        bonusPoints: 0.5,
        advances: true,
      },
      {
        fromRank: 2,
        toRank: 2,
        field: 'proactive',
        award: '우수',
        commendation: null,
        prizeKrw: 0,
        bonusPoints: 0.3,
        advances: true,
      },
      {
        fromRank: 3,
        toRank: 3,
        field: null,
        award: '장려',
        commendation: '도지사 표창',
        prizeKrw: 200000,
        bonusPoints: 0,
        advances: false,
      },
      {
        fromRank: 1,
        toRank: 1,
        field: 'innovation',
        award: '최우수',
        commendation: '도지사 표창',
        prizeKrw: 300000,
        bonusPoints: 0.5,
        advances: false,
      },
    ],
    budgetKrw: 500000,
  });

  it('refuses a bad round with field details and creates a valid one in DRAFT (the organiser office only)', async () => {
    const bad = await http.post(
      '/api/v1/contests/rounds',
      {
        ...ROUND(),
        entriesClose: `${YEAR}-04-01`,
        awardTable: [
          {
            fromRank: 1,
            toRank: 3,
            field: null,
            award: '최우수',
            commendation: null,
            prizeKrw: 1,
            bonusPoints: 0.3,
            advances: false,
          },
          {
            fromRank: 3,
            toRank: 4,
            field: 'proactive',
            award: '우수',
            commendation: null,
            prizeKrw: 1,
            bonusPoints: 0.3,
            advances: false,
          },
        ],
      },
      as('doOffice'),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => [d.field, d.code])).toEqual([
      ['entriesClose', 'scheduleOrder'],
      ['awardTable.1', 'overlap'],
    ]);
    const dto = await http.post(
      '/api/v1/contests/rounds',
      { ...ROUND(), awardTable: [{ ...ROUND().awardTable[0], bonusPoints: 7, fromRank: 0 }] },
      as('doOffice'),
    );
    expect(dto.status).toBe(400);
    expect(dto.body.details.map((d: any) => d.field).sort()).toEqual([
      'awardTable.0.bonusPoints',
      'awardTable.0.fromRank',
    ]);
    expect((await http.post('/api/v1/contests/rounds', ROUND(), as('doStaff'))).status).toBe(403);

    const created = await http.post('/api/v1/contests/rounds', ROUND(), as('doOffice'));
    expect(created.status).toBe(201);
    round = created.body;
    expect(round).toMatchObject({
      status: 'DRAFT',
      budgetKrw: 500000,
      relation: { full: true, organiser: true, judge: false, entrant: false },
    });
    expect(round.criteria.map((c: any) => c.weight)).toEqual([40, 20, 20, 10, 10]);
    // A DRAFT is the organiser's: its subordinate 시 does not see it yet.
    expect((await http.get(`/api/v1/contests/rounds/${round.id}`, as('sgOffice'))).status).toBe(
      404,
    );
  });

  it('takes entries from the organiser and its subordinate organisations only, with their own references', async () => {
    await step(round.id, 'open');
    const entrants = await http.get(`/api/v1/contests/rounds/${round.id}/entrants`, as('doOffice'));
    expect(entrants.body.map((o: any) => o.id).sort()).toEqual(
      [orgs.jeju, orgs.seogwipo, orgs.jejuCity].sort(),
    );
    expect(
      (await http.get(`/api/v1/contests/rounds/${round.id}/entrants`, as('sgOffice'))).status,
    ).toBe(403);

    const base = { field: 'proactive', summary: '요약' };
    await enter('S1', 'sgOffice', {
      ...base,
      title: '감귤 수확 인력 중개',
      departmentId: D.sgDept.id,
      officialIds: [A.sg1.id],
    });
    await enter('S2', 'sgOffice', {
      ...base,
      title: '폭염 대비 쉼터 지도',
      departmentId: D.sgDept.id,
      officialIds: [A.sg2.id, A.sg1.id],
    });
    await enter('J1', 'jcOffice', {
      ...base,
      title: '버스 노선 개편',
      departmentId: D.jcDept.id,
      officialIds: [A.jc1.id],
    });
    await enter('J2', 'jcOffice', {
      ...base,
      field: 'innovation',
      title: '민원 서식 간소화',
      departmentId: D.jcDept.id,
      officialIds: [A.jc1.id],
    });
    await enter('J3', 'jcOffice', {
      ...base,
      title: '중복 출품',
      departmentId: D.jcDept.id,
      officialIds: [A.jc1.id],
    });
    // The 도's own department enters its own contest; judge1 is of that department.
    await enter('D1', 'doOffice', {
      ...base,
      title: '관광 안내 개선',
      departmentId: D.doCommittee.id,
      officialIds: [A.doStaff.id],
    });
    // The entrant attaches a file while the entry awaits screening; only readers of the entry get it.
    const file = {
      name: '사례설명.txt',
      bytes: Buffer.from('감귤 수확 인력 중개 사례\n', 'utf8'),
      type: 'text/plain',
    };
    const up = await http.upload(
      `/api/v1/contests/entries/${e.S1.id}/attachments`,
      file,
      as('sgOffice'),
    );
    expect(up.status).toBe(201);
    expect(up.body.attachments.map((f: any) => f.fileName)).toEqual(['사례설명.txt']);
    e.S1 = up.body;
    const fileUrl = `/api/v1/contests/entries/${e.S1.id}/attachments/${up.body.attachments[0].id}`;
    expect((await http.download(fileUrl, as('doOffice'))).bytes.toString('utf8')).toBe(
      '감귤 수확 인력 중개 사례\n',
    );
    expect((await http.download(fileUrl, as('jcOffice'))).status).toBe(404);
    expect(
      (await http.upload(`/api/v1/contests/entries/${e.S1.id}/attachments`, file, as('doOffice')))
        .status,
    ).toBe(403);
    expect(e.S1).toMatchObject({
      status: 'SUBMITTED',
      result: null,
      sheets: null,
      entrantOrganisationId: orgs.seogwipo,
    });

    // Another organisation's department or official, an unknown field: 400 with the fields named.
    const wrong = await http.post(
      `/api/v1/contests/rounds/${round.id}/entries`,
      {
        field: 'proactive',
        title: '남의 사람',
        departmentId: D.jcDept.id,
        officialIds: [A.sg1.id, A.jc1.id],
      },
      as('sgOffice'),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('INVALID_REFERENCE');
    expect(wrong.body.details.map((d: any) => d.field)).toEqual(['departmentId', 'officialIds.1']);
    const field = await http.post(
      `/api/v1/contests/rounds/${round.id}/entries`,
      { field: 'nope', title: 'x', departmentId: D.sgDept.id, officialIds: [A.sg1.id] },
      as('sgOffice'),
    );
    expect([field.status, field.body.details?.[0]?.field]).toEqual([400, 'field']);
    const dto = await http.post(
      `/api/v1/contests/rounds/${round.id}/entries`,
      { field: 'proactive', title: '', departmentId: 'x', officialIds: [], extra: 1 },
      as('sgOffice'),
    );
    expect(dto.status).toBe(400);
    expect(dto.body.details.map((d: any) => d.field).sort()).toEqual([
      'departmentId',
      'extra',
      'officialIds',
      'title',
    ]);
    // Staff of an entrant may read but not submit; outsiders and an unrelated top-level body: 404.
    expect(
      (
        await http.post(
          `/api/v1/contests/rounds/${round.id}/entries`,
          { ...base, title: 'x', departmentId: D.sgDept.id, officialIds: [A.sg1.id] },
          as('sg1'),
        )
      ).status,
    ).toBe(403);
    for (const who of ['outOffice', 'moisOffice']) {
      const res = await http.post(
        `/api/v1/contests/rounds/${round.id}/entries`,
        { ...base, title: 'x', departmentId: D.outOffice.id, officialIds: [A.outOffice.id] },
        as(who),
      );
      expect([who, res.status, res.body.code]).toEqual([who, 404, 'NOT_FOUND']);
    }
  });

  it('shows an entrant only its own entries, without scores, and nothing to an unrelated organisation', async () => {
    const sg = await http.get(`/api/v1/contests/rounds/${round.id}/entries`, as('sgOffice'));
    expect(sg.body.map((x: any) => x.title).sort()).toEqual([
      '감귤 수확 인력 중개',
      '폭염 대비 쉼터 지도',
    ]);
    // The entry's department reads it; another department of the same 시 does not.
    expect(
      (await http.get(`/api/v1/contests/rounds/${round.id}/entries`, as('sg1'))).body,
    ).toHaveLength(2);
    expect(
      (await http.get(`/api/v1/contests/rounds/${round.id}/entries`, as('sgOtherStaff'))).body,
    ).toEqual([]);
    expect((await http.get(`/api/v1/contests/entries/${e.J1.id}`, as('sgOffice'))).status).toBe(
      404,
    );
    expect((await http.get(`/api/v1/contests/entries/${e.S1.id}`, as('jcOffice'))).status).toBe(
      404,
    );
    expect(
      (await http.get(`/api/v1/contests/entries/${e.S1.id}/history`, as('jcOffice'))).status,
    ).toBe(404);
    const all = await http.get(`/api/v1/contests/rounds/${round.id}/entries`, as('doAuditor'));
    expect(all.body).toHaveLength(6);
    for (const path of [
      `/api/v1/contests/rounds/${round.id}`,
      `/api/v1/contests/rounds/${round.id}/entries`,
      `/api/v1/contests/rounds/${round.id}/results`,
      `/api/v1/contests/entries/${e.S1.id}`,
    ]) {
      const res = await http.get(path, as('outOffice'));
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('screens: accept, reject with a reason (400 without), and only the organiser screens', async () => {
    const screen = (key: string, body: object, who = 'doOffice') =>
      http.post(
        `/api/v1/contests/entries/${e[key].id}/screening`,
        { version: e[key].version, ...body },
        as(who),
      );
    expect((await screen('S1', { decision: 'accept' }, 'sgOffice')).status).toBe(403);
    const noReason = await screen('J3', { decision: 'reject' });
    expect([noReason.status, noReason.body.details?.[0]?.field]).toEqual([400, 'reason']);
    const rejected = await screen('J3', { decision: 'reject', reason: '같은 사례의 중복 출품' });
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      rejectionReason: '같은 사례의 중복 출품',
    });
    // Judging cannot start with entries unscreened.
    await step(round.id, 'closeEntries');
    const early = await http.post(
      `/api/v1/contests/rounds/${round.id}/transitions`,
      { action: 'startJudging', version: await version(round.id) },
      as('doOffice'),
    );
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONTEST_ENTRIES_UNDECIDED');
    expect(early.body.entryIds.sort()).toEqual(
      [e.S1.id, e.S2.id, e.J1.id, e.J2.id, e.D1.id].sort(),
    );
    // Screened entries keep their files as they were.
    const late = await http.upload(
      `/api/v1/contests/entries/${e.J3.id}/attachments`,
      { name: 'x.txt', bytes: Buffer.from('x'), type: 'text/plain' },
      as('jcOffice'),
    );
    expect([late.status, late.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    for (const key of ['S1', 'S2', 'J1', 'J2', 'D1'])
      expect((await screen(key, { decision: 'accept' })).body.status).toBe('ACCEPTED');
    // The jcOffice sees its rejection and reason.
    expect(
      (await http.get(`/api/v1/contests/entries/${e.J3.id}`, as('jcOffice'))).body.rejectionReason,
    ).toBe('같은 사례의 중복 출품');
  });

  it('judges on a panel of the organiser with 제척, per field, deterministic ranks', async () => {
    const panel = await http.put(
      `/api/v1/contests/rounds/${round.id}/panel`,
      { memberIds: [A.judge1.id, A.judge2.id] },
      as('doOffice'),
    );
    expect(panel.status).toBe(200);
    const outsiderPanel = await http.put(
      `/api/v1/contests/rounds/${round.id}/panel`,
      { memberIds: [A.moisJudge.id] },
      as('doOffice'),
    );
    expect([outsiderPanel.status, outsiderPanel.body.details?.[0]?.field]).toEqual([
      400,
      'memberIds.0',
    ]);
    await step(round.id, 'startJudging');
    const put = (key: string, who: string, scores: object) =>
      http.put(`/api/v1/contests/entries/${e[key].id}/scores`, { scores }, as(who));
    const sheets: Array<[string, string, ReturnType<typeof sheet>]> = [
      ['S1', 'judge1', sheet(36, 18, 18, 9, 9)],
      ['S1', 'judge2', sheet(35, 18, 17, 9, 9)],
      ['J1', 'judge1', sheet(34, 17, 17, 8, 9)],
      ['J1', 'judge2', sheet(34, 17, 17, 8, 9)],
      ['S2', 'judge1', sheet(32, 16, 16, 8, 8)],
      ['S2', 'judge2', sheet(32, 16, 16, 8, 8)],
      ['D1', 'judge2', sheet(28, 14, 14, 7, 7)],
      ['J2', 'judge1', sheet(30, 15, 15, 7, 8)],
    ];
    // Ranking before every accepted entry is scored: 409 naming the unscored.
    const early = await http.post(
      `/api/v1/contests/rounds/${round.id}/ranking`,
      undefined,
      as('doOffice'),
    );
    expect([early.status, early.body.code]).toEqual([409, 'CONTEST_ENTRIES_UNDECIDED']);
    for (const [key, who, s] of sheets)
      expect([key, who, (await put(key, who, s)).status]).toEqual([key, who, 200]);
    // judge1 works in the 도 department that entered D1: 제척.
    const dq = await put('D1', 'judge1', sheet(40, 20, 20, 10, 10));
    expect([dq.status, dq.body.code, dq.body.disqualification]).toEqual([
      409,
      'CONTEST_JUDGE_DISQUALIFIED',
      'DEPARTMENT',
    ]);
    const over = await put('S1', 'judge1', { ...sheet(36, 18, 18, 9, 9), spread: 11, extra: 1 });
    expect(over.status).toBe(400);
    expect(over.body.details.map((d: any) => d.field).sort()).toEqual([
      'scores.extra',
      'scores.spread',
    ]);
    expect((await put('S1', 'doOffice', sheet(1, 1, 1, 1, 1))).status).toBe(403);
    expect((await put('S1', 'sgOffice', sheet(1, 1, 1, 1, 1))).status).toBe(403);

    const ranked = await http.post(
      `/api/v1/contests/rounds/${round.id}/ranking`,
      undefined,
      as('doOffice'),
    );
    expect(ranked.status).toBe(200);
    expect(
      ranked.body.entries.map((r: any) => [
        r.field,
        r.rank,
        r.title,
        r.finalScore,
        r.award?.award ?? null,
      ]),
    ).toEqual([
      ['innovation', 1, '민원 서식 간소화', 75, '최우수'],
      ['proactive', 1, '감귤 수확 인력 중개', 89, '최우수'],
      ['proactive', 2, '버스 노선 개편', 85, '우수'],
      ['proactive', 3, '폭염 대비 쉼터 지도', 80, '장려'],
      ['proactive', 4, '관광 안내 개선', 70, null],
    ]);
    expect(ranked.body.budget).toEqual({
      prizeTotalKrw: 800000,
      budgetKrw: 500000,
      withinBudget: false,
    });
    // Before publication: the entrant sees neither ranks nor scores, and an empty results list.
    const mine = await http.get(`/api/v1/contests/entries/${e.S1.id}`, as('sgOffice'));
    expect([mine.body.result, mine.body.sheets]).toEqual([null, null]);
    expect(
      (await http.get(`/api/v1/contests/rounds/${round.id}/results`, as('sgOffice'))).body,
    ).toMatchObject({ published: false, entries: [], budget: null });
    // The organiser sees both judges' sheets; a judge its own and the provisional result.
    expect(
      (await http.get(`/api/v1/contests/entries/${e.S1.id}`, as('doOffice'))).body.sheets,
    ).toHaveLength(2);
    const judged = await http.get(`/api/v1/contests/entries/${e.D1.id}`, as('judge1'));
    expect([
      judged.body.sheets,
      judged.body.myScore,
      judged.body.myDisqualification,
      judged.body.result.rank,
    ]).toEqual([null, null, 'DEPARTMENT', 4]);
  });

  it('links to the national round only when 행정안전부 accepts, and publishes within the budget', async () => {
    const nat = await http.post(
      '/api/v1/contests/rounds',
      {
        ...ROUND(),
        title: `${YEAR}년 전국 적극행정 우수사례 경진대회`,
        fields: [{ key: 'proactive', label: '적극행정' }],
        awardTable: [
          {
            fromRank: 1,
            toRank: 1,
            field: null,
            award: '최우수',
            commendation: '장관 표창',
            prizeKrw: 1000000,
            bonusPoints: 0,
            advances: false,
          },
        ],
        budgetKrw: 1000000,
        acceptsAdvancement: true,
      },
      as('moisOffice'),
    );
    expect(nat.status).toBe(201);
    national = nat.body;
    const closed = await http.post(
      '/api/v1/contests/rounds',
      { ...ROUND(), awardTable: [], title: '닫힌 대회' },
      as('outOffice'),
    );
    // A round that does not accept advancement, or none at all: the same 400.
    for (const id of [closed.body.id, randomUUID(), round.id]) {
      const res = await http.put(
        `/api/v1/contests/rounds/${round.id}/next-round`,
        { nextRoundId: id, version: await version(round.id) },
        as('doOffice'),
      );
      expect([res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([
        400,
        'INVALID_REFERENCE',
        'nextRoundId',
      ]);
    }
    const proposed = await http.put(
      `/api/v1/contests/rounds/${round.id}/next-round`,
      { nextRoundId: national.id, version: await version(round.id) },
      as('doOffice'),
    );
    expect(proposed.body.nextRound).toMatchObject({ roundId: national.id, linkStatus: 'PROPOSED' });

    // Over budget first: 409 with the figures, nothing changed.
    const over = await http.post(
      `/api/v1/contests/rounds/${round.id}/publish`,
      { version: await version(round.id) },
      as('doOffice'),
    );
    expect([over.status, over.body.code, over.body.prizeTotalKrw, over.body.budgetKrw]).toEqual([
      409,
      'CONTEST_BUDGET_EXCEEDED',
      800000,
      500000,
    ]);
    const patched = await http.patch(
      `/api/v1/contests/rounds/${round.id}`,
      { version: await version(round.id), budgetKrw: 800000 },
      as('doOffice'),
    );
    expect(patched.body.budgetKrw).toBe(800000);
    // Within budget, but the link is not accepted: no entry is pushed into a round that did not agree.
    const unlinked = await http.post(
      `/api/v1/contests/rounds/${round.id}/publish`,
      { version: await version(round.id) },
      as('doOffice'),
    );
    expect([unlinked.status, unlinked.body.code]).toEqual([409, 'CONTEST_ADVANCEMENT_UNAVAILABLE']);
    expect(
      (await http.get(`/api/v1/contests/rounds/${national.id}/entries`, as('moisOffice'))).body,
    ).toEqual([]);

    // The higher organiser sees the proposal and accepts it; nobody else may.
    const seen = await http.get(`/api/v1/contests/rounds/${national.id}`, as('moisOffice'));
    expect(seen.body.feeders).toEqual([
      expect.objectContaining({ roundId: round.id, linkStatus: 'PROPOSED' }),
    ]);
    expect(
      (
        await http.post(
          `/api/v1/contests/rounds/${national.id}/feeders`,
          { feederRoundId: round.id, decision: 'accept' },
          as('outOffice'),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await http.post(
          `/api/v1/contests/rounds/${national.id}/feeders`,
          { feederRoundId: round.id, decision: 'accept' },
          as('doOffice'),
        )
      ).status,
    ).toBe(403);
    const notFeeder = await http.post(
      `/api/v1/contests/rounds/${national.id}/feeders`,
      { feederRoundId: closed.body.id, decision: 'accept' },
      as('moisOffice'),
    );
    expect([notFeeder.status, notFeeder.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    const accepted = await http.post(
      `/api/v1/contests/rounds/${national.id}/feeders`,
      { feederRoundId: round.id, decision: 'accept' },
      as('moisOffice'),
    );
    expect(accepted.body.feeders[0].linkStatus).toBe('ACCEPTED');
    await step(national.id, 'open', 'moisOffice');

    const stale = await http.post(
      `/api/v1/contests/rounds/${round.id}/publish`,
      { version: 1 },
      as('doOffice'),
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const published = await http.post(
      `/api/v1/contests/rounds/${round.id}/publish`,
      { version: await version(round.id) },
      as('doOffice'),
    );
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'RESULTS_PUBLISHED',
      published: true,
      budget: { prizeTotalKrw: 800000, withinBudget: true },
    });
  });

  it('shows each entrant its ranks and awards, the round’s public ranking without scores, and creates award records', async () => {
    const s1 = (await http.get(`/api/v1/contests/entries/${e.S1.id}`, as('sgOffice'))).body;
    expect(s1).toMatchObject({
      status: 'AWARDED',
      result: {
        rank: 1,
        finalScore: 89,
        advances: true,
        award: { award: '최우수', commendation: '도지사 표창', prizeKrw: 300000, bonusPoints: 0.5 },
      },
      sheets: null,
      advancedTo: { roundId: national.id, status: 'SUBMITTED', rank: null },
    });
    const d1 = (await http.get(`/api/v1/contests/entries/${e.D1.id}`, as('doOffice'))).body;
    expect([d1.status, d1.result.award]).toEqual(['NOT_AWARDED', null]);
    const results = (await http.get(`/api/v1/contests/rounds/${round.id}/results`, as('sgOffice')))
      .body;
    expect(results.budget).toBeNull();
    expect(
      results.entries.map((r: any) => [r.field, r.rank, r.entrantOrganisationName, r.finalScore]),
    ).toEqual([
      ['innovation', 1, '제주시', null],
      ['proactive', 1, '서귀포시', null],
      ['proactive', 2, '제주시', null],
      ['proactive', 3, '서귀포시', null],
      ['proactive', 4, expect.stringContaining('제주특별자치도'), null],
    ]);
    // Still only its own entries in full.
    expect((await http.get(`/api/v1/contests/entries/${e.J1.id}`, as('sgOffice'))).status).toBe(
      404,
    );

    const awards = (await http.get('/api/v1/contests/awards', as('sgOffice'))).body;
    expect(
      awards
        .map((a: any) => [
          a.entryTitle,
          a.userId,
          a.award,
          a.prizeShareKrw,
          a.bonusPoints,
          a.hrStatus,
        ])
        .sort(),
    ).toEqual(
      [
        ['감귤 수확 인력 중개', A.sg1.id, '최우수', 300000, 0.5, 'PENDING'],
        ['폭염 대비 쉼터 지도', A.sg1.id, '장려', 100000, 0, 'PENDING'],
        ['폭염 대비 쉼터 지도', A.sg2.id, '장려', 100000, 0, 'PENDING'],
      ].sort(),
    );
    expect((await http.get('/api/v1/contests/awards', as('sg1'))).status).toBe(403);
    const organiserView = (
      await http.get(`/api/v1/contests/awards?roundId=${round.id}`, as('doOffice'))
    ).body;
    expect(organiserView.reduce((s: number, a: any) => s + a.prizeShareKrw, 0)).toBe(800000);
    // HR execution by the official's own 시; the organiser may read, not change it.
    const award = awards.find((a: any) => a.award === '최우수');
    expect(
      (
        await http.patch(
          `/api/v1/contests/awards/${award.id}`,
          { hrStatus: 'EXECUTED', version: award.version },
          as('doOffice'),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await http.patch(
          `/api/v1/contests/awards/${award.id}`,
          { hrStatus: 'EXECUTED', version: award.version },
          as('jcOffice'),
        )
      ).status,
    ).toBe(404);
    const noNote = await http.patch(
      `/api/v1/contests/awards/${award.id}`,
      { hrStatus: 'NOT_EXECUTED', version: award.version },
      as('sgOffice'),
    );
    expect([noNote.status, noNote.body.details?.[0]?.field]).toEqual([400, 'hrNote']);
    const done = await http.patch(
      `/api/v1/contests/awards/${award.id}`,
      { hrStatus: 'EXECUTED', version: award.version },
      as('sgOffice'),
    );
    expect(done.body).toMatchObject({ hrStatus: 'EXECUTED', version: award.version + 1 });
    expect(
      (
        await http.patch(
          `/api/v1/contests/awards/${award.id}`,
          { hrStatus: 'EXECUTED', version: award.version },
          as('sgOffice'),
        )
      ).status,
    ).toBe(409);
  });

  it('enters the two advancing entries into the national round with their history, visible to both levels', async () => {
    const natEntries = (
      await http.get(`/api/v1/contests/rounds/${national.id}/entries`, as('moisOffice'))
    ).body;
    expect(
      natEntries
        .map((x: any) => [
          x.title,
          x.entrantOrganisationId,
          x.advancedFrom?.entryId,
          x.advancedFrom?.rank,
        ])
        .sort(),
    ).toEqual(
      [
        ['감귤 수확 인력 중개', orgs.seogwipo, e.S1.id, 1],
        ['버스 노선 개편', orgs.jejuCity, e.J1.id, 2],
      ].sort(),
    );
    e.nS1 = natEntries.find((x: any) => x.advancedFrom.entryId === e.S1.id);
    e.nJ1 = natEntries.find((x: any) => x.advancedFrom.entryId === e.J1.id);
    // The entrant 시 reads the national round and its own entry there, not the other 시's.
    expect((await http.get(`/api/v1/contests/rounds/${national.id}`, as('sgOffice'))).status).toBe(
      200,
    );
    expect(
      (await http.get(`/api/v1/contests/rounds/${national.id}/entries`, as('sgOffice'))).body.map(
        (x: any) => x.id,
      ),
    ).toEqual([e.nS1.id]);
    expect((await http.get(`/api/v1/contests/entries/${e.nJ1.id}`, as('sgOffice'))).status).toBe(
      404,
    );
    // The 도 follows its winners; an unrelated body sees nothing.
    expect(
      (await http.get(`/api/v1/contests/rounds/${national.id}/entries`, as('doOffice'))).body,
    ).toHaveLength(2);
    expect((await http.get(`/api/v1/contests/entries/${e.nS1.id}`, as('outOffice'))).status).toBe(
      404,
    );
    const story = (await http.get(`/api/v1/contests/entries/${e.nS1.id}/history`, as('moisOffice')))
      .body;
    const actions = story.map((h: any) => `${h.recordId === e.S1.id ? 'do' : 'nat'}:${h.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'do:submit',
        'do:screening.accept',
        'do:result',
        'do:advance.out',
        'nat:advance.in',
      ]),
    );
    // The 행안부 organiser is not the lower level's organiser: the 도's scores stay the 도's.
    expect(actions).not.toContain('do:score');
    expect(
      (await http.get(`/api/v1/contests/entries/${e.S1.id}/history`, as('doOffice'))).body.map(
        (h: any) => h.action,
      ),
    ).toContain('score');
  });

  it('flows the national result back to the 시 entry and its award records', async () => {
    await http.post(
      `/api/v1/contests/entries/${e.nS1.id}/screening`,
      { decision: 'accept', version: e.nS1.version },
      as('moisOffice'),
    );
    await http.post(
      `/api/v1/contests/entries/${e.nJ1.id}/screening`,
      { decision: 'accept', version: e.nJ1.version },
      as('moisOffice'),
    );
    await step(national.id, 'closeEntries', 'moisOffice');
    await http.put(
      `/api/v1/contests/rounds/${national.id}/panel`,
      { memberIds: [A.moisJudge.id] },
      as('moisOffice'),
    );
    await step(national.id, 'startJudging', 'moisOffice');
    for (const [key, s] of [
      ['nS1', sheet(38, 19, 19, 9, 10)],
      ['nJ1', sheet(30, 15, 15, 8, 8)],
    ] as const)
      expect(
        (
          await http.put(
            `/api/v1/contests/entries/${e[key].id}/scores`,
            { scores: s },
            as('moisJudge'),
          )
        ).status,
      ).toBe(200);
    const pub = await http.post(
      `/api/v1/contests/rounds/${national.id}/publish`,
      { version: await version(national.id, 'moisOffice') },
      as('moisOffice'),
    );
    expect(pub.status).toBe(200);

    const back = (await http.get(`/api/v1/contests/entries/${e.S1.id}`, as('sgOffice'))).body;
    expect(back.advancedTo).toMatchObject({
      roundId: national.id,
      rank: 1,
      status: 'AWARDED',
      award: { award: '최우수', commendation: '장관 표창' },
    });
    const jc = (await http.get(`/api/v1/contests/entries/${e.J1.id}`, as('jcOffice'))).body;
    expect(jc.advancedTo).toMatchObject({ rank: 2, status: 'NOT_AWARDED', award: null });
    const history = (await http.get(`/api/v1/contests/entries/${e.S1.id}/history`, as('sgOffice')))
      .body;
    const flowed = history.find((h: any) => h.action === 'nextLevel.result');
    expect(flowed.changes).toMatchObject({
      nextLevelRank: { to: 1 },
      nextLevelAward: { to: '최우수' },
    });
    expect(history.map((h: any) => h.action)).not.toContain('score');
    const awards = (await http.get('/api/v1/contests/awards', as('sgOffice'))).body;
    expect(
      awards
        .filter((a: any) => a.roundId === national.id)
        .map((a: any) => [a.userId, a.commendation, a.prizeShareKrw]),
    ).toEqual([[A.sg1.id, '장관 표창', 1000000]]);
  });

  it('puts the results before the organiser’s 적극행정위원회 (CONTEST_RESULTS), with the named officials interested', async () => {
    const office = { ...A.doOffice, name: '도 적극행정과' };
    await person('civilian', D.doOffice, ['COMMITTEE'], '민간위원');
    const [judge1, judge2, civilian] = [
      { ...A.judge1, name: '심사위원가' },
      { ...A.judge2, name: '심사위원나' },
      { ...A.civilian, name: '민간위원' },
    ];
    await seatCommittee(http, office, [judge1, judge2, civilian]);
    const meeting = await heldMeeting(http, office, [judge1, judge2, civilian]);
    // Another organisation's round is no subject of this committee.
    const foreign = await http.post(
      `/api/v1/committee/meetings/${meeting.id}/agenda-items`,
      { subjectKind: 'CONTEST_RESULTS', subjectId: national.id },
      as('doOffice'),
    );
    expect(foreign.status).toBe(404);
    const item = await addItem(http, office, meeting.id, 'CONTEST_RESULTS', round.id);
    expect(item.title).toContain(round.title);
    expect(item.interestedParties).toEqual(
      expect.arrayContaining([
        { role: 'NOMINEE', userId: A.sg1.id, name: '고감귤' },
        { role: 'DEPARTMENT', departmentId: D.sgDept.id, name: '서귀포 감귤농정과' },
        { role: 'NOMINATOR', userId: A.sgOffice.id, name: 'sgOffice' },
      ]),
    );
    // judge1's department entered the contest: excluded (제척), not present for the item.
    expect(item.exclusions).toEqual([
      expect.objectContaining({ userId: judge1.id, kind: 'DISQUALIFIED', role: 'DEPARTMENT' }),
    ]);
    const barred = await castVote(http, judge1, item.id, 'FOR');
    expect([barred.status, barred.body.code]).toEqual([409, 'MEMBER_EXCLUDED']);
    for (const m of [judge2, civilian]) {
      expect((await castVote(http, m, item.id, 'FOR')).status).toBe(200);
    }
    const resolved = await resolveItem(http, office, item.id, '결과 원안 의결');
    expect([resolved.status, resolved.body.outcome]).toEqual([200, 'PASSED']);
    const { rows } = await factory.db.query<{ action: string; reason: string | null }>(
      `SELECT action, reason FROM history WHERE record_type = 'contest_round' AND record_id = $1 ORDER BY id`,
      [round.id],
    );
    expect(rows.at(-1)).toEqual({ action: 'committee.resolve', reason: '결과 원안 의결' });
  });

  it('exports entries, scores and results as XLSX with Korean headers, for the organiser with a reason', async () => {
    const url = (q: string) => `/api/v1/contests/rounds/${round.id}/export?${q}`;
    expect((await http.get(url(''), as('doOffice'))).status).toBe(400);
    expect((await http.download(url('reason=검토'), as('sgOffice'))).status).toBe(403);
    expect((await http.download(url('reason=검토'), as('sg1'))).status).toBe(403);
    const file = await http.download(
      url(`reason=${encodeURIComponent('포상 집행 자료 제출')}`),
      as('doOffice'),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain(XLSX_TYPE);
    const book = await readWorkbook(file.bytes);
    expect(Object.keys(book)).toEqual(['출품작', '심사 점수', '결과']);
    expect(book['결과'][0]).toEqual([
      '분야',
      '순위',
      '사례명',
      '출품 기관',
      '최종 점수',
      '시상',
      '표창',
      '포상금(원)',
      '근평 가점',
      '상위 대회 진출',
      '상위 대회 결과',
    ]);
    expect(book['결과'].slice(1).map((r) => [r[0], r[1], r[2], r[5], r[7], r[9], r[10]])).toEqual([
      ['정부혁신', 1, '민원 서식 간소화', '최우수', 300000, '', ''],
      ['적극행정', 1, '감귤 수확 인력 중개', '최우수', 300000, '진출', '1위 최우수'],
      ['적극행정', 2, '버스 노선 개편', '우수', 0, '진출', '2위'],
      ['적극행정', 3, '폭염 대비 쉼터 지도', '장려', 200000, '', ''],
      ['적극행정', 4, '관광 안내 개선', '', 0, '', ''],
    ]);
    expect(book['심사 점수'][0]).toEqual([
      '분야',
      '사례명',
      '출품 기관',
      '심사위원',
      '국민체감도(40)',
      '적극성(20)',
      '창의성·전문성(20)',
      '난이도(10)',
      '확산가능성(10)',
      '합계',
    ]);
    expect(book['심사 점수']).toHaveLength(1 + 8);
    expect(book['출품작']).toHaveLength(1 + 6);
    const { rows } = await factory.db.query(
      `SELECT reason FROM access_log WHERE record_type = 'contest_round' AND record_id = $1`,
      [round.id],
    );
    expect(rows.map((r) => r.reason)).toEqual(['포상 집행 자료 제출']);
  });
});
