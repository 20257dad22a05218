import { freeCriterionKey, freeGradeCode, fromDraft, toDraft } from './structured-drafts';

describe('structured settings: drafts of the forms', () => {
  it('a day list is typed as comma- or space-separated numbers', () => {
    expect(toDraft('dayList', [5, 3, 1])).toBe('5, 3, 1');
    expect(fromDraft('dayList', '5, 3 1')).toEqual({ value: [5, 3, 1] });
    expect(fromDraft('dayList', '5, 셋')).toEqual({ value: null, problem: 'notNumbers' });
    // Ranges and duplicates are the server's to judge: the draft only reads numbers.
    expect(fromDraft('dayList', '3, 3, 40')).toEqual({ value: [3, 3, 40] });
  });

  it('a day of the year is a month and a day, sent as MM-DD', () => {
    expect(toDraft('monthDay', '12-01')).toEqual({ month: '12', day: '01' });
    expect(fromDraft('monthDay', { month: '3', day: '9' })).toEqual({ value: '03-09' });
    expect(fromDraft('monthDay', { month: '3', day: '' })).toEqual({
      value: null,
      problem: 'chooseDay',
    });
  });

  it('criteria keep their keys and send weights as numbers', () => {
    const stored = [
      { key: 'citizenImpact', label: '국민체감도', weight: 60 },
      { key: 'creativity', label: '창의성', weight: 40 },
    ];
    const draft = toDraft('criteria', stored);
    expect(draft).toEqual([
      { key: 'citizenImpact', label: '국민체감도', weight: '60' },
      { key: 'creativity', label: '창의성', weight: '40' },
    ]);
    expect(fromDraft('criteria', draft)).toEqual({ value: stored });
    expect(fromDraft('criteria', [{ key: 'a1', label: ' 적극성 ', weight: '' }]).problem).toBe(
      'notNumbers',
    );
  });

  it('the last grade takes everyone left: its count is sent as null', () => {
    const stored = [
      { grade: 'TOP', label: '최우수', count: 1, bonusPoints: 2, prizeKrw: 1_000_000 },
      { grade: 'REST', label: '장려', count: null, bonusPoints: 0.5, prizeKrw: 0 },
    ];
    const draft = toDraft('grades', stored);
    expect(fromDraft('grades', draft)).toEqual({ value: stored });
    // A typed count on what becomes the last band is dropped; thousands separators are read.
    expect(
      fromDraft('grades', [
        { grade: 'A', label: 'a', count: '2', bonusPoints: '1', prizeKrw: '500,000' },
        { grade: 'B', label: 'b', count: '7', bonusPoints: '0', prizeKrw: '0' },
      ]),
    ).toEqual({
      value: [
        { grade: 'A', label: 'a', count: 2, bonusPoints: 1, prizeKrw: 500_000 },
        { grade: 'B', label: 'b', count: null, bonusPoints: 0, prizeKrw: 0 },
      ],
    });
    expect(
      fromDraft('grades', [
        { grade: 'A', label: 'a', count: '하나', bonusPoints: '1', prizeKrw: '0' },
        { grade: 'B', label: 'b', count: '', bonusPoints: '0', prizeKrw: '0' },
      ]).problem,
    ).toBe('notNumbers');
  });

  it('new rows get codes the server accepts and that are not taken', () => {
    expect(freeCriterionKey(['criterion2', 'x'])).toBe('criterion3');
    expect(freeCriterionKey(['criterion1'])).toBe('criterion2');
    expect(freeGradeCode(['TOP', 'GRADE_A'])).toBe('GRADE_B');
    const taken = Array.from({ length: 26 }, (_, i) => `GRADE_${String.fromCharCode(65 + i)}`);
    expect(freeGradeCode(taken)).toBe('GRADE_AA');
    expect(freeGradeCode(taken)).toMatch(/^[A-Z][A-Z_]{1,29}$/);
  });
});
