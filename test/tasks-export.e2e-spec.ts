import ExcelJS from 'exceljs';
import { useTestApi } from './support/app.js';
import { login } from './support/factory.js';

const HEADERS = [
  '과제번호',
  '연도',
  '과제명',
  '분야',
  '주관부서',
  '주담당자',
  '시작일',
  '종료일',
  '상태',
  '위험도',
  '추진률(%)',
  '지연 여부',
  '최종 수정',
];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** An instant as 2026. 11. 22. 14:05 in Asia/Seoul (UTC+9, no daylight saving). */
function seoulDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}. ${d.getUTCMonth() + 1}. ${d.getUTCDate()}. ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

describe('task export (XLSX and CSV)', () => {
  const { http, factory } = useTestApi();

  async function download(query: string, token: string) {
    const res = await http.download(`/api/v1/tasks/export?${query}`, { token });
    return { status: res.status, headers: res.headers, body: res.bytes };
  }

  async function readXlsx(body: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('중점과제');
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { sheet: sheet!, rows };
  }

  /** Two departments of one organisation, tasks drafted through the API, one of them started. */
  async function world() {
    const org = await factory.org();
    const deptA = await factory.dept(org.id);
    const deptB = await factory.dept(org.id);
    const office = await factory.dept(org.id, { isProactiveOffice: true });
    const staffA = await factory.user(deptA, ['STAFF'], { name: '김민준' });
    const staffB = await factory.user(deptB, ['STAFF'], { name: '이도현' });
    const officer = await factory.user(office, ['PROACTIVE_OFFICE']);
    const a = (await login(http, staffA)).accessToken;
    const b = (await login(http, staffB)).accessToken;
    const o = (await login(http, officer)).accessToken;

    const draft = async (token: string, ownerId: string, fields: Record<string, unknown>) => {
      const res = await http.post(
        '/api/v1/tasks',
        {
          year: 2090,
          category: 'PROACTIVE',
          ownerId,
          startDate: '2090-01-02',
          dueDate: '2090-11-22',
          ...fields,
        },
        { token },
      );
      expect(res.status).toBe(201);
      return res.body;
    };
    const school = await draft(a, staffA.id, {
      title: '초등학교 맞춤형 통학로 개선',
      risk: 'HIGH',
      milestones: [
        { title: '통학로 위험요소 조사', dueDate: '2090-03-31' },
        { title: '보도 확장 공사', dueDate: '2090-10-31' },
      ],
    });
    const kakao = await draft(a, staffA.id, {
      title: '카카오톡 체납안내, "알림톡" 서비스',
      category: 'GOV_INNOVATION',
    });
    const formula = await draft(a, staffA.id, {
      title: '=HYPERLINK("http://example.com") 수식 과제',
      category: 'REGULATORY',
      risk: 'MEDIUM',
    });
    const other = await draft(b, staffB.id, { title: '다른 부서 과제', category: 'COLLABORATION' });

    let version: number = school.version;
    for (const [action, token] of [
      ['propose', a],
      ['select', o],
      ['start', a],
    ] as const) {
      const res = await http.post(
        `/api/v1/tasks/${school.id}/transitions`,
        { action, version },
        { token },
      );
      expect(res.status).toBe(200);
      version = res.body.version;
    }
    const milestone = school.milestones[0];
    const done = await http.patch(
      `/api/v1/tasks/${school.id}/milestones/${milestone.id}`,
      { version: milestone.version, status: 'DONE' },
      { token: a },
    );
    expect(done.status).toBe(200);
    const started = (await http.get(`/api/v1/tasks/${school.id}`, { token: a })).body;
    expect(started).toMatchObject({ status: 'IN_PROGRESS', progress: 50, delayed: false });
    return { org, deptA, deptB, staffA, staffB, a, b, school: started, kakao, formula, other };
  }

  it('downloads a CSV with a BOM, Korean headers and labels, and the list’s scope', async () => {
    const w = await world();
    const res = await download('format=csv', w.a);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"; /);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('중점과제-')}`, // 중점과제-YYYY-MM-DD.csv
    );
    expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = res.body.toString('utf8').replace(/^\uFEFF/, '');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(1 + 3);
    const byCode = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byCode.get(w.school.code)).toEqual([
      w.school.code,
      '2090',
      '초등학교 맞춤형 통학로 개선',
      '적극행정',
      w.deptA.name,
      '김민준',
      '2090. 1. 2.',
      '2090. 11. 22.',
      '추진중',
      '높음',
      '50',
      '아니오',
      seoulDateTime(w.school.updatedAt),
    ]);
    const kakao = byCode.get(w.kakao.code)!;
    expect(kakao.slice(2, 4)).toEqual(['카카오톡 체납안내, "알림톡" 서비스', '정부혁신']);
    expect(kakao[8]).toBe('작성중');
    expect(kakao[10]).toBe('0');
    // A cell a spreadsheet would run as a formula is neutralised.
    expect(byCode.get(w.formula.code)![2]).toBe(`'=HYPERLINK("http://example.com") 수식 과제`);
    expect(byCode.get(w.formula.code)!.slice(3, 4)).toEqual(['규제혁신']);
    expect(byCode.has(w.other.code)).toBe(false);

    // Another department's STAFF gets only their own task.
    const other = parseCsv((await download('format=csv', w.b)).body.toString('utf8').slice(1));
    expect(other.slice(1).map((r) => r[2])).toEqual(['다른 부서 과제']);
    expect(other[1].slice(3, 6)).toEqual(['협업', w.deptB.name, '이도현']);
  });

  it('downloads an XLSX sheet 중점과제 with a bold Korean header row', async () => {
    const w = await world();
    const res = await download('format=xlsx', w.a);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
    );
    const { sheet, rows } = await readXlsx(res.body);
    expect(rows[0]).toEqual(HEADERS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(rows).toHaveLength(1 + 3);
    const school = rows.find((r) => r[0] === w.school.code)!;
    expect(school).toEqual([
      w.school.code,
      2090,
      '초등학교 맞춤형 통학로 개선',
      '적극행정',
      w.deptA.name,
      '김민준',
      '2090. 1. 2.',
      '2090. 11. 22.',
      '추진중',
      '높음',
      50,
      '아니오',
      seoulDateTime(w.school.updatedAt),
    ]);
    // XLSX cells are typed strings: no formula guard needed (or applied).
    expect(rows.find((r) => r[0] === w.formula.code)![2]).toBe(
      '=HYPERLINK("http://example.com") 수식 과제',
    );
  });

  it('applies the list filters, and records each export in the access log', async () => {
    const w = await world();
    const q = parseCsv(
      (await download(`format=csv&q=${encodeURIComponent('통학로')}`, w.a)).body
        .toString('utf8')
        .slice(1),
    );
    expect(q.slice(1).map((r) => r[0])).toEqual([w.school.code]);

    const drafts = await readXlsx((await download('format=xlsx&status=DRAFT', w.a)).body);
    expect(
      drafts.rows
        .slice(1)
        .map((r) => r[0] as string)
        .sort(),
    ).toEqual([w.kakao.code, w.formula.code].sort());
    const both = await readXlsx(
      (await download('format=xlsx&status=DRAFT,IN_PROGRESS&category=REGULATORY', w.a)).body,
    );
    expect(both.rows.slice(1).map((r) => r[0])).toEqual([w.formula.code]);
    const none = await readXlsx((await download('format=xlsx&delayed=true', w.a)).body);
    expect(none.rows).toEqual([HEADERS]);

    const { rows } = await factory.db.query(
      `SELECT action, record_type, record_id, filter FROM access_log
        WHERE user_id = $1 AND action = 'EXPORT' ORDER BY id`,
      [w.staffA.id],
    );
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      action: 'EXPORT',
      record_type: 'task',
      record_id: null,
      filter: { q: '통학로', format: 'csv' },
    });
    expect(rows[2].filter).toEqual({
      status: ['DRAFT', 'IN_PROGRESS'],
      category: 'REGULATORY',
      format: 'xlsx',
    });
  });

  it('streams more rows than one batch, each task once', async () => {
    const org = await factory.org();
    const dept = await factory.dept(org.id);
    const staff = await factory.user(dept, ['STAFF'], { name: '대량' });
    await factory.db.query(
      `INSERT INTO tasks (organisation_id, code, year, title, category, lead_department_id, owner_id, start_date, due_date)
       SELECT $1, '2091-' || lpad(n::text, 4, '0'), 2091, '대량 과제 ' || n, 'PROACTIVE', $2, $3, '2091-01-01', '2091-12-31'
         FROM generate_series(1, 2345) AS n`,
      [org.id, dept.id, staff.id],
    );
    const token = (await login(http, staff)).accessToken;
    const csv = parseCsv((await download('format=csv', token)).body.toString('utf8').slice(1));
    expect(csv).toHaveLength(1 + 2345);
    expect(new Set(csv.slice(1).map((r) => r[0])).size).toBe(2345);
    const xlsx = await readXlsx((await download('format=xlsx', token)).body);
    expect(xlsx.rows).toHaveLength(1 + 2345);
  });

  it('answers 400 naming `format` for an unknown or missing format, and 401 without a token', async () => {
    const w = await world();
    for (const query of ['format=pdf', '']) {
      const res = await http.get(`/api/v1/tasks/export?${query}`, { token: w.a });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('format');
    }
    const limited = await http.get('/api/v1/tasks/export?format=csv&limit=10', { token: w.a });
    expect(limited.status).toBe(400);
    expect((await http.get('/api/v1/tasks/export?format=csv')).status).toBe(401);
  });
});

describe('export rate limit', () => {
  const { http, factory } = useTestApi({}, (c) => {
    c.http.exportRateLimitPerMinute = 2;
  });

  it('answers 429 in the common error shape after the per-minute export limit, without touching the login allowance', async () => {
    const { users } = await factory.world(['STAFF']);
    const { accessToken } = await login(http, users.STAFF);
    for (let i = 0; i < 2; i++)
      expect(
        (await http.get('/api/v1/tasks/export?format=csv', { token: accessToken })).status,
      ).toBe(200);
    const limited = await http.get('/api/v1/tasks/export?format=csv', { token: accessToken });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', details: [] });
    expect(
      (
        await http.post('/api/v1/auth/login', {
          email: users.STAFF.email,
          password: users.STAFF.password,
        })
      ).status,
    ).toBe(200);
  });
});
