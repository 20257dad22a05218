import { useTestApi } from './support/app.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import { createRound, evaluationWorld, nominate } from './support/evaluations.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { taskWorld } from './support/tasks.js';

// Issue 18, finding 11: every state-changing request on a versioned record carries the version the
// client read. Without it, two clients (or one double click) could apply the same change twice:
// an `extend` of a consultation's opinion deadline ran twice.

describe('the version on state-changing requests', () => {
  const { http, factory } = useTestApi();

  const fieldsOf = (body: any) =>
    (body.details as Array<{ field: string; code: string }>).map((d) => [d.field, d.code]);

  it('is required on every transition and decision: 400 `required` on version, nothing changed', async () => {
    const w = await taskWorld(http, factory);
    const task = await w.task('IN_PROGRESS');
    const report = await fillReport(
      http,
      w.staff.token,
      await openReport(
        http,
        w.staff.token,
        (await activeTaskSince(w, factory, '2025-01-01')).id,
        '2025-Q1',
      ),
    );
    const cw = await consultationWorld(http, factory);
    const consultation = await consultationInState(http, cw, 'UNDER_REVIEW');
    const ew = await evaluationWorld(http, factory, { staff: 1, members: 1 });
    const round = await createRound(http, ew.office);
    const nomination = await nominate(http, round.id, {
      by: ew.head,
      type: 'OFFICIAL',
      source: 'DEPARTMENT',
      nomineeUserIds: [ew.staff[0].id],
    });

    const cases: Array<[string, string, Record<string, unknown>, string, string]> = [
      [
        'task',
        `/api/v1/tasks/${task.id}/transitions`,
        { action: 'suspend', reason: '일시 중지' },
        w.office.token,
        `/api/v1/tasks/${task.id}`,
      ],
      [
        'report',
        `/api/v1/reports/${report.id}/transitions`,
        { action: 'submit' },
        w.head.token,
        `/api/v1/reports/${report.id}`,
      ],
      [
        'consultation',
        `/api/v1/consultations/${consultation.id}/transitions`,
        { action: 'extend', days: 10, reason: '자료 보완' },
        cw.auditor.token,
        `/api/v1/consultations/${consultation.id}`,
      ],
      [
        'nomination',
        `/api/v1/nominations/${nomination.id}/decision`,
        { decision: 'verify' },
        ew.office.token,
        `/api/v1/nominations/${nomination.id}`,
      ],
    ];
    for (const [what, path, body, token, readPath] of cases) {
      const before = (await http.get(readPath, { token })).body;
      const res = await http.post(path, body, { token, headers: { 'accept-language': 'en' } });
      expect([what, res.status, res.body.code]).toEqual([what, 400, 'VALIDATION_FAILED']);
      expect([what, fieldsOf(res.body)]).toEqual([what, [['version', 'required']]]);
      expect(res.body.details[0].message).toMatch(/version/i);
      const after = (await http.get(readPath, { token })).body;
      expect([what, after.version]).toEqual([what, before.version]);
    }
  });

  it('applies an extension once when two arrive with the same version', async () => {
    const w = await consultationWorld(http, factory);
    const c = await consultationInState(http, w, 'UNDER_REVIEW');
    const extend = (token: string, days: number) =>
      http.post(
        `/api/v1/consultations/${c.id}/transitions`,
        { action: 'extend', days, reason: '자료 보완', version: c.version },
        { token },
      );
    // Two auditors at once (a double click does the same), then one more with the version read.
    const both = await Promise.all([extend(w.auditor.token, 10), extend(w.auditor2.token, 20)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.status === 409)!;
    // Whichever came second: its version was stale, or it saw the extension already made.
    expect(['VERSION_CONFLICT', 'LIMIT_REACHED']).toContain(refused.body.code);
    // The same version once more, after both: refused (the rule of one extension is checked
    // before the version, so it names the rule).
    const again = await extend(w.auditor.token, 30);
    expect(again.status).toBe(409);
    expect(['VERSION_CONFLICT', 'LIMIT_REACHED']).toContain(again.body.code);

    const now = (await http.get(`/api/v1/consultations/${c.id}`, { token: w.auditor.token })).body;
    expect(now.version).toBe(c.version + 1);
    const history = (
      await http.get(`/api/v1/consultations/${c.id}/history`, { token: w.auditor.token })
    ).body;
    const entries = (Array.isArray(history) ? history : history.items) as Array<{
      action: string;
    }>;
    expect(entries.filter((h) => h.action.includes('extend'))).toHaveLength(1);
  });

  it('is sent by the report helper as read: a stale one is a 409', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await fillReport(
      http,
      w.staff.token,
      await openReport(http, w.staff.token, task.id, '2025-Q1'),
    );
    await reportAction(http, w.head.token, report.id, 'submit', undefined, report.version);
    const stale = await http.post(
      `/api/v1/reports/${report.id}/transitions`,
      { action: 'accept', version: report.version },
      { token: w.auditor.token },
    );
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
  });
});
