import { isBusinessDay } from '@gwaje/calendar';
import {
  decisionProblems,
  EMPTY_CHECKLIST,
  type ExemptionChecklist,
  lastCompletedQuarter,
  mergeChecklist,
  notificationProblems,
  quarterlyReportDueDate,
  quarterOfDueDate,
  quarterRange,
  registrationProblems,
} from './exemptions-rules.js';

const TODAY = '2026-12-06';
const allMet: ExemptionChecklist = mergeChecklist(EMPTY_CHECKLIST, {
  PUBLIC_INTEREST: { met: true, note: '주민 안전' },
  NO_PRIVATE_INTEREST: { met: true },
  NO_INTENT_OR_GROSS_NEGLIGENCE: { met: true },
  PROCEDURE_AND_PROACTIVE_HANDLING: { met: true },
});
const fields = (p: Array<{ field: string }>) => p.map((d) => d.field);

describe('면책 decision rules', () => {
  const c = { appliedOn: '2026-08-03', checklist: allMet };
  const ok = { decision: 'GRANTED' as const, reasons: '요건 모두 충족', decidedOn: '2026-08-20' };

  it('accepts a grant with reasons, every condition met, decided after the application', () => {
    expect(decisionProblems(ok, c, TODAY)).toEqual([]);
  });

  it('requires reasons', () => {
    expect(fields(decisionProblems({ ...ok, reasons: '  ' }, c, TODAY))).toEqual(['reasons']);
  });

  it('refuses a decision dated before the application or after today', () => {
    expect(fields(decisionProblems({ ...ok, decidedOn: '2026-08-02' }, c, TODAY))).toEqual([
      'decidedOn',
    ]);
    expect(decisionProblems({ ...ok, decidedOn: '2026-08-03' }, c, TODAY)).toEqual([]);
    expect(fields(decisionProblems({ ...ok, decidedOn: '2026-12-07' }, c, TODAY))).toEqual([
      'decidedOn',
    ]);
  });

  it('names every unanswered condition of an incomplete checklist', () => {
    const partial = mergeChecklist(EMPTY_CHECKLIST, { PUBLIC_INTEREST: { met: true } });
    expect(
      fields(decisionProblems({ ...ok, decision: 'DENIED' }, { ...c, checklist: partial }, TODAY)),
    ).toEqual([
      'checklist.NO_PRIVATE_INTEREST',
      'checklist.NO_INTENT_OR_GROSS_NEGLIGENCE',
      'checklist.PROCEDURE_AND_PROACTIVE_HANDLING',
    ]);
  });

  it('grants only when every condition is met; 감경 and 불인정 may follow an unmet one', () => {
    const unmet = mergeChecklist(allMet, {
      NO_INTENT_OR_GROSS_NEGLIGENCE: { met: false, note: '중과실' },
    });
    expect(fields(decisionProblems(ok, { ...c, checklist: unmet }, TODAY))).toEqual(['decision']);
    for (const decision of ['PARTIALLY_GRANTED', 'DENIED'] as const)
      expect(decisionProblems({ ...ok, decision }, { ...c, checklist: unmet }, TODAY)).toEqual([]);
  });

  it('keeps answers not changed and trims notes when merging', () => {
    const merged = mergeChecklist(allMet, { PUBLIC_INTEREST: { note: '  공익 사업 ' } });
    expect(merged.PUBLIC_INTEREST).toEqual({ met: true, note: '공익 사업' });
    expect(merged.NO_PRIVATE_INTEREST).toEqual({ met: true, note: '' });
  });

  it('needs the applicant of an application, and an application day not in the future', () => {
    expect(
      fields(registrationProblems({ kind: 'APPLICATION', appliedOn: '2026-08-03' }, TODAY)),
    ).toEqual(['applicantId']);
    expect(registrationProblems({ kind: 'EX_OFFICIO', appliedOn: '2026-08-03' }, TODAY)).toEqual(
      [],
    );
    expect(
      fields(registrationProblems({ kind: 'EX_OFFICIO', appliedOn: '2026-12-07' }, TODAY)),
    ).toEqual(['appliedOn']);
  });

  it('notifies on or after the decision, not in the future', () => {
    expect(notificationProblems('2026-08-20', '2026-08-20', TODAY)).toEqual([]);
    expect(fields(notificationProblems('2026-08-19', '2026-08-20', TODAY))).toEqual(['notifiedOn']);
    expect(fields(notificationProblems('2026-12-07', '2026-08-20', TODAY))).toEqual(['notifiedOn']);
  });
});

describe('the quarterly report to 감사원: due 10 calendar days after the quarter, 민법 제161조', () => {
  it('knows the quarters', () => {
    expect(quarterRange({ year: 2026, quarter: 1 })).toEqual({
      start: '2026-01-01',
      end: '2026-03-31',
    });
    expect(quarterRange({ year: 2026, quarter: 4 })).toEqual({
      start: '2026-10-01',
      end: '2026-12-31',
    });
    expect(lastCompletedQuarter('2026-12-06')).toEqual({ year: 2026, quarter: 3 });
    expect(lastCompletedQuarter('2027-01-01')).toEqual({ year: 2026, quarter: 4 });
  });

  it('Q3 2026: 30 Sep + 10 = Saturday 10 Oct (after 한글날 on Friday 9 Oct) → Monday 12 Oct', () => {
    expect(isBusinessDay('2026-10-09')).toBe(false); // 한글날
    expect(isBusinessDay('2026-10-10')).toBe(false); // Saturday
    expect(quarterlyReportDueDate({ year: 2026, quarter: 3 })).toBe('2026-10-12');
  });

  it('keeps a 10th day that is a business day, and moves one on a weekend to Monday', () => {
    expect(quarterlyReportDueDate({ year: 2026, quarter: 1 })).toBe('2026-04-10'); // Friday
    expect(quarterlyReportDueDate({ year: 2026, quarter: 2 })).toBe('2026-07-10'); // Friday
    expect(quarterlyReportDueDate({ year: 2025, quarter: 4 })).toBe('2026-01-12'); // Sat 10 Jan → Mon
    expect(quarterlyReportDueDate({ year: 2026, quarter: 4 })).toBe('2027-01-11'); // Sun 10 Jan → Mon
  });

  it('keeps Friday 10 Oct 2025 (Q3 2025), the first business day after 추석 and 한글날', () => {
    // 2025: 추석 holidays 5–8 Oct and 한글날 9 Oct do not move a deadline that falls on Friday 10 Oct.
    expect(quarterlyReportDueDate({ year: 2025, quarter: 3 })).toBe('2025-10-10');
  });

  it('finds the quarter of a due date', () => {
    expect(quarterOfDueDate('2026-10-12')).toEqual({ year: 2026, quarter: 3 });
    expect(quarterOfDueDate('2027-01-11')).toEqual({ year: 2026, quarter: 4 });
  });
});
