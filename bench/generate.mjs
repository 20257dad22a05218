// Benchmark data, generated in seconds with set-based SQL in the benchmark's own database:
// one organisation with D departments, T priority tasks of the year (3 milestones each), R reports
// spread over the tasks' monthly periods, and C pre-consultations. Nothing here is used by tests.
export async function generate(client, { departments, tasks, reports, consultations, year }) {
  const q = (sql, params = []) => client.query(sql, params);
  const [{ id: org }] = (
    await q(`INSERT INTO organisations (name, kind) VALUES ('벤치마크구', 'LOCAL') RETURNING id`)
  ).rows;
  await q(
    `INSERT INTO departments (organisation_id, name, kind)
     SELECT $1, '부서 ' || g, 'DIVISION' FROM generate_series(1, $2) g`,
    [org, departments],
  );
  // One staff member per department owns its tasks; the hash is a placeholder (nobody logs in).
  await q(
    `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
     SELECT $1, d.id, '담당자', 'bench-' || d.id || '@bench.gwaje.kr', '{STAFF}', 'x'
       FROM departments d WHERE d.organisation_id = $1`,
    [org],
  );
  const statuses = `(ARRAY['SELECTED','IN_PROGRESS','IN_PROGRESS','IN_PROGRESS','COMPLETED','COMPLETED','SUSPENDED','PROPOSED','DRAFT','DROPPED'])`;
  await q(
    `INSERT INTO tasks (organisation_id, code, year, title, category, lead_department_id, owner_id,
                        start_date, due_date, status, reported_progress)
     SELECT $1, $2::int::text || '-' || lpad(g::text, 6, '0'), $2::int, '벤치마크 과제 ' || g, 'PROACTIVE', u.department_id, u.id,
            make_date($2::int, 1, 1), make_date($2::int, 1 + (g % 12), 28),
            (${statuses})[1 + (g % 10)]::task_status, CASE WHEN g % 3 = 0 THEN g % 101 END
       FROM generate_series(1, $3) g
       JOIN LATERAL (SELECT id, department_id FROM users WHERE organisation_id = $1
                      ORDER BY id OFFSET (g % $4) LIMIT 1) u ON true`,
    [org, year, tasks, departments],
  );
  await q(
    `INSERT INTO milestones (task_id, title, due_date, status, done_date)
     SELECT t.id, '단계 ' || k, make_date($2::int, 1 + (k * 4 - 1), 15),
            CASE WHEN k = 1 OR t.status = 'COMPLETED' THEN 'DONE' ELSE 'PLANNED' END::milestone_status,
            CASE WHEN k = 1 OR t.status = 'COMPLETED' THEN make_date($2::int, 1 + (k * 4 - 1), 15) END
       FROM tasks t CROSS JOIN generate_series(1, 3) k WHERE t.organisation_id = $1`,
    [org, year],
  );
  const perTask = Math.max(1, Math.ceil(reports / tasks));
  await q(
    `INSERT INTO reports (organisation_id, task_id, year, period, period_start, period_end, due_date, state,
                          progress, achievements, first_submitted_at, submitted_at)
     SELECT $1, t.id, $2::int, $2::int::text || '-M' || lpad(m::text, 2, '0'), make_date($2::int, m, 1),
            (make_date($2::int, m, 1) + interval '1 month - 1 day')::date,
            (make_date($2::int, m, 1) + interval '1 month 6 days')::date,
            s.state::report_state, CASE WHEN s.state <> 'DRAFT' THEN 50 END,
            CASE WHEN s.state <> 'DRAFT' THEN '실적' ELSE '' END,
            CASE WHEN s.state <> 'DRAFT' THEN make_date($2::int, m, 1) + interval '1 month' + ((t.n % 10) || ' days')::interval END,
            CASE WHEN s.state <> 'DRAFT' THEN make_date($2::int, m, 1) + interval '1 month' + ((t.n % 10) || ' days')::interval END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM tasks WHERE organisation_id = $1) t
       CROSS JOIN generate_series(1, $3) m
       CROSS JOIN LATERAL (SELECT (ARRAY['DRAFT','SUBMITTED','ACCEPTED','ACCEPTED','RETURNED'])[1 + ((t.n + m) % 5)] AS state) s
      WHERE (t.n - 1) * $3 + m <= $4`,
    [org, year, perTask, reports],
  );
  await q(
    `INSERT INTO consultations (organisation_id, requesting_department_id, drafter_id, year, subject, facts,
                                question, own_review, state, submitted_at, screening_due_date, turnaround_days,
                                opinion_at, opinion_type, opinion, rejection_reason, follow_up, immunity_presumed)
     SELECT $1, u.department_id, u.id, $2::int, '질의 ' || g, '사실', '질문', '검토', st::consultation_state,
            make_date($2::int, 1 + g % 12, 1), make_date($2::int, 1 + g % 12, 8),
            CASE WHEN st IN ('OPINION_ISSUED', 'CLOSED') THEN 5 + g % 40 END,
            CASE WHEN st IN ('OPINION_ISSUED', 'CLOSED') THEN make_date($2::int, 1 + g % 12, 20) END,
            CASE WHEN st IN ('OPINION_ISSUED', 'CLOSED') THEN 'ACCEPTABLE' END,
            CASE WHEN st IN ('OPINION_ISSUED', 'CLOSED') THEN '의견' END,
            CASE WHEN st = 'REJECTED' THEN 'NO_OWN_REVIEW' END,
            CASE WHEN st = 'CLOSED' THEN 'FOLLOWED' END, st = 'CLOSED'
       FROM generate_series(1, $3) g
       CROSS JOIN LATERAL (SELECT (ARRAY['SUBMITTED','SCREENING','REJECTED','OPINION_ISSUED','CLOSED','CLOSED'])[1 + g % 6] AS st) s
       JOIN LATERAL (SELECT id, department_id FROM users WHERE organisation_id = $1
                      ORDER BY id OFFSET (g % $4) LIMIT 1) u ON true`,
    [org, year, consultations, departments],
  );
  await q(`ANALYZE`);
  return org;
}
