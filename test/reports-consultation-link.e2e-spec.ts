import { useTestApi } from './support/app.js';
import { draftConsultation } from './support/consultations.js';
import { activeTaskSince, openReport } from './support/reports.js';
import { taskWorld } from './support/tasks.js';

/** DOMAIN.md §3: a report's support request may name a pre-consultation. */
describe('reports: linking a pre-consultation', () => {
  const { http, factory } = useTestApi();

  it('accepts a consultation the editor may read and refuses others, changing nothing', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await openReport(http, w.staff.token, task.id, '2025-Q3');
    const own = await draftConsultation(http, w.staff.token, { taskId: task.id });
    const foreign = await draftConsultation(http, w.outsider.token);

    const patch = (version: number, consultationId: unknown) =>
      http.patch(
        `/api/v1/reports/${report.id}`,
        { version, supportNeeded: '법령 해석 지원', consultationId },
        { token: w.staff.token },
      );

    for (const bad of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await patch(report.version, bad);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: 'consultationId', code: 'readableConsultation' }),
      ]);
    }
    const invalid = await patch(report.version, 'not-a-uuid');
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].field).toBe('consultationId');
    const unchanged = await http.get(`/api/v1/reports/${report.id}`, { token: w.staff.token });
    expect(unchanged.body).toMatchObject({ version: report.version, consultationId: null });

    const linked = await patch(report.version, own.id);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ consultationId: own.id, supportNeeded: '법령 해석 지원' });

    const cleared = await patch(linked.body.version, null);
    expect(cleared.status).toBe(200);
    expect(cleared.body.consultationId).toBeNull();
    const history = await http.get(`/api/v1/reports/${report.id}/history`, {
      token: w.staff.token,
    });
    const links = history.body.filter(
      (e: { changes: Record<string, unknown> }) => 'consultationId' in e.changes,
    );
    expect(links.map((e: { changes: any }) => e.changes.consultationId)).toEqual([
      { from: null, to: own.id },
      { from: own.id, to: null },
    ]);
  });
});
