import {
  consultationFigures,
  CONSULTATIONS_SQL,
  EVALUATIONS_SQL,
  reportFigures,
  REPORTS_SQL,
  taskFigures,
  TASKS_SQL,
} from './dashboard-figures.js';

// The mapping from the compile's SQL rows to the figures of DOMAIN.md §7, and light checks on the
// SQL text itself. The expected values are worked out by hand in the comments; the numbers in the
// rows are what Postgres returns (ints as numbers, bigints and numerics possibly as strings).

const TASK_STATUSES = [
  'DRAFT',
  'PROPOSED',
  'SELECTED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SUSPENDED',
  'DROPPED',
];
const CONSULTATION_STATES = [
  'SUBMITTED',
  'SCREENING',
  'REJECTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
  'OPINION_ISSUED',
  'CLOSED',
];
const zeros = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

describe('taskFigures', () => {
  it('maps a row: priority = SELECTED + IN_PROGRESS + COMPLETED + SUSPENDED, rates with one decimal', () => {
    const f = taskFigures({
      dept: null,
      is_total: true,
      total: 16,
      DRAFT: 2,
      PROPOSED: 1,
      SELECTED: 2,
      REJECTED: 1,
      IN_PROGRESS: 4,
      COMPLETED: 2,
      SUSPENDED: 1,
      DROPPED: 3,
      delayed: 2,
      avg_progress: 46.7,
      m_total: 10,
      m_done: 5,
      m_due: 8,
      m_done_of_due: 4,
    });
    expect(f).toEqual({
      total: 16,
      byStatus: {
        DRAFT: 2,
        PROPOSED: 1,
        SELECTED: 2,
        REJECTED: 1,
        IN_PROGRESS: 4,
        COMPLETED: 2,
        SUSPENDED: 1,
        DROPPED: 3,
      },
      // 2 + 4 + 2 + 1 = 9; DRAFT, PROPOSED, REJECTED and DROPPED are not priority tasks
      priority: 9,
      completed: 2,
      inProgress: 4,
      delayed: 2,
      // 2 / 9 = 22.22…% → 22.2
      completionRate: 22.2,
      averageProgress: 46.7,
      milestones: { total: 10, done: 5, due: 8, doneOfDue: 4 },
    });
  });

  it.each([
    // [completed, other priority tasks, rate]
    [1, 2, 33.3], // 1 / 3 = 33.33…
    [2, 1, 66.7], // 2 / 3 = 66.66… (rounded up)
    [1, 5, 16.7], // 1 / 6 = 16.66…
    [1, 7, 12.5], // 1 / 8 = 12.5 exactly
    [5, 4, 55.6], // 5 / 9 = 55.55…
    [3, 0, 100],
  ])('completion rate of %i completed among %i other priority tasks is %d', (done, others, r) => {
    expect(taskFigures({ COMPLETED: done, IN_PROGRESS: others }).completionRate).toBe(r);
  });

  it('reads numbers that come back as strings (bigint, numeric)', () => {
    const f = taskFigures({
      total: '3',
      SELECTED: '1',
      COMPLETED: '2',
      delayed: '1',
      avg_progress: '48.8',
      m_total: '4',
      m_done: '1',
      m_due: '2',
      m_done_of_due: '1',
    });
    expect(f).toMatchObject({
      total: 3,
      priority: 3,
      completed: 2,
      delayed: 1,
      completionRate: 66.7,
      averageProgress: 48.8,
      milestones: { total: 4, done: 1, due: 2, doneOfDue: 1 },
    });
  });

  it('has no rate and no average without priority tasks, but counts the others', () => {
    const f = taskFigures({ total: 3, DRAFT: 1, REJECTED: 1, DROPPED: 1, avg_progress: null });
    expect(f.priority).toBe(0);
    expect(f.completionRate).toBeNull();
    expect(f.averageProgress).toBeNull();
    expect(f.byStatus).toMatchObject({ DRAFT: 1, REJECTED: 1, DROPPED: 1 });
  });

  it('keeps an average progress of 0 (not null)', () => {
    expect(taskFigures({ SELECTED: 1, avg_progress: 0 }).averageProgress).toBe(0);
  });

  it('maps no row (a department without tasks) to zeros, with every status present', () => {
    expect(taskFigures(undefined)).toEqual({
      total: 0,
      byStatus: zeros(TASK_STATUSES),
      priority: 0,
      completed: 0,
      inProgress: 0,
      delayed: 0,
      completionRate: null,
      averageProgress: null,
      milestones: { total: 0, done: 0, due: 0, doneOfDue: 0 },
    });
  });
});

