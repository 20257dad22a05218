import type { SettingValues } from '@gwaje/identity';
import type { DirectEmailSources, ReminderSources } from '@gwaje/notifications';
import type { DataSource } from 'typeorm';
import { composeReplyEmail } from './citizen-applications-email.js';
import { ApplicationEvent, CitizenApplicationReminders } from './citizen-applications-reminders.js';

// The source's rules as the runner sees them; what they select is covered through the reminder
// engine in test/programme-citizen-applications.e2e-spec.ts.
describe('국민신청 reminder rules', () => {
  const source = new CitizenApplicationReminders(
    {} as ReminderSources,
    {} as DataSource,
    {} as DirectEmailSources,
  );
  const rules = (today: string) =>
    source
      .daily({ organisationId: 'o', today, settings: {} as SettingValues })
      .map((r) => [r.rule, r.params]);

  it('on a business day: D-3 of the deadlines three business days on, on the day, overdue', () => {
    // Monday 2026-11-23: D-3 of Thursday 26's deadline.
    expect(rules('2026-11-23')).toEqual([
      ['citizen-application.due-3', [['2026-11-26']]],
      ['citizen-application.due-0', []],
      ['citizen-application.overdue', []],
    ]);
    // Tuesday 2026-12-22: 25 is 성탄절, so D-3 covers Monday 28 (and the days off before it).
    expect((rules('2026-12-22')[0][1] as string[][])[0]).toContain('2026-12-28');
  });

  it('on a day off nothing is owed', () => {
    expect(rules('2026-11-28')).toEqual([]);
    expect(rules('2026-12-25')).toEqual([]);
  });

  it('notifies the department at once on assignment; the reply e-mail is direct', () => {
    expect(source.event(ApplicationEvent.ASSIGNED, 'id')).toEqual({
      owed: { rule: ApplicationEvent.ASSIGNED, select: expect.any(String), params: ['id'] },
      rules: [ApplicationEvent.ASSIGNED],
    });
    expect(source.event(ApplicationEvent.REPLY_EMAIL, 'id')).toBeNull();
    expect(source.directEvents).toEqual([ApplicationEvent.REPLY_EMAIL]);
  });

  it('writes the reply e-mail in Korean and English, escaping HTML', () => {
    const mail = composeReplyEmail({
      id: 'x',
      application_number: 'A-1',
      applicant_name: '김<b>민수',
      applicant_email: 'minsu@example.com',
      decision: 'REJECTED',
      decision_reasons: '상위 법령 위반',
      received_on: '2026-11-02',
      replied_on: '2026-11-20',
      reply_text: '불수용 사유를 안내드립니다.',
      organisation_name: '노원구',
    });
    expect(mail.to).toBe('minsu@example.com');
    expect(mail.subject).toBe('[노원구] 적극행정 국민신청 처리 결과 안내 (신청번호 A-1)');
    expect(mail.text).toContain('결정: 불수용');
    expect(mail.text).toContain('사유: 상위 법령 위반');
    expect(mail.text).toContain('it was not accepted');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('김&#60;b&#62;민수');
  });
});
