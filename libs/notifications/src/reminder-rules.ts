/**
 * The reminder rules of DOMAIN.md §6 as set-based SQL: each inserts the notifications a run owes,
 * keyed (rule, record, due date, recipient), with ON CONFLICT DO NOTHING, so running twice or
 * retrying never makes a second one. Parameters: $1 organisation, $2 today (Asia/Seoul), then the
 * rule's own. Rule names carry their offset ("report.due-5", "report.overdue+6").
 */

const COLUMNS = `organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on`;

/** Active users with a role in the organisation: `roleUsers('AUDITOR')`. */
const roleUsers = (role: string, org = 'r.organisation_id') =>
  `SELECT u.id FROM users u WHERE u.organisation_id = ${org} AND u.active AND '${role}' = ANY(u.roles)`;

const insert = (select: string) =>
  `INSERT INTO notifications (${COLUMNS}) ${select} ON CONFLICT DO NOTHING RETURNING id`;

/** D-n business days before a report is due: the task owner and the lead department's heads. */
export const reportDueSql = (rule: string) =>
  insert(`
  SELECT r.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'report', r.id, r.due_date, $2::date
    FROM reports r JOIN tasks t ON t.id = r.task_id
    CROSS JOIN LATERAL (
      SELECT t.owner_id AS id
      UNION SELECT u.id FROM users u WHERE u.department_id = t.lead_department_id AND 'DEPT_HEAD' = ANY(u.roles)
    ) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE r.organisation_id = $1 AND r.first_submitted_at IS NULL AND r.due_date = ANY($3::date[])`);

/**
 * Overdue reports on D+1, then every N business days ($3 due dates, $4 their business days late):
 * owner, lead department heads and the proactive-administration office.
 */
export const reportOverdueSql = () =>
  insert(`
  SELECT r.organisation_id, x.id, 'report.overdue+' || d.late, 'OVERDUE', false, 'report', r.id, r.due_date, $2::date
    FROM unnest($3::date[], $4::int[]) AS d(due, late)
    JOIN reports r ON r.due_date = d.due
    JOIN tasks t ON t.id = r.task_id
    CROSS JOIN LATERAL (
      SELECT t.owner_id AS id
      UNION SELECT u.id FROM users u WHERE u.department_id = t.lead_department_id AND 'DEPT_HEAD' = ANY(u.roles)
      UNION ${roleUsers('PROACTIVE_OFFICE')}
    ) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE r.organisation_id = $1 AND r.first_submitted_at IS NULL`);

/** Screening due D-n: the organisation's auditors. */
export const screeningDueSql = (rule: string) =>
  insert(`
  SELECT c.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'consultation', c.id, c.screening_due_date, $2::date
    FROM consultations c CROSS JOIN LATERAL (${roleUsers('AUDITOR', 'c.organisation_id')}) x
   WHERE c.organisation_id = $1 AND c.state IN ('SUBMITTED', 'SCREENING') AND c.screening_due_date = ANY($3::date[])`);

const OPINION_PENDING = `c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')`;
const OPINION_DUE = `(c.opinion_due_date + c.extension_days)`;
const OPINION_RECIPIENTS = `(
      SELECT c.assigned_auditor_id AS id WHERE c.assigned_auditor_id IS NOT NULL
      UNION SELECT d.head_user_id FROM departments d
             WHERE d.organisation_id = c.organisation_id AND d.is_audit_unit AND d.head_user_id IS NOT NULL
    )`;

/** Opinion due D-n: the assigned auditor and the audit unit's head. */
export const opinionDueSql = (rule: string) =>
  insert(`
  SELECT c.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'consultation', c.id, ${OPINION_DUE}, $2::date
    FROM consultations c CROSS JOIN LATERAL ${OPINION_RECIPIENTS} x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE c.organisation_id = $1 AND ${OPINION_PENDING} AND ${OPINION_DUE} = ANY($3::date[])`);

/** Opinion overdue: every business day, counted in calendar days late. */
export const opinionOverdueSql = () =>
  insert(`
  SELECT c.organisation_id, x.id, 'consultation.opinion-overdue+' || ($2::date - ${OPINION_DUE}), 'OVERDUE', false,
         'consultation', c.id, ${OPINION_DUE}, $2::date
    FROM consultations c CROSS JOIN LATERAL ${OPINION_RECIPIENTS} x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE c.organisation_id = $1 AND ${OPINION_PENDING} AND ${OPINION_DUE} < $2::date`);

/** Milestone due D-n (tasks SELECTED or IN_PROGRESS): the owner and the members. */
export const milestoneDueSql = (rule: string) =>
  insert(`
  SELECT t.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'milestone', m.id, m.due_date, $2::date
    FROM milestones m JOIN tasks t ON t.id = m.task_id
    CROSS JOIN LATERAL (SELECT t.owner_id AS id UNION SELECT tm.user_id FROM task_members tm WHERE tm.task_id = t.id) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE t.organisation_id = $1 AND t.status IN ('SELECTED', 'IN_PROGRESS') AND m.status = 'PLANNED'
     AND m.due_date = ANY($3::date[])`);

/** Task due D-n: the owner and the members. */
export const taskDueSql = (rule: string) =>
  insert(`
  SELECT t.organisation_id, x.id, '${rule}', 'DUE_SOON', false, 'task', t.id, t.due_date, $2::date
    FROM tasks t
    CROSS JOIN LATERAL (SELECT t.owner_id AS id UNION SELECT tm.user_id FROM task_members tm WHERE tm.task_id = t.id) x
    JOIN users ru ON ru.id = x.id AND ru.active
   WHERE t.organisation_id = $1 AND t.status IN ('SELECTED', 'IN_PROGRESS') AND t.due_date = ANY($3::date[])`);

