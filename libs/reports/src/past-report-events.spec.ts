import { replayPastEvents } from './past-report-events.js';

const today = '2026-12-04';
const start = '2025-04-01';

describe('replayPastEvents (a past report entered later)', () => {
  it('returned and resubmitted, then accepted: the columns a live workflow would have written', () => {
    const { problems, outcome } = replayPastEvents(
      [
        { action: 'submit', on: '2025-07-08' },
        { action: 'return', on: '2025-07-10', comment: '증빙 보완' },
        { action: 'submit', on: '2025-07-15' },
        { action: 'accept', on: '2025-07-16' },
      ],
      start,
      today,
    );
    expect(problems).toEqual([]);
    expect(outcome).toEqual({
      state: 'ACCEPTED',
      firstSubmittedOn: '2025-07-08',
      lastSubmittedOn: '2025-07-15',
      reviewedOn: '2025-07-16',
      reviewComment: null,
      resubmissionCount: 1,
      returnedOn: ['2025-07-10'],
    });
  });

  it('may stop anywhere: submitted and not yet reviewed', () => {
    const { problems, outcome } = replayPastEvents(
      [{ action: 'submit', on: '2025-07-20' }],
      start,
      today,
    );
    expect(problems).toEqual([]);
    expect(outcome.state).toBe('SUBMITTED');
    expect(outcome.reviewedOn).toBeNull();
  });

  it('refuses an acceptance before the submission', () => {
    const { problems } = replayPastEvents(
      [
        { action: 'submit', on: '2025-07-08' },
        { action: 'accept', on: '2025-07-07' },
      ],
      start,
      today,
    );
    expect(problems).toEqual([
      expect.objectContaining({ field: 'events.1.on', code: 'notBeforePrevious' }),
    ]);
  });

  it('refuses steps the state machine does not allow, in order', () => {
    const { problems } = replayPastEvents(
      [
        { action: 'accept', on: '2025-07-08' },
        { action: 'submit', on: '2025-07-09' },
        { action: 'submit', on: '2025-07-10' },
      ],
      start,
      today,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['events.0.action', 'notAfterPrevious'],
      ['events.2.action', 'notAfterPrevious'],
    ]);
  });

  it('refuses a future day, a day before the period and a return without a comment', () => {
    const { problems } = replayPastEvents(
      [
        { action: 'submit', on: '2025-03-31' },
        { action: 'return', on: '2025-07-01' },
        { action: 'submit', on: '2026-12-05' },
      ],
      start,
      today,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['events.0.on', 'notBeforePeriod'],
      ['events.1.comment', 'required'],
      ['events.2.on', 'notInFuture'],
    ]);
  });

  it('allows several steps on one day (same-day review)', () => {
    const { problems } = replayPastEvents(
      [
        { action: 'submit', on: '2025-07-08' },
        { action: 'accept', on: '2025-07-08' },
      ],
      start,
      today,
    );
    expect(problems).toEqual([]);
  });
});