describe('reportFigures', () => {
  const row = {
    expected: 11,
    due: 9,
    submitted: 7,
    // on time counts a report submitted early for a period not due yet; the rate does not
    on_time: 6,
    on_time_of_due: 5,
    late: 2,
    missing: 2,
    awaiting: 3,
    accepted: 3,
    returned_now: 1,
  };

  it('maps a row; on-time rate = submitted by the due date among the due / the due, one decimal', () => {
    expect(reportFigures(row, { returns: 4 })).toEqual({
      expected: 11,
      due: 9,
      submitted: 7,
      onTime: 6,
      late: 2,
      missing: 2,
      awaitingReview: 3,
      accepted: 3,
      // returns during the year (4, some resubmitted since) beside the queue now (1)
      returned: 4,
      returnedNow: 1,
      // 5 / 9 = 55.55…% → 55.6 (not 6 / 9: the early one is not due yet)
      onTimeRate: 55.6,
    });
  });

  it.each([
    [0, 4, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [4, 4, 100],
    [1, 7, 14.3], // 14.285…
  ])('on-time rate of %i of %i due is %d', (onTime, due, rate) => {
    expect(reportFigures({ due, on_time_of_due: onTime }).onTimeRate).toBe(rate);
  });

  it('has no on-time rate while nothing is due yet', () => {
    const f = reportFigures({ expected: 4, due: 0, submitted: 1, on_time: 1, on_time_of_due: 0 });
    expect(f.onTimeRate).toBeNull();
    expect(f.onTime).toBe(1);
  });

  it('maps no row to zeros and no rate', () => {
    expect(reportFigures(undefined)).toEqual({
      expected: 0,
      due: 0,
      submitted: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      awaitingReview: 0,
      accepted: 0,
      returned: 0,
      returnedNow: 0,
      onTimeRate: null,
    });
  });

  it('reads counts that come back as strings', () => {
    expect(reportFigures({ ...row, due: '9', on_time_of_due: '5', missing: '2' })).toMatchObject({
      due: 9,
      missing: 2,
      onTimeRate: 55.6,
    });
  });
});

describe('consultationFigures', () => {
  it('maps a row: every state, overdue, immunity, median and p90 turnaround', () => {
    const f = consultationFigures({
      total: 10,
      SUBMITTED: 1,
      SCREENING: 1,
      REJECTED: 1,
      ACCEPTED: 1,
      UNDER_REVIEW: 1,
      ESCALATED: 0,
      COMMITTEE_ADVICE: 1,
      OPINION_ISSUED: 1,
      CLOSED: 3,
      overdue: 3,
      immunity: 2,
      median: 15,
      p90: 34,
    });
    expect(f).toEqual({
      total: 10,
      byState: {
        SUBMITTED: 1,
        SCREENING: 1,
        REJECTED: 1,
        ACCEPTED: 1,
        UNDER_REVIEW: 1,
        ESCALATED: 0,
        COMMITTEE_ADVICE: 1,
        OPINION_ISSUED: 1,
        CLOSED: 3,
      },
      overdue: 3,
      immunityPresumed: 2,
      medianTurnaroundDays: 15,
      p90TurnaroundDays: 34,
    });
    // Drafts are the department's own business: no DRAFT key at all.
    expect(Object.keys(f.byState)).not.toContain('DRAFT');
  });

  it('keeps a turnaround of 0 days (an opinion the same day) and reads strings', () => {
    const f = consultationFigures({ total: '2', CLOSED: '2', median: 0, p90: '0.9' });
    expect(f).toMatchObject({ total: 2, medianTurnaroundDays: 0, p90TurnaroundDays: 0.9 });
    expect(f.byState.CLOSED).toBe(2);
  });

  it('has no turnaround while no opinion was issued', () => {
    const f = consultationFigures({ total: 2, SUBMITTED: 2, median: null, p90: null });
    expect(f.medianTurnaroundDays).toBeNull();
    expect(f.p90TurnaroundDays).toBeNull();
  });

  it('maps no row to zeros and no turnaround', () => {
    expect(consultationFigures(undefined)).toEqual({
      total: 0,
      byState: zeros(CONSULTATION_STATES),
      overdue: 0,
      immunityPresumed: 0,
      medianTurnaroundDays: null,
      p90TurnaroundDays: null,
    });
  });
});

describe('the figures SQL', () => {
  const flat = (sql: string) => sql.replace(/\s+/g, ' ');
  /** Every single-quoted literal in the statement. */
  const literals = (sql: string) => [...sql.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const placeholders = (sql: string) => [...new Set(sql.match(/\$\d+/g))].sort();
  /** The constants the statements may spell out; anything else would be a value pasted in. */
  const CONSTANTS = new Set([
    ...TASK_STATUSES,
    ...CONSULTATION_STATES,
    'DONE',
    'PLANNED',
    'ACCEPTED',
    'RETURNED',
    'Asia/Seoul',
    'VERIFIED',
    'SCORED',
    'GRADED',
    'CONFIRMED',
    '{}',
  ]);

  it.each([
    ['TASKS_SQL', TASKS_SQL, 'dept'],
    ['REPORTS_SQL', REPORTS_SQL, 't.lead_department_id'],
    ['CONSULTATIONS_SQL', CONSULTATIONS_SQL, 'c.requesting_department_id'],
  ])('%s groups by GROUPING SETS ((), (department)) and marks the total row', (_, sql, dept) => {
    const s = flat(sql);
    expect(s).toContain(`GROUP BY GROUPING SETS ((), (${dept}))`);
    expect(s).toContain(`GROUPING(${dept}) = 1 AS is_total`);
    // The grouped column comes back as `dept` (TASKS_SQL names it so in its CTE).
    expect(s).toMatch(dept === 'dept' ? /\) SELECT dept, / : new RegExp(`SELECT ${dept} AS dept`));
  });

  it.each([
    ['TASKS_SQL', TASKS_SQL],
    ['REPORTS_SQL', REPORTS_SQL],
    ['CONSULTATIONS_SQL', CONSULTATIONS_SQL],
  ])(
    '%s takes the organisation, year and as-of date as $1 $2 $3 and pastes no value in',
    (_, sql) => {
      expect(placeholders(sql)).toEqual(['$1', '$2', '$3']);
      const s = flat(sql);
      expect(s).toMatch(/organisation_id = \$1/);
      expect(s).toMatch(/\.year = \$2/);
      expect(s).toContain('$3::date');
      // Fully built at import: no template hole, no stringified object or undefined.
      expect(s).not.toMatch(/\$\{|undefined|\[object|NaN/);
      for (const literal of literals(sql)) expect(CONSTANTS).toContain(literal);
    },
  );

  it('EVALUATIONS_SQL takes the organisation and year as $1 $2 and pastes no value in', () => {
    expect(placeholders(EVALUATIONS_SQL)).toEqual(['$1', '$2']);
    expect(flat(EVALUATIONS_SQL)).toMatch(/r\.organisation_id = \$1 AND r\.year = \$2/);
    for (const literal of literals(EVALUATIONS_SQL)) expect(CONSTANTS).toContain(literal);
  });

  it('counts every status and state by name, and reads the as-of date only through $3', () => {
    const tasks = flat(TASKS_SQL);
    for (const s of TASK_STATUSES) expect(tasks).toContain(`AS "${s}"`);
    const consultations = flat(CONSULTATIONS_SQL);
    for (const s of CONSULTATION_STATES) expect(consultations).toContain(`AS "${s}"`);
    // Drafts stay out; the turnaround percentiles are percentile_cont (interpolated).
    expect(consultations).toContain("c.state <> 'DRAFT'");
    expect(consultations).toContain(
      'percentile_cont(0.5) WITHIN GROUP (ORDER BY c.turnaround_days)',
    );
    expect(consultations).toContain(
      'percentile_cont(0.9) WITHIN GROUP (ORDER BY c.turnaround_days)',
    );
    // No clock inside the statements: "today" is the $3 argument.
    for (const sql of [TASKS_SQL, REPORTS_SQL, CONSULTATIONS_SQL])
      expect(sql).not.toMatch(/now\(\)|current_date|CURRENT_DATE|localtimestamp/);
  });

  it('states the figure definitions: milestones due on or before the as-of date, reports due before it', () => {
    const tasks = flat(TASKS_SQL);
    expect(tasks).toContain('m.due_date <= $3::date');
    expect(tasks).toMatch(/status IN \('SELECTED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'\)/);
    const reports = flat(REPORTS_SQL);
    expect(reports).toContain('r.due_date < $3::date');
    expect(reports).toContain(
      "(r.first_submitted_at AT TIME ZONE 'Asia/Seoul')::date <= r.due_date",
    );
  });
});
