import {
  milestoneDueSql,
  NOTIFICATION_ITEMS_SQL,
  opinionDueSql,
  opinionOverdueSql,
  reportDueSql,
  reportOverdueSql,
  scoringDueSql,
  screeningDueSql,
  taskDueSql,
} from './reminder-rules.js';

/**
 * Light, text-level checks of the reminder rules (the database tests run them for real): each is one
 * set-based INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING id with the documented parameters.
 */

/** One whitespace-normalised line, for matching fragments regardless of indentation. */
const flat = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The distinct $n parameters a statement uses, in ascending order. */
const params = (sql: string) =>
  [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);

const RULES: Array<{
  name: string;
  sql: string;
  rule?: string;
  recordType: string;
  section: string;
  params: number[];
}> = [
  {
    name: 'reportDueSql',
    sql: reportDueSql('report.due-5'),
    rule: 'report.due-5',
    recordType: 'report',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
  {
    name: 'reportOverdueSql',
    sql: reportOverdueSql(),
    recordType: 'report',
    section: 'OVERDUE',
    params: [1, 2, 3, 4],
  },
  {
    name: 'screeningDueSql',
    sql: screeningDueSql('consultation.screening-due-1'),
    rule: 'consultation.screening-due-1',
    recordType: 'consultation',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
  {
    name: 'opinionDueSql',
    sql: opinionDueSql('consultation.opinion-due-5'),
    rule: 'consultation.opinion-due-5',
    recordType: 'consultation',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
  {
    name: 'opinionOverdueSql',
    sql: opinionOverdueSql(),
    recordType: 'consultation',
    section: 'OVERDUE',
    params: [1, 2],
  },
  {
    name: 'milestoneDueSql',
    sql: milestoneDueSql('milestone.due-7'),
    rule: 'milestone.due-7',
    recordType: 'milestone',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
  {
    name: 'taskDueSql',
    sql: taskDueSql('task.due-1'),
    rule: 'task.due-1',
    recordType: 'task',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
  {
    name: 'scoringDueSql',
    sql: scoringDueSql('scoring.due-3'),
    rule: 'scoring.due-3',
    recordType: 'evaluation_round',
    section: 'DUE_SOON',
    params: [1, 2, 3],
  },
];

describe.each(RULES)('$name', ({ sql, rule, recordType, section, params: expected }) => {
  const s = flat(sql);

  it('is a single INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING id', () => {
    expect(s).toMatch(
      /^INSERT INTO notifications \(organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on\) SELECT /,
    );
    expect(s).toMatch(/ ON CONFLICT DO NOTHING RETURNING id$/);
    expect(s.match(/\bINSERT\b/gi)).toHaveLength(1);
    expect(s.match(/ON CONFLICT/gi)).toHaveLength(1);
    expect(s).not.toContain(';');
  });

  it('is set-based: no procedural loop', () => {
    expect(s).not.toMatch(/\b(LOOP|FOREACH|DECLARE|BEGIN|EXECUTE|PERFORM)\b/i);
    expect(s).not.toContain('$$');
    expect(s).not.toMatch(/\bDO\s+(\$|LANGUAGE)/i);
  });

  it(`uses $1 organisation, $2 today (send_on)${expected.includes(3) ? ' and $3 dates' : ''}`, () => {
    expect(params(sql)).toEqual(expected);
    expect(s).toMatch(/\.organisation_id = \$1\b/);
    expect(s).toMatch(/, \$2::date FROM /); // send_on is today
    if (expected.includes(3)) expect(s).toContain('$3::date[]');
  });

  it(`writes ${section} notifications about a ${recordType}, not urgent`, () => {
    expect(s).toContain(`'${section}', false, '${recordType}'`);
    if (rule) expect(s).toContain(`'${rule}'`);
  });

  it('is looked up by NOTIFICATION_ITEMS_SQL for its record type', () => {
    expect(flat(NOTIFICATION_ITEMS_SQL)).toContain(`n.record_type = '${recordType}'`);
  });
});

describe('reportDueSql', () => {
  it('reminds only reports never submitted, due on one of the dates', () => {
    const s = flat(reportDueSql('report.due-1'));
    expect(s).toContain('r.first_submitted_at IS NULL');
    expect(s).toContain('r.due_date = ANY($3::date[])');
    expect(s).toContain("'DEPT_HEAD' = ANY(u.roles)");
    expect(s).toContain('t.owner_id');
  });
});

describe('reportOverdueSql', () => {
  it('pairs each due date with its business days late, only for unsubmitted reports', () => {
    const s = flat(reportOverdueSql());
    expect(s).toContain('unnest($3::date[], $4::int[]) AS d(due, late)');
    expect(s).toContain("'report.overdue+' || d.late");
    expect(s).toContain('r.first_submitted_at IS NULL');
    expect(s).toContain("'PROACTIVE_OFFICE' = ANY(u.roles)");
  });
});

describe('opinion rules', () => {
  it('opinionDueSql counts the due date with the extension', () => {
    expect(flat(opinionDueSql('consultation.opinion-due-1'))).toContain(
      '(c.opinion_due_date + c.extension_days) = ANY($3::date[])',
    );
  });

  it('opinionOverdueSql uses opinion_due_date + extension_days, before today', () => {
    const s = flat(opinionOverdueSql());
    expect(s).toContain('(c.opinion_due_date + c.extension_days) < $2::date');
    expect(s).toContain(
      "'consultation.opinion-overdue+' || ($2::date - (c.opinion_due_date + c.extension_days))",
    );
    expect(s).not.toMatch(/c\.opinion_due_date (<|=)/); // never the unextended date alone
  });

  it('both only remind consultations still waiting for an opinion', () => {
    for (const sql of [opinionDueSql('consultation.opinion-due-5'), opinionOverdueSql()]) {
      expect(flat(sql)).toContain(
        "c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')",
      );
    }
  });
});

describe('scoringDueSql', () => {
  const s = flat(scoringDueSql('scoring.due-1'));

  it('reminds members of rounds being scored, due on one of the dates', () => {
    expect(s).toContain("r.status = 'SCORING'");
    expect(s).toContain('r.scoring_due = ANY($3::date[])');
  });

  it('excludes members who scored every nomination or are conflicted out of it', () => {
    expect(s).toContain(
      'NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.nomination_id = n.id AND s.member_id = m.user_id)',
    );
    expect(s).toContain(
      'NOT EXISTS (SELECT 1 FROM evaluation_conflicts k WHERE k.nomination_id = n.id AND k.member_id = m.user_id)',
    );
    // Both conditions sit on the same nomination inside one EXISTS: a member is reminded only for a
    // nomination they neither scored nor are conflicted on.
    expect(s).toMatch(
      /AND EXISTS \( SELECT 1 FROM nominations n WHERE n\.round_id = r\.id .*evaluation_scores.*evaluation_conflicts[^)]*\)\) ON CONFLICT DO NOTHING RETURNING id$/,
    );
  });
});

describe('NOTIFICATION_ITEMS_SQL still_open', () => {
  /** The CASE branches in order: LIKE patterns and the expression they yield. */
  const branches = (() => {
    const s = flat(NOTIFICATION_ITEMS_SQL);
    const body = s.slice(s.indexOf('CASE ') + 5, s.indexOf(' END AS still_open'));
    const result: Array<{ patterns: RegExp[]; value: string }> = [];
    for (const part of body.split(/\s*WHEN\s+/).filter(Boolean)) {
      const [condition, rest] = part.split(/\s+THEN\s+/);
      const [value, otherwise] = rest.split(/\s+ELSE\s+/);
      const patterns = [...condition.matchAll(/n\.rule LIKE '([^']*)'/g)].map(
        (m) =>
          new RegExp(
            `^${m[1]
              .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
              .replace(/%/g, '.*')
              .replace(/_/g, '.')}$`,
          ),
      );
      result.push({ patterns, value: value.trim() });
      if (otherwise) result.push({ patterns: [/^/], value: otherwise.trim() });
    }
    return result;
  })();

  /** What still_open evaluates to for a rule name, as Postgres picks the first matching branch. */
  const stillOpen = (rule: string) =>
    branches.find((b) => b.patterns.some((p) => p.test(rule)))?.value;

  const PENDING_OPINION =
    "c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')";

  it('parses into the branches with an ELSE', () => {
    expect(branches.length).toBeGreaterThanOrEqual(8);
    expect(branches.at(-1)).toEqual({ patterns: [/^/], value: 'true' });
  });

  // Rule names as the service writes them (prefix, offset): every one lands on its own check, never on
  // the ELSE.
  it.each([
    ['report.due-5', 'r.first_submitted_at IS NULL'],
    ['report.due-1', 'r.first_submitted_at IS NULL'],
    ['report.overdue+1', 'r.first_submitted_at IS NULL'],
    ['report.overdue+11', 'r.first_submitted_at IS NULL'],
    ['report.returned#0', "r.state = 'RETURNED'"],
    ['report.returned#2', "r.state = 'RETURNED'"],
    ['consultation.submitted', "c.state IN ('SUBMITTED', 'SCREENING')"],
    ['consultation.screening-due-1', "c.state IN ('SUBMITTED', 'SCREENING')"],
    ['consultation.opinion-due-5', PENDING_OPINION],
    ['consultation.opinion-due-1', PENDING_OPINION],
    ['consultation.opinion-overdue+3', PENDING_OPINION],
    ['consultation.opinion-issued', 'true'],
    ['milestone.due-7', "m.status = 'PLANNED' AND mt.status IN ('SELECTED', 'IN_PROGRESS')"],
    ['task.due-1', "t.status IN ('SELECTED', 'IN_PROGRESS')"],
    ['scoring.due-3', "er.status = 'SCORING'"],
  ])('%s is still open while %s', (rule, expected) => {
    expect(stillOpen(rule)).toBe(expected);
    const index = branches.findIndex((b) => b.patterns.some((p) => p.test(rule)));
    expect(index).toBeLessThan(branches.length - 1); // not the ELSE
  });

  it('only reads the notifications it is given, in section and due-date order', () => {
    const s = flat(NOTIFICATION_ITEMS_SQL);
    expect(params(NOTIFICATION_ITEMS_SQL)).toEqual([1]);
    expect(s).toContain('WHERE n.id = ANY($1::bigint[])');
    expect(s).toMatch(/ORDER BY n\.section, n\.due_date, n\.id$/);
  });
});
