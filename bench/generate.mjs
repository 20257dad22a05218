// Benchmark data, generated in seconds with set-based SQL in the benchmark's own database:
// one organisation with D departments, T priority tasks of the year (3 milestones each), R reports
// spread over the tasks' monthly periods, and C pre-consultations; a proactive-administration
// office user who logs in through the API; and a second organisation whose E staff each have one
// reminder due (the e-mail fan-out). Nothing here is used by tests.
/**
 * Words of realistic Korean task, report and consultation texts, so the global search (item 5)
 * matches what it would in an organisation: each task's summary names two of these topics (400
 * combinations), reports and consultations one. Not used by the task list's search words
 * ('과제 N', which only titles hold).
 */
export const SEARCH_TOPICS = [
  '청년 창업',
  '어르신 돌봄',
  '소상공인 지원',
  '전통시장 활성화',
  '보행 안전',
  '재난 대응',
  '미세먼지 저감',
  '공공데이터 개방',
  '민원 서식 간소화',
  '규제 개선',
  '장애인 이동권',
  '아동 급식',
  '탄소중립',
  '주차 공유',
  '스마트 도시',
  '일자리 창출',
  '주거 환경',
  '출산 장려',
  '문화 관광',
  '디지털 포용',
];
const TOPICS_SQL = `(ARRAY[${SEARCH_TOPICS.map((w) => `'${w}'`).join(', ')}])`;

