import { useTestApi } from './support/app.js';
import { seoulToday, taskHistory, taskWorld, type TaskWorld, YEAR } from './support/tasks.js';

// Issue 19, bulk work: the office selects, rejects or drops many proposals in one request (all or
// nothing, each item's problem named), and milestones are completed with their actual dates at once.

describe('bulk work (issue 19)', () => {
  const { http, factory } = useTestApi();
  let w: TaskWorld;

  beforeAll(async () => {
    w = await taskWorld(http, factory);
  });

  const bulk = (token: string, body: Record<string, unknown>) =>
    http.post('/api/v1/tasks/bulk-transitions', body, { token });
  const get = async (id: string) =>
    (await http.get(`/api/v1/tasks/${id}`, { token: w.office.token })).body;

  it('selects many proposals in one request, each with its history entry', async () => {
    const a = await w.task('PROPOSED');
    const b = await w.task('PROPOSED');
    const res = await bulk(w.office.token, {
      action: 'select',
      items: [
        { taskId: a.id, version: a.version },
        { taskId: b.id, version: b.version },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.map((t: any) => [t.id, t.status])).toEqual([
      [a.id, 'SELECTED'],
      [b.id, 'SELECTED'],
    ]);
    for (const t of [a, b]) {
      const history = await taskHistory(http, w.office.token, t.id);
      expect(history.at(-1)).toMatchObject({
        action: 'select',
        actorId: w.office.id,
        changes: { status: { from: 'PROPOSED', to: 'SELECTED' } },
      });
    }
  });

  it('is all or nothing: one item that cannot move leaves every task as it was, each problem named', async () => {
    const ok = await w.task('PROPOSED');
    const draft = await w.task('DRAFT');
    const stale = await w.task('PROPOSED');
    const foreign = (await factory.world(['STAFF'])).org.id; // an id that names no task of ours
    const res = await bulk(w.office.token, {
      action: 'reject',
      reason: '선정 기준 미충족',
      items: [
        { taskId: ok.id, version: ok.version },
        { taskId: draft.id, version: draft.version },
        { taskId: stale.id, version: stale.version + 5 },
        { taskId: foreign, version: 1 },
        { taskId: ok.id, version: ok.version },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: any) => [d.field, d.code])).toEqual([
      ['items.1.taskId', 'notAllowed'],
      ['items.2.version', 'stale'],
      ['items.3.taskId', 'readableTask'],
      ['items.4.taskId', 'unique'],
    ]);
    for (const t of [ok, draft, stale]) {
      const now = await get(t.id);
      expect([now.status, now.version]).toEqual([t.status, t.version]);
    }
  });

  it('answers as for one task when the request is right but the tasks refuse: 409, each named', async () => {
    const ok = await w.task('PROPOSED');
    const draft = await w.task('DRAFT');
    const stale = await w.task('PROPOSED');
    const items = [
      { taskId: ok.id, version: ok.version },
      { taskId: draft.id, version: draft.version },
      { taskId: stale.id, version: stale.version + 5 },
    ];
    const refused = await bulk(w.office.token, { action: 'select', items });
    expect([refused.status, refused.body.code, refused.body.resource]).toEqual([
      409,
      'ILLEGAL_TRANSITION',
      'task',
    ]);
    expect(refused.body.details.map((d: any) => [d.field, d.code])).toEqual([
      ['items.1.taskId', 'notAllowed'],
      ['items.2.version', 'stale'],
    ]);
    const onlyStale = await bulk(w.office.token, {
      action: 'select',
      items: [items[0], items[2]],
    });
    expect([onlyStale.status, onlyStale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await get(ok.id)).status).toBe('PROPOSED');
  });

  it('needs a reason to reject or drop, and is the office’s alone', async () => {
    const t = await w.task('PROPOSED');
    const items = [{ taskId: t.id, version: t.version }];
    const noReason = await bulk(w.office.token, { action: 'drop', items });
    expect([noReason.status, noReason.body.details?.[0]?.field]).toEqual([400, 'reason']);
    for (const who of [w.head, w.staff, w.auditor, w.admin]) {
      const res = await bulk(who.token, { action: 'select', items });
      expect(res.status).toBe(403);
    }
    const bad = await bulk(w.office.token, { action: 'start', items });
    expect([bad.status, bad.body.details?.[0]?.field]).toEqual([400, 'action']);
    const empty = await bulk(w.office.token, { action: 'select', items: [] });
    expect([empty.status, empty.body.details?.[0]?.field]).toEqual([400, 'items']);
    expect((await get(t.id)).status).toBe('PROPOSED');
  });

  it('completes several milestones at once with their actual dates; a past one needs its reason', async () => {
    const t = await w.task('IN_PROGRESS', {
      milestones: [
        { title: '조사', dueDate: `${YEAR}-03-31` },
        { title: '설계', dueDate: `${YEAR}-06-30` },
        { title: '시공', dueDate: `${YEAR}-09-30` },
      ],
    });
    const [m1, m2, m3] = t.milestones;
    const today = seoulToday();
    const url = `/api/v1/tasks/${t.id}/milestones/complete`;
    // A date before the task's year (next year here) and a future one: refused, nothing changes.
    const refused = await http.post(
      url,
      {
        items: [
          { milestoneId: m1.id, version: m1.version, doneDate: '2020-05-01' },
          { milestoneId: m2.id, version: m2.version, doneDate: '2999-01-01' },
          { milestoneId: t.id, version: 1 },
        ],
      },
      { token: w.head.token },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: any) => [d.field, d.code])).toEqual([
      ['items.0.doneDate', 'withinYear'],
      ['lateEntryReason', 'required'],
      ['items.1.doneDate', 'notInFuture'],
      ['items.2.milestoneId', 'taskMilestone'],
    ]);
    const unchanged = (await http.get(url.replace('/complete', ''), { token: w.head.token })).body;
    expect(unchanged.map((m: any) => m.status)).toEqual(['PLANNED', 'PLANNED', 'PLANNED']);

    const done = await http.post(
      url,
      {
        items: [
          { milestoneId: m1.id, version: m1.version, doneDate: today },
          { milestoneId: m3.id, version: m3.version },
        ],
      },
      { token: w.owner.token },
    );
    expect(done.status).toBe(200);
    expect(done.body.map((m: any) => [m.title, m.status, m.doneDate, m.doneEnteredLater])).toEqual([
      ['조사', 'DONE', today, false],
      ['시공', 'DONE', today, false],
    ]);
    // A stale version: 409, nothing changes.
    const stale = await http.post(
      url,
      { items: [{ milestoneId: m2.id, version: m2.version + 3 }] },
      { token: w.owner.token },
    );
    expect(stale.status).toBe(409);
    // Someone who may not record progress: 403 before the items are looked at.
    const partner = await http.post(
      url,
      { items: [{ milestoneId: m2.id, version: m2.version }] },
      { token: w.partner.token },
    );
    expect(partner.status).toBe(403);
  });
});
