import { DomainError } from '@gwaje/common';
import {
  type CalendarLens,
  calendarDays,
  isBusinessDay,
  movedDueDate,
  nthBusinessDayAfter,
} from './business-days.js';
import {
  type DeclaredDay,
  DeclaredDays,
  declaredDays,
  inOrganisationCalendar,
  useDeclaredDays,
} from './declared-days.js';
import { holidayHorizon } from './horizon.js';

const ORG = 'org-a';
const OTHER = 'org-b';
const national = (date: string, id = `n-${date}`): DeclaredDay => ({
  id,
  date,
  name: '임시공휴일',
  organisationId: null,
});
const closure = (date: string, organisationId = ORG): DeclaredDay => ({
  id: `c-${date}`,
  date,
  name: '재량휴업일',
  organisationId,
});
const lens = (days: DeclaredDay[], organisationId: string | null = ORG): CalendarLens => ({
  declared: new DeclaredDays(days),
  organisationId,
});
const NONE = lens([]);

describe('declared days over the package calendar', () => {
  // 2027-01-05 is an ordinary Tuesday; 2027-01-01 Fri is 1월 1일 in the package.
  it('a national declaration closes the day for every organisation', () => {
    expect(isBusinessDay('2027-01-05', NONE)).toBe(true);
    expect(isBusinessDay('2027-01-05', lens([national('2027-01-05')]))).toBe(false);
    expect(isBusinessDay('2027-01-05', lens([national('2027-01-05')], OTHER))).toBe(false);
    expect(isBusinessDay('2027-01-05', lens([national('2027-01-05')], null))).toBe(false);
  });

  it("an organisation's closure closes the day for that organisation only", () => {
    const days = [closure('2027-01-05')];
    expect(isBusinessDay('2027-01-05', lens(days, ORG))).toBe(false);
    expect(isBusinessDay('2027-01-05', lens(days, OTHER))).toBe(true);
    expect(isBusinessDay('2027-01-05', lens(days, null))).toBe(true);
  });

  it('the own closure is the source shown where a national declaration also speaks', () => {
    const days = new DeclaredDays([national('2027-01-05'), closure('2027-01-05')]);
    expect(days.of('2027-01-05', ORG)?.id).toBe('c-2027-01-05');
    expect(days.of('2027-01-05', OTHER)?.id).toBe('n-2027-01-05');
    expect(days.without('n-2027-01-05').of('2027-01-05', OTHER)).toBeUndefined();
    expect(days.with(national('2027-01-06')).of('2027-01-06', OTHER)?.name).toBe('임시공휴일');
  });

  it('says where each day comes from: a declaration wins over the package, with its id', () => {
    const days = calendarDays(
      '2027-01-01',
      '2027-01-05',
      lens([national('2027-01-01', 'd1'), closure('2027-01-05')]),
    );
    expect(
      days.map((d) => [d.date, d.businessDay, d.source, d.declarationId, d.declaredFor]),
    ).toEqual([
      ['2027-01-01', false, 'declared', 'd1', 'national'],
      ['2027-01-02', false, null, null, null],
      ['2027-01-03', false, null, null, null],
      ['2027-01-04', true, null, null, null],
      ['2027-01-05', false, 'declared', 'c-2027-01-05', 'organisation'],
    ]);
    // The declared name first, the gazette's after it.
    expect(days[0].holidays).toEqual(['임시공휴일', '1월 1일']);
    expect(calendarDays('2027-01-01', '2027-01-01', NONE)[0]).toMatchObject({
      source: 'package',
      holidays: ['1월 1일'],
    });
  });

  it("the process's declarations and the context's organisation are the default lens", () => {
    const before = declaredDays();
    try {
      useDeclaredDays(new DeclaredDays([closure('2027-01-05')]));
      expect(isBusinessDay('2027-01-05')).toBe(true);
      expect(inOrganisationCalendar(ORG, () => isBusinessDay('2027-01-05'))).toBe(false);
      expect(inOrganisationCalendar(OTHER, () => isBusinessDay('2027-01-05'))).toBe(true);
      // 2026-12-31 Thu → [1/1 Fri] 1/4 Mon(1) [1/5 closed] 1/6 Wed(2)
      expect(inOrganisationCalendar(ORG, () => nthBusinessDayAfter('2026-12-31', 2))).toBe(
        '2027-01-06',
      );
    } finally {
      useDeclaredDays(before);
    }
  });
});

describe('movedDueDate', () => {
  // A report of 2026-12 due on the 5th business day after 12-31: [1/1 Fri 1월 1일, 1/2–1/3]
  // 1/4 Mon(1) 1/5(2) 1/6(3) 1/7(4) 1/8 Fri(5)
  const basis = '2026-12-31';
  const due = nthBusinessDayAfter(basis, 5, NONE);

  it('counts the same business days again: a holiday inside the count moves it one day on', () => {
    expect(due).toBe('2027-01-08');
    const after = lens([national('2027-01-05')]);
    // 1/4(1) [1/5] 1/6(2) 1/7(3) 1/8(4) [1/9–1/10] 1/11 Mon(5)
    expect(movedDueDate(basis, due, NONE, after)).toBe('2027-01-11');
    // Withdrawn: back where it was.
    expect(movedDueDate(basis, '2027-01-11', after, NONE)).toBe('2027-01-08');
  });

  it('a holiday on the due date itself moves it to the next business day', () => {
    expect(movedDueDate(basis, due, NONE, lens([national('2027-01-08')]))).toBe('2027-01-11');
  });

  it('does not move for a weekend, a day after the deadline, or another organisation', () => {
    expect(movedDueDate(basis, due, NONE, lens([national('2027-01-09')]))).toBe(due);
    expect(movedDueDate(basis, due, NONE, lens([national('2027-01-12')]))).toBe(due);
    expect(movedDueDate(basis, due, NONE, lens([closure('2027-01-05', OTHER)]))).toBe(due);
  });

  it('a declared day the package already has changes nothing (no second move on upgrade)', () => {
    // 1/1 is 1월 1일 in the package: declaring it too moves no count.
    expect(movedDueDate(basis, due, NONE, lens([national('2027-01-01')]))).toBe(due);
  });
});

describe('holidayHorizon', () => {
  it('warns from 9 months before the package data ends (2027-12-31 → 2027-03-31)', () => {
    expect(holidayHorizon('2027-03-30', 2027)).toMatchObject({
      dataUntil: '2027-12-31',
      firstMissingYear: 2028,
      warnFrom: '2027-03-31',
      warning: null,
    });
    const warned = holidayHorizon('2027-03-31', 2027);
    expect(warned.warning?.ko).toContain('2027-12-31');
    expect(warned.warning?.en).toContain('2028');
    expect(holidayHorizon('2028-02-01', 2027).warning).not.toBeNull();
  });

  it('a package with one more year ends the warning', () => {
    expect(holidayHorizon('2027-06-01', 2028).warning).toBeNull();
    expect(holidayHorizon('2028-03-31', 2028).warnFrom).toBe('2028-03-31');
  });

  it('the refusal names the missing year', () => {
    let error: unknown;
    try {
      isBusinessDay('2028-01-03', NONE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).extra).toMatchObject({ missingYear: 2028 });
    expect((error as DomainError).text.ko).toContain('2028년');
  });
});