export async function generate(
  client,
  { departments, tasks, reports, consultations, year },
  { passwordHash, fanout },
) {
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
    `INSERT INTO tasks (organisation_id, code, year, title, summary, category, lead_department_id, owner_id,
                        start_date, due_date, status, reported_progress, completed_on)
     SELECT $1, $2::int::text || '-' || lpad(g::text, 6, '0'), $2::int, '벤치마크 과제 ' || g,
            ${TOPICS_SQL}[1 + g % 20] || ' 분야의 ' || ${TOPICS_SQL}[1 + (g / 20) % 20] || ' 연계 추진',
            'PROACTIVE', u.department_id, u.id,
            make_date($2::int, 1, 1), make_date($2::int, 1 + (g % 12), 28),
            (${statuses})[1 + ((g / $4) % 10)]::task_status, CASE WHEN g % 3 = 0 THEN g % 101 END,
            -- A completed task has its completion date (CHK_tasks_completed_on): its due date.
            CASE WHEN (${statuses})[1 + ((g / $4) % 10)] = 'COMPLETED'
                 THEN make_date($2::int, 1 + (g % 12), 28) END
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
            CASE WHEN s.state <> 'DRAFT' THEN ${TOPICS_SQL}[1 + (t.n + m * 7) % 20] || ' 관련 ' || m || '월 추진 실적' ELSE '' END,
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
     SELECT $1, u.department_id, u.id, $2::int, '질의 ' || g || ' ' || ${TOPICS_SQL}[1 + g % 20] || ' 사업 집행 기준',
            ${TOPICS_SQL}[1 + (g / 20) % 20] || ' 관련 사실', '질문', '검토', st::consultation_state,
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
  // Active tasks have an open activity span, as the service keeps them (task_active_spans).
  await q(
    `INSERT INTO task_active_spans (task_id, active_from)
     SELECT id, make_date($2::int, 1, 2) FROM tasks
      WHERE organisation_id = $1 AND status IN ('SELECTED', 'IN_PROGRESS')`,
    [org, year],
  );
  // Every task's history chain starts with its 'create' entry (record_seq 1), so a transition's
  // append finds a chain head in UQ_history_record_chain as it does in production. The hashes are
  // placeholders of the right shape (not a valid chain: the benchmark never verifies the ledger);
  // txid takes its default, the generating transaction's id.
  await q(
    `INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                          occurred_at, changes, prev_hash, hash)
     SELECT t.organisation_id, 'task', t.id::text, 1, 'create', t.owner_id, make_date($2::int, 1, 2),
            jsonb_build_object('status', jsonb_build_object('from', null, 'to', 'DRAFT')),
            repeat('0', 64), encode(sha256(convert_to('bench|' || t.id::text, 'UTF8')), 'hex')
       FROM tasks t WHERE t.organisation_id = $1`,
    [org, year],
  );
  // The user the HTTP measurements log in as: the proactive-administration office reads the whole
  // organisation and may suspend and resume any task.
  const [{ id: office }] = (
    await q(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
       SELECT $1, d.id, '적극행정 담당', 'office@bench.gwaje.kr', '{PROACTIVE_OFFICE}', $2
         FROM departments d WHERE d.organisation_id = $1 ORDER BY d.name LIMIT 1
       RETURNING id`,
      [org, passwordHash],
    )
  ).rows;
  // The global search (item 5) also searches as an AUDITOR (the whole organisation, as the office)
  // and as a STAFF member of the first department (its tasks and those it takes part in). Added
  // after the tasks, so the tasks' owners are as before.
  const [{ id: auditor }] = (
    await q(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
       SELECT $1, d.id, '감사 담당', 'auditor@bench.gwaje.kr', '{AUDITOR}', $2
         FROM departments d WHERE d.organisation_id = $1 ORDER BY d.name LIMIT 1
       RETURNING id`,
      [org, passwordHash],
    )
  ).rows;
  const [{ id: staff, department_id: staffDepartment }] = (
    await q(
      `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
       SELECT $1, d.id, '부서 직원', 'staff@bench.gwaje.kr', '{STAFF}', $2
         FROM departments d WHERE d.organisation_id = $1 ORDER BY d.name LIMIT 1
       RETURNING id, department_id`,
      [org, passwordHash],
    )
  ).rows;
  const fanoutOrg = await generateFanout(q, { ...fanout, year });
  await q(`ANALYZE`);
  return {
    org,
    office: { id: office, email: 'office@bench.gwaje.kr' },
    auditor: { id: auditor, email: 'auditor@bench.gwaje.kr' },
    staff: { id: staff, email: 'staff@bench.gwaje.kr', departmentId: staffDepartment },
    fanoutOrg,
  };
}

/**
 * The e-mail fan-out: an organisation of `users` staff, each the owner of one task in progress
 * whose end date is reminded today ("task.due-7", DOMAIN.md §6), so the reminder run owes each of
 * them one digest. When today is not a business day no deadline is reminded today (`taskDue` is
 * null): the reminders are then inserted as a run on the last business day would have left them,
 * unsent, and the run sends them.
 */
async function generateFanout(q, { users, year, taskDue, today }) {
  const [{ id: org }] = (
    await q(
      `INSERT INTO organisations (name, kind) VALUES ('알림 벤치마크군', 'LOCAL') RETURNING id`,
    )
  ).rows;
  const [{ id: department }] = (
    await q(
      `INSERT INTO departments (organisation_id, name, kind) VALUES ($1, '알림 수신 부서', 'DIVISION') RETURNING id`,
      [org],
    )
  ).rows;
  await q(
    `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
     SELECT $1, $2, '수신자 ' || g, 'fanout-' || lpad(g::text, 6, '0') || '@bench.gwaje.kr', '{STAFF}', 'x'
       FROM generate_series(1, $3) g`,
    [org, department, users],
  );
  const due = taskDue ?? `${year + 1}-12-31`;
  await q(
    `INSERT INTO tasks (organisation_id, code, year, title, category, lead_department_id, owner_id,
                        start_date, due_date, status)
     SELECT $1, $3::int::text || '-N' || lpad(row_number() OVER (ORDER BY u.email)::text, 6, '0'), $3::int,
            '알림 과제 ' || u.name, 'PROACTIVE', $2, u.id, make_date($3::int, 1, 2), $4::date, 'IN_PROGRESS'
       FROM users u WHERE u.organisation_id = $1`,
    [org, department, year, due],
  );
  await q(
    `INSERT INTO task_active_spans (task_id, active_from)
     SELECT id, make_date($2::int, 1, 2) FROM tasks WHERE organisation_id = $1`,
    [org, year],
  );
  if (!taskDue) {
    await q(
      `INSERT INTO notifications (organisation_id, recipient_id, rule, section, urgent, record_type, record_id, due_date, send_on)
       SELECT $1, t.owner_id, 'task.due-7', 'DUE_SOON', false, 'task', t.id, t.due_date, $2::date
         FROM tasks t WHERE t.organisation_id = $1`,
      [org, today],
    );
  }
  return org;
}
