import { ReminderRunner } from '@gwaje/notifications';
import { startApi, type TestApi } from './support/app.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import { Factory } from './support/factory.js';
import { SmtpSink } from './support/smtp-sink.js';

/**
 * A pre-consultation escalated to the parent organisation is the parent's to answer: its opinion
 * reminders go to the parent's auditors in the parent's run, not to the requesting organisation's
 * (issue 16, delivery).
 */
describe('reminders of an escalated pre-consultation', () => {
  const sink = new SmtpSink();
  const factory = new Factory();
  let api: TestApi;

  beforeAll(async () => {
    await sink.start();
    api = await startApi({}, (config) => {
      config.smtp.url = sink.url;
    });
  });
  afterAll(async () => {
    await api?.close();
    await factory.close();
    await sink.stop();
  });

  /** Tuesday 2026-11-24, a business day; the opinion was due on 2026-11-10. */
  const TODAY = '2026-11-24';

  it('reminds the parent’s auditors in the parent’s run, and nobody of the requesting organisation', async () => {
    const w = await consultationWorld(api.http, factory);
    const c = await consultationInState(api.http, w, 'ESCALATED');
    // The review ran past its deadline while the parent holds it.
    await factory.db.query(
      `UPDATE consultations SET opinion_due_date = '2026-11-10', extension_days = 0 WHERE id = $1`,
      [c.id],
    );
    const notifications = api.app.get(ReminderRunner);

    await notifications.runReminders(w.org.id, TODAY);
    const owed = async () =>
      (
        await factory.db.query(
          `SELECT organisation_id, recipient_id, rule FROM notifications WHERE record_id = $1 ORDER BY recipient_id`,
          [c.id],
        )
      ).rows;
    expect(await owed()).toEqual([]);

    await notifications.runReminders(w.parent.id, TODAY);
    expect(await owed()).toEqual([
      {
        organisation_id: w.parent.id,
        recipient_id: w.parentAuditor.id,
        rule: 'consultation.opinion-overdue+14',
      },
    ]);
    const mail = sink.to(w.parentAuditor.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain(`/consultations/${c.id}`);
    expect(sink.toAny([w.auditor.email, w.auditor2.email])).toEqual([]);
  });
});
