import { nextStepAction, pastReportBody, replaySteps } from './pastSteps';

describe('steps of a past report', () => {
  it('follows the report state machine and names the first step out of order', () => {
    expect(replaySteps([])).toEqual({ state: 'DRAFT', invalidAt: null });
    expect(
      replaySteps([
        { action: 'submit' },
        { action: 'return' },
        { action: 'submit' },
        { action: 'accept' },
      ]),
    ).toEqual({ state: 'ACCEPTED', invalidAt: null });
    expect(replaySteps([{ action: 'submit' }, { action: 'return' }])).toEqual({
      state: 'RETURNED',
      invalidAt: null,
    });
    expect(replaySteps([{ action: 'accept' }])).toEqual({ state: 'DRAFT', invalidAt: 0 });
    expect(replaySteps([{ action: 'submit' }, { action: 'submit' }])).toEqual({
      state: 'SUBMITTED',
      invalidAt: 1,
    });
    expect(replaySteps([{ action: 'submit' }, { action: 'accept' }, { action: 'return' }])).toEqual(
      { state: 'ACCEPTED', invalidAt: 2 },
    );
  });

  it('suggests the step that usually comes next', () => {
    expect(nextStepAction([])).toBe('submit');
    expect(nextStepAction([{ action: 'submit' }])).toBe('accept');
    expect(nextStepAction([{ action: 'submit' }, { action: 'return' }])).toBe('submit');
  });

  it('builds the request: numbers, texts and people only when given, comments where they belong', () => {
    const values = {
      taskId: 't1',
      period: '2025-Q2',
      progress: '45',
      achievements: '4개교 보도 설치',
      issuesAndRisks: '  ',
      nextSteps: '',
      supportNeeded: '',
      submittedBy: '',
      reviewedBy: 'u9',
      lateEntryReason: '종이 대장에서 옮겨 적음',
    };
    expect(
      pastReportBody(values, [
        { action: 'submit', on: '2025-07-08', comment: '제출에는 의견이 없습니다' },
        { action: 'return', on: '2025-07-10', comment: '증빙 보완' },
        { action: 'submit', on: '2025-07-15', comment: '' },
        { action: 'accept', on: '2025-07-16', comment: '' },
      ]),
    ).toEqual({
      taskId: 't1',
      period: '2025-Q2',
      progress: 45,
      achievements: '4개교 보도 설치',
      reviewedBy: 'u9',
      events: [
        { action: 'submit', on: '2025-07-08' },
        { action: 'return', on: '2025-07-10', comment: '증빙 보완' },
        { action: 'submit', on: '2025-07-15' },
        { action: 'accept', on: '2025-07-16' },
      ],
      lateEntryReason: '종이 대장에서 옮겨 적음',
    });
    // Not a number: sent as typed, for the API to name the field.
    expect(pastReportBody({ ...values, progress: '약 40' }, []).progress).toBe('약 40');
    expect('progress' in pastReportBody({ ...values, progress: '' }, [])).toBe(false);
  });
});