/** Scoring due D-n: committee members who still owe a sheet. */
export const scoringDueSql = (rule: string) =>
  insert(`
  SELECT r.organisation_id, m.user_id, '${rule}', 'DUE_SOON', false, 'evaluation_round', r.id, r.scoring_due, $2::date
    FROM evaluation_rounds r JOIN evaluation_members m ON m.round_id = r.id
    JOIN users ru ON ru.id = m.user_id AND ru.active
   WHERE r.organisation_id = $1 AND r.status = 'SCORING' AND r.scoring_due = ANY($3::date[])
     AND EXISTS (
       SELECT 1 FROM nominations n
        WHERE n.round_id = r.id AND n.state IN ('VERIFIED', 'SCORED', 'GRADED')
          AND NOT EXISTS (SELECT 1 FROM evaluation_scores s WHERE s.nomination_id = n.id AND s.member_id = m.user_id)
          AND NOT EXISTS (SELECT 1 FROM evaluation_conflicts k WHERE k.nomination_id = n.id AND k.member_id = m.user_id))`);

/** Mondays: auditors and the office get the week's summary (overdue reports, late opinions, delayed tasks). */
export const weeklySummarySql = () =>
  insert(`
  SELECT u.organisation_id, u.id, 'weekly.summary', 'ACTION_REQUIRED', false, 'organisation', u.organisation_id,
         $2::date, $2::date
    FROM users u
   WHERE u.organisation_id = $1 AND u.active AND ('AUDITOR' = ANY(u.roles) OR 'PROACTIVE_OFFICE' = ANY(u.roles))`);

/**
 * Each notification with what the email shows and whether it is still open: a reminder for
 * something already done is dropped instead of sent.
 */
export const NOTIFICATION_ITEMS_SQL = `
  SELECT n.id, n.rule, n.section, n.urgent, n.record_type, n.record_id, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
         COALESCE(rt.title || ' (' || r.period || ')', c.subject, mt.title || ' · ' || m.title, t.title, er.title,
           CASE WHEN n.record_type = 'organisation' THEN
             '미제출 이행실적 ' || (SELECT count(*) FROM reports x WHERE x.organisation_id = n.record_id
                                     AND x.first_submitted_at IS NULL AND x.due_date < n.due_date)
             || '건 · 기한 경과 사전컨설팅 ' || (SELECT count(*) FROM consultations y WHERE y.organisation_id = n.record_id
                                     AND ((y.state IN ('SUBMITTED', 'SCREENING') AND y.screening_due_date < n.due_date)
                                       OR (y.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
                                           AND y.opinion_due_date + y.extension_days < n.due_date)))
             || '건 · 지연 과제 ' || (SELECT count(*) FROM tasks z WHERE z.organisation_id = n.record_id
                                     AND z.status IN ('SELECTED', 'IN_PROGRESS')
                                     AND (z.due_date < n.due_date OR EXISTS (SELECT 1 FROM milestones zm
                                          WHERE zm.task_id = z.id AND zm.status = 'PLANNED' AND zm.due_date < n.due_date)))
             || '건'
             -- The newest signed checkpoint, so the auditors hold a copy of the ledger's root
             -- outside the database (issue 15): compare it with GET /history/checkpoints.
             || COALESCE((SELECT ' · 이력 체크포인트 #' || k.seq || ' (' || k.tree_size || '건, '
                                 || to_char(k.sealed_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM-DD HH24:MI') || ' 봉인, 루트 '
                                 || k.root_hash || ')'
                            FROM ledger_checkpoints k
                           WHERE k.ledger = 'history' AND k.organisation_id = n.record_id
                           ORDER BY k.seq DESC LIMIT 1), '')
           END, '') AS title,
         COALESCE(m.task_id, NULL) AS task_id,
         CASE
           WHEN n.rule LIKE 'report.returned%' THEN r.state = 'RETURNED'
           WHEN n.rule LIKE 'report.%' THEN r.first_submitted_at IS NULL
           WHEN n.rule LIKE 'consultation.submitted%' OR n.rule LIKE 'consultation.screening%'
             THEN c.state IN ('SUBMITTED', 'SCREENING')
           WHEN n.rule LIKE 'consultation.opinion-issued%' THEN true
           WHEN n.rule LIKE 'consultation.opinion%' THEN c.state IN ('ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE')
           WHEN n.rule LIKE 'milestone.%' THEN m.status = 'PLANNED' AND mt.status IN ('SELECTED', 'IN_PROGRESS')
           WHEN n.rule LIKE 'task.%' THEN t.status IN ('SELECTED', 'IN_PROGRESS')
           WHEN n.rule LIKE 'scoring.%' THEN er.status = 'SCORING'
           ELSE true
         END AS still_open
    FROM notifications n
    LEFT JOIN reports r ON n.record_type = 'report' AND r.id = n.record_id
    LEFT JOIN tasks rt ON rt.id = r.task_id
    LEFT JOIN consultations c ON n.record_type = 'consultation' AND c.id = n.record_id
    LEFT JOIN milestones m ON n.record_type = 'milestone' AND m.id = n.record_id
    LEFT JOIN tasks mt ON mt.id = m.task_id
    LEFT JOIN tasks t ON n.record_type = 'task' AND t.id = n.record_id
    LEFT JOIN evaluation_rounds er ON n.record_type = 'evaluation_round' AND er.id = n.record_id
   WHERE n.id = ANY($1::bigint[])
   ORDER BY n.section, n.due_date, n.id`;
