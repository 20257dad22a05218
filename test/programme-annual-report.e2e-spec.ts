import { useTestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { addItem, castVote, heldMeeting, resolveItem, seatCommittee } from './support/committee.js';
import {
  type ConsultationWorld,
  consultationInState,
  consultationWorld,
} from './support/consultations.js';
import {
  aggregate,
  confirm,
  evaluationWorld,
  expectStatus,
  readWorkbook,
  roundInScoring,
  score,
  sheet,
} from './support/evaluations.js';
import { login } from './support/factory.js';
import { type Drivers, taskInState, YEAR } from './support/tasks.js';

// The annual 적극행정 추진실적 report upward (DOMAIN.md §9, issue 22 part 7): a 구 under a 시 builds
// a small year through the API (tasks, pre-consultations, a committee meeting), its office generates
// the report and every figure is checked against a hand count; versions, submission upward, the
// parent's side-by-side view (figures only), and the XLSX and PDF exports (the PDF parsed back).

const R = '/api/v1/annual-reports';
type Figures = Record<string, Record<string, number | null>>;
const figuresOf = (report: { sections: any[] }): Figures =>
  Object.fromEntries(
    report.sections.map((s: any) => [
      s.name,
      Object.fromEntries(s.figures.map((f: any) => [f.key, f.value])),
    ]),
  );

describe('적극행정 추진실적 (annual report)', () => {
  const { http, factory } = useTestApi();
  let w: ConsultationWorld;
  let drivers: Drivers;
  /** A task of the year the consultations are about (so they count in YEAR). */
  let anchor: any;

  const setTimes = (id: string, submitted: string, opinion: string | null) =>
    factory.db.query(
      `UPDATE consultations SET submitted_at = $2::timestamptz,
              opinion_at = COALESCE($3::timestamptz, opinion_at) WHERE id = $1`,
      [id, submitted, opinion],
    );

  beforeAll(async () => {
    w = await consultationWorld(http, factory);
    drivers = { creator: w.staff.token, head: w.head.token, office: w.office.token };
    const task = (state: Parameters<typeof taskInState>[2]) =>
      taskInState(http, drivers, state, w.staff.id);
    // Tasks of YEAR: 2 completed, 1 in progress, 1 selected (not started) → 4 selected; a proposal
    // and a dropped task are not selected.
    [anchor] = await Promise.all(
      (['COMPLETED', 'COMPLETED', 'IN_PROGRESS', 'SELECTED', 'PROPOSED', 'DROPPED'] as const).map(
        task,
      ),
    );
    // Pre-consultations about the year's task: closed as followed, opinion issued, rejected,
    // submitted, and a draft (not requested).
    const about = { taskId: anchor.id };
    const [closed, issued, rejected, submitted] = await Promise.all(
      ['CLOSED', 'OPINION_ISSUED', 'REJECTED', 'SUBMITTED', 'DRAFT'].map((state) =>
        consultationInState(http, w, state, about),
      ),
    );
    // Their dates, so the turnaround is a hand count in business days: 2025-09-30 → 10-10 skips
    // 개천절, 추석 and 한글날 (3 business days); Friday 2025-03-07 → Monday 03-10 is 1.
    await setTimes(closed.id, '2025-09-30T09:00:00+09:00', '2025-10-10T17:00:00+09:00');
    await setTimes(issued.id, '2025-03-07T16:00:00+09:00', '2025-03-10T10:00:00+09:00');
    await setTimes(rejected.id, '2025-03-03T10:00:00+09:00', null);
    await setTimes(submitted.id, '2025-03-04T10:00:00+09:00', null);
    // The committee: one meeting held in YEAR deciding one item (passed), one only scheduled.
    const committeeDept = await factory.dept(w.org.id);
    const members = await Promise.all(
      [0, 1, 2].map(async () => {
        const u = await factory.user(committeeDept, ['COMMITTEE'], { name: '위원' });
        return { ...u, name: '위원', token: (await login(http, u)).accessToken };
      }),
    );
    const office = { ...w.office, name: '전담' };
    await seatCommittee(http, office, members);
    const meeting = await heldMeeting(http, office, members);
    const item = await addItem(http, office, meeting.id, 'OTHER', null, '적극행정 추진계획 보고');
    for (const m of members) expectStatus(await castVote(http, m, item.id, 'FOR'), 200, 'vote');
    expectStatus(await resolveItem(http, office, item.id), 200, 'resolve');
    expectStatus(
      await http.post(
        '/api/v1/committee/meetings',
        { title: '예정 회의', meetingDate: `${YEAR}-12-20`, kind: 'IN_PERSON' },
        { token: w.office.token },
      ),
      201,
      'scheduled meeting',
    );
  }, 120_000);

  let v1: any;

  it('computes every figure from the records, equal to the hand count, as version 1', async () => {
    // Only the office generates; bad input is a 400 naming the field and changes nothing.
    const before = await businessChecksum(factory.db);
    for (const who of [w.auditor, w.staff, w.head, w.committee, w.admin]) {
      const res = await http.post(R, { year: YEAR }, { token: who.token });
      expect([who.roles[0], res.status]).toEqual([who.roles[0], 403]);
    }
    const bad = await http.post(R, { year: 1999 }, { token: w.office.token });
    expect([bad.status, bad.body.details.map((d: any) => d.field)]).toEqual([400, ['year']]);
    const none = await http.get(`${R}/${YEAR}`, { token: w.auditor.token });
    expect(none.status).toBe(404);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const res = await http.post(R, { year: YEAR }, { token: w.office.token });
    expect(res.status).toBe(201);
    v1 = res.body;
    expect(v1).toMatchObject({
      organisationId: w.org.id,
      organisationName: w.org.name,
      year: YEAR,
      version: 1,
      latestVersion: 1,
      status: 'DRAFT',
      generatedBy: { id: w.office.id },
      submittedAt: null,
      allowedActions: ['generate', 'submit'],
    });
    const f = figuresOf(v1);
    expect(f.tasks).toEqual({
      selected: 4,
      completed: 2,
      inProgress: 1,
      suspended: 0,
      completionRate: 0.5,
    });
    expect(f.consultations).toEqual({
      requested: 4,
      answered: 2,
      rejected: 1,
      averageTurnaround: 2, // (3 + 1) / 2 business days
      followed: 1,
      immunityPresumed: 1,
    });
    expect(f.committee).toEqual({
      meetingsHeld: 1,
      writtenMeetings: 0,
      itemsDecided: 1,
      itemsPassed: 1,
    });
    expect(f.contests).toEqual({ roundsOrganised: 0, entries: 0, awards: 0 });
    // Nobody selected: the share of major incentives cannot be computed (null), not 0.
    expect(f.evaluations.selectedOfficials).toBe(0);
    expect(f.evaluations.incentives).toBe(0);
    expect(f.evaluations.majorIncentiveShare).toBeNull();
    // Every figure is labelled in both languages with its unit.
    for (const s of v1.sections)
      for (const fig of s.figures) {
        expect(fig.labelKo.length * fig.labelEn.length).toBeGreaterThan(0);
        expect(['COUNT', 'PEOPLE', 'SHARE', 'DAYS', 'HOURS', 'WON']).toContain(fig.unit);
      }

    // The auditor and the administrator read it (no actions for them); staff and heads do not.
    const read = await http.get(`${R}/${YEAR}`, { token: w.auditor.token });
    expect([read.status, read.body.version, read.body.allowedActions]).toEqual([200, 1, []]);
    expect(figuresOf(read.body)).toEqual(f);
    expect((await http.get(`${R}/${YEAR}`, { token: w.admin.token })).status).toBe(200);
    expect((await http.get(`${R}/${YEAR}`, { token: w.staff.token })).status).toBe(403);
    expect((await http.get(`${R}/${YEAR}`, { token: w.head.token })).status).toBe(403);
    expect((await http.get(`${R}/${YEAR}`, { token: w.committee.token })).status).toBe(403);
    // Another organisation's readers see only their own (none: 404).
    expect((await http.get(`${R}/${YEAR}`, { token: w.siblingAuditor.token })).status).toBe(404);
  });

  it('regenerates as a new version, keeps the old one, and submits only the latest draft', async () => {
    await taskInState(http, drivers, 'COMPLETED', w.staff.id);
    const res = await http.post(R, { year: YEAR }, { token: w.office.token });
    expect([res.status, res.body.version]).toEqual([201, 2]);
    const f2 = figuresOf(res.body);
    expect([f2.tasks.selected, f2.tasks.completed, f2.tasks.completionRate]).toEqual([5, 3, 0.6]);
    // Version 1 is unchanged, and says it is no longer the latest (nothing to submit on it).
    const old = await http.get(`${R}/${YEAR}?version=1`, { token: w.office.token });
    expect([old.body.version, old.body.latestVersion, old.body.allowedActions]).toEqual([
      1,
      2,
      ['generate'],
    ]);
    expect(figuresOf(old.body)).toEqual(figuresOf(v1));
    expect((await http.get(`${R}/${YEAR}?version=3`, { token: w.office.token })).status).toBe(404);
    const versions = await http.get(`${R}/${YEAR}/versions`, { token: w.auditor.token });
    expect(versions.body.map((v: any) => [v.version, v.status])).toEqual([
      [2, 'DRAFT'],
      [1, 'DRAFT'],
    ]);

    // Submitting the version read before the regeneration is a conflict; an auditor may not.
    const before = await businessChecksum(factory.db);
    const stale = await http.post(`${R}/${YEAR}/submit`, { version: 1 }, { token: w.office.token });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const auditor = await http.post(
      `${R}/${YEAR}/submit`,
      { version: 2 },
      { token: w.auditor.token },
    );
    expect(auditor.status).toBe(403);
    const missing = await http.post(`${R}/${YEAR}/submit`, {}, { token: w.office.token });
    expect([missing.status, missing.body.details.map((d: any) => d.field)]).toEqual([
      400,
      ['version'],
    ]);
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);

    const ok = await http.post(`${R}/${YEAR}/submit`, { version: 2 }, { token: w.office.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      version: 2,
      status: 'SUBMITTED',
      submittedBy: { id: w.office.id },
      allowedActions: ['generate'],
    });
    expect(typeof ok.body.submittedAt).toBe('string');
    const again = await http.post(`${R}/${YEAR}/submit`, { version: 2 }, { token: w.office.token });
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const history = await factory.db.query(
      `SELECT action FROM history WHERE record_type = 'annual_report' AND record_id = $1 ORDER BY record_seq`,
      [ok.body.id],
    );
    expect(history.rows.map((r) => r.action)).toEqual(['generate', 'submit']);
  });

  it('shows the parent organisation its subordinates’ latest figures side by side, no names', async () => {
    const res = await http.get(`${R}?year=${YEAR}&scope=subordinates`, {
      token: w.parentOffice.token,
    });
    expect(res.status).toBe(200);
    const byOrg = new Map(res.body.map((o: any) => [o.organisationId, o]));
    expect([...byOrg.keys()].sort()).toEqual([w.org.id, w.sibling.id].sort());
    const gu: any = byOrg.get(w.org.id);
    expect(gu).toMatchObject({ depth: 1, parentId: w.parent.id });
    expect(Object.keys(gu.report).sort()).toEqual(
      ['generatedAt', 'sections', 'status', 'submittedAt', 'version'].sort(),
    );
    expect([gu.report.version, gu.report.status]).toEqual([2, 'SUBMITTED']);
    expect(figuresOf(gu.report).tasks.completed).toBe(3);
    expect((byOrg.get(w.sibling.id) as any).report).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(w.office.id);
    // The 구's own scope is itself; a 구 has no subordinates; a bad scope is a 400.
    const own = await http.get(`${R}?year=${YEAR}`, { token: w.auditor.token });
    expect(own.body.map((o: any) => [o.organisationId, o.report?.version])).toEqual([
      [w.org.id, 2],
    ]);
    const below = await http.get(`${R}?year=${YEAR}&scope=subordinates`, {
      token: w.office.token,
    });
    expect(below.body).toEqual([]);
    const bad = await http.get(`${R}?year=${YEAR}&scope=everyone`, { token: w.office.token });
    expect([bad.status, bad.body.details.map((d: any) => d.field)]).toEqual([400, ['scope']]);
    expect((await http.get(`${R}?year=${YEAR}`, { token: w.staff.token })).status).toBe(403);
  });

  it('exports the report as XLSX with Korean labels and as a PDF with the Korean font embedded', async () => {
    const xlsx = await http.download(`${R}/${YEAR}/export.xlsx?version=1`, {
      token: w.auditor.token,
    });
    expect(xlsx.status).toBe(200);
    const sheet = (await readWorkbook(xlsx.bytes))['추진실적'];
    expect(sheet[0][0]).toBe(`${YEAR}년 적극행정 추진실적`);
    const header = sheet.findIndex((r) => r[0] === '구분');
    expect(sheet[header]).toEqual(['구분', '항목', '실적', '단위']);
    const rows = sheet.slice(header + 1);
    expect(rows).toContainEqual(['적극행정 중점과제', '완료', 2, '건']);
    expect(rows).toContainEqual(['적극행정 중점과제', '완료율', 0.5, '비율(%)']);
    expect(rows).toContainEqual(['사전컨설팅', '평균 처리기간(근무일)', 2, '일']);
    expect(rows).toContainEqual(['적극행정위원회 운영', '개최 회의', 1, '건']);

    const pdf = await http.download(`${R}/${YEAR}/export.pdf`, { token: w.office.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is embedded (a TrueType subset with a ToUnicode map), not referenced.
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    // Parsed back with PDF.js, the Korean text is there as text.
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf.bytes), isEvalSupported: false })
      .promise;
    // The title block opens page 1; the tables break across pages (more sections, more pages);
    // the closing note ends the last page.
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(
        (await page.getTextContent()).items
          .map((i: any) => ('str' in i ? i.str : ''))
          .filter((t: string) => t.trim())
          .join('\n'),
      );
    }
    expect(pages[0].startsWith(`${YEAR}년 적극행정 추진실적\n${w.org.name}`)).toBe(true);
    expect(pages[pages.length - 1]).toMatch(/Gwaje\(과제\)가 기관의 기록에서 산출한 수치입니다/);
    const text = pages.join('\n');
    expect(text).toContain(`${YEAR}년 적극행정 추진실적`);
    expect(text).toContain(w.org.name);
    expect(text).toContain('제2판');
    expect(text).toContain('상급기관 제출');
    expect(text).toMatch(/완료율\n60\.0%/);
    expect(text).toMatch(/평균 처리기간\(근무일\)\n2일/);
    await doc.destroy();

    expect((await http.download(`${R}/${YEAR}/export.pdf`, { token: w.staff.token })).status).toBe(
      403,
    );
    expect(
      (await http.download(`${R}/${YEAR - 5}/export.pdf`, { token: w.office.token })).status,
    ).toBe(404);
    const exported = await factory.db.query(
      `SELECT filter->>'format' AS format FROM access_log
        WHERE user_id = ANY($1::uuid[]) AND record_type = 'annual_report' AND action = 'EXPORT'
        ORDER BY occurred_at`,
      [[w.auditor.id, w.office.id]],
    );
    expect(exported.rows.map((r) => r.format)).toEqual(['xlsx', 'pdf']);
  });

  it('counts the officials selected in the year and their incentives, with the share of major ones', async () => {
    // Another organisation: a round of four officials scored by one member, confirmed by the
    // committee (the criteria and the results: two meetings, two items passed), then incentives.
    const ew = await evaluationWorld(http, factory, { staff: 4, members: 3 });
    const [m1] = ew.members;
    const { round, nominations: ns } = await roundInScoring(
      http,
      ew,
      ew.staff.map((official) => ({
        by: ew.head,
        type: 'OFFICIAL' as const,
        source: 'DEPARTMENT' as const,
        nomineeUserIds: [official.id],
      })),
      { members: [m1] },
    );
    const totals = [sheet(36, 18, 18, 9, 9), sheet(34, 17, 17, 9, 8), sheet(32, 16, 16, 8, 8)];
    for (const [i, n] of ns.entries())
      await score(http, m1, n.id, totals[i] ?? sheet(20, 10, 10, 5, 5));
    await aggregate(http, ew.office, round.id);
    await confirm(http, ew.office, round.id, ew.members);
    const graded = expectStatus(
      await http.get(`/api/v1/evaluation-rounds/${round.id}/nominations`, {
        token: ew.office.token,
      }),
      200,
      'nominations',
    );
    // Ranks 1–4 are all above the last grade band (노력, EFFORT, rank 7 on): four selected.
    const selected = graded.filter((n: any) => n.results.grade !== 'EFFORT');
    expect(selected.length).toBe(4);
    const grant = (i: number, incentiveType: string) =>
      http.post(
        `/api/v1/evaluation-rounds/${round.id}/incentives`,
        { nominationId: ns[i].id, userId: ew.staff[i].id, incentiveType },
        { token: ew.office.token },
      );
    expectStatus(await grant(0, 'SPECIAL_PROMOTION'), 201, 'grant 1');
    expectStatus(await grant(1, 'REWARD_LEAVE'), 201, 'grant 2');
    expectStatus(await grant(2, 'TOP_PERFORMANCE_BONUS'), 201, 'grant 3');

    const res = await http.post(R, { year: YEAR }, { token: ew.office.token });
    expect(res.status).toBe(201);
    const f = figuresOf(res.body);
    // 4 selected, 3 incentives granted (the fourth official has none yet), 2 of the 4 with a
    // major one (특별승진, 성과상여금 최고등급): 2 / 4.
    expect(f.evaluations).toEqual({
      selectedOfficials: 4,
      incentives: 3,
      incentiveSpecialPromotion: 1,
      incentiveSpecialStepIncrease: 0,
      incentiveTopPerformanceBonus: 1,
      incentiveRewardLeave: 1,
      incentiveSeniorTreatmentShortening: 0,
      incentiveRatingBonusPoints: 0,
      incentiveSeniorityPromotionShortening: 0,
      incentiveOther: 0,
      majorIncentiveOfficials: 2,
      majorIncentiveShare: 0.5,
    });
    expect(f.committee).toEqual({
      meetingsHeld: 2,
      writtenMeetings: 0,
      itemsDecided: 2,
      itemsPassed: 2,
    });
    expect(f.tasks.selected).toBe(0);
    expect(f.tasks.completionRate).toBeNull();
  }, 60_000);
});
