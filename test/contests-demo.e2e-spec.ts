import { ContestsDemoSeed } from '@gwaje/contests';
import { DEMO_PASSWORD } from '@gwaje/identity';
import { login } from './support/factory.js';
import { useDemoDatabase } from './support/demo-database.js';

/** Own database, as in business-demo.e2e-spec.ts: seeding is global to a database. */
describe('demo data: contests across levels', () => {
  const demo = useDemoDatabase('contests_demo');

  const counts = async () =>
    (
      await demo.db.query(
        `SELECT (SELECT count(*) FROM contest_rounds)::int AS rounds, (SELECT count(*) FROM contest_entries)::int AS entries,
                (SELECT count(*) FROM contest_awards)::int AS awards, (SELECT count(*) FROM users)::int AS users,
                (SELECT count(*) FROM history)::int AS history`,
      )
    ).rows[0];
  const token = async (email: string) =>
    (await login(demo.api.http, { email, password: DEMO_PASSWORD })).accessToken;

  it('seeds 제주 (서귀포시 3rd, 5th, 9th, 10th), the national round fed by it, and 고용노동부’s two fields; a second run changes nothing', async () => {
    expect((await demo.context.get(ContestsDemoSeed).run()).created).toBeGreaterThan(0);
    const after = await counts();
    expect((await demo.context.get(ContestsDemoSeed).run()).created).toBe(0);
    expect(await counts()).toEqual(after);

    // 서귀포시 sees its own four entries with ranks and awards, through the API.
    const sg = await token('office@seogwipo.demo.gwaje.kr');
    const rounds = (await demo.api.http.get('/api/v1/contests/rounds', { token: sg })).body;
    const jeju = rounds.find((r: any) => r.organisationName === '제주특별자치도');
    expect(jeju).toMatchObject({
      status: 'RESULTS_PUBLISHED',
      nextRound: { linkStatus: 'ACCEPTED' },
    });
    const mine = (
      await demo.api.http.get(`/api/v1/contests/rounds/${jeju.id}/entries`, { token: sg })
    ).body;
    expect(
      mine
        .map((e: any) => [
          e.result.rank,
          e.result.award?.award,
          e.result.award?.commendation,
          e.result.award?.prizeKrw,
          e.result.award?.bonusPoints,
          e.result.advances,
        ])
        .sort((a: any[], b: any[]) => a[0] - b[0]),
    ).toEqual([
      [3, '우수', null, 0, 0.3, true],
      [5, '우수', null, 0, 0.3, true],
      [9, '장려', '도지사 표창', 200000, 0, false],
      [10, '장려', '도지사 표창', 200000, 0, false],
    ]);
    // Two of them advanced into 행정안전부's national round, which accepted 제주's round as a feeder.
    const advanced = mine.filter((e: any) => e.advancedTo);
    expect(advanced.map((e: any) => e.advancedTo.roundTitle)).toEqual([
      expect.stringContaining('전국'),
      expect.stringContaining('전국'),
    ]);
    const mois = await token('office@mois.demo.gwaje.kr');
    const national = (
      await demo.api.http.get(`/api/v1/contests/rounds/${jeju.nextRound.roundId}`, { token: mois })
    ).body;
    expect(national.feeders).toEqual([
      expect.objectContaining({ roundId: jeju.id, linkStatus: 'ACCEPTED' }),
    ]);
    const natEntries = (
      await demo.api.http.get(`/api/v1/contests/rounds/${national.id}/entries`, { token: mois })
    ).body;
    expect(natEntries.filter((e: any) => e.entrantOrganisationName === '서귀포시')).toHaveLength(2);

    // 고용노동부: two fields with a 최우수상 each, one of them 근로복지공단's.
    const moel = await token('office@moel.demo.gwaje.kr');
    const moelRound = (await demo.api.http.get('/api/v1/contests/rounds', { token: moel })).body[0];
    const results = (
      await demo.api.http.get(`/api/v1/contests/rounds/${moelRound.id}/results`, { token: moel })
    ).body;
    expect(
      results.entries
        .filter((e: any) => e.rank === 1)
        .map((e: any) => [e.field, e.award.award, e.entrantOrganisationName]),
    ).toEqual([
      ['innovation', '최우수상', '근로복지공단'],
      ['proactive', '최우수상', '고용노동부'],
    ]);
    expect(results.budget.withinBudget).toBe(true);
  });
});
