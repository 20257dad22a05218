import ExcelJS from 'exceljs';
import type { Role } from '@gwaje/identity';
import { useTestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { login } from './support/factory.js';
import {
  csvFile,
  importFile,
  type ImportKind,
  outcomes,
  rowErrors,
  xlsxFile,
} from './support/imports.js';
import { on, taskHistory, taskWorld, transition, type TaskWorld, YEAR } from './support/tasks.js';

// Issue 19, part 3: departments, users and the year's priority tasks with their milestones from
// XLSX or CSV. Every row is checked first; any problem is a 400 naming row and column, and nothing
// changes; the same file twice changes nothing the second time.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TASK_HEAD = [
  '과제번호',
  '연도',
  '과제명',
  '분야',
  '주관부서',
  '주담당자 이메일',
  '시작일',
  '종료일',
  '목표',
  '성과지표',
  '단위',
  '목표값',
  '위험도',
  '상태',
] as const;
const MILESTONE_HEAD = ['과제번호', '과제명', '단계명', '완료 예정일', '가중치'];
type TaskCells = Partial<Record<(typeof TASK_HEAD)[number], ExcelJS.CellValue>>;
type TaskLine = ExcelJS.CellValue[];
/** A row of the tasks sheet from its cells by header (the rest blank). */
const taskLine = (cells: TaskCells): TaskLine => TASK_HEAD.map((h) => cells[h] ?? '');
/** A CSV cell of a task line (its lines hold text and numbers). */
const cellText = (c: ExcelJS.CellValue): string =>
  typeof c === 'string' || typeof c === 'number' ? String(c) : '';

describe('spreadsheet imports', () => {
  // At most two new accounts per users import here, so the limit can be seen at work.
  const { http, factory } = useTestApi({ IMPORTS_MAX_NEW_USERS: '2' });

  const historyOf = async (organisationId: string) =>
    (
      await factory.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM history WHERE organisation_id = $1`,
        [organisationId],
      )
    ).rows[0].n;

  /** Runs `work` and checks that no business table changed (test/support/checksum.ts). */
  async function nothingChanges(work: () => Promise<void>): Promise<void> {
    const before = await businessChecksum(factory.db);
    await work();
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  }

  describe('departments (ADMIN)', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    it('downloads a template: the header row, drop-downs and a guide sheet with the allowed values', async () => {
      const res = await http.download('/api/v1/imports/departments/template', {
        token: w.admin.token,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(XLSX);
      expect(res.headers.get('content-disposition')).toContain('attachment');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['부서', '작성 안내']);
      expect(workbook.getWorksheet('부서')!.getRow(1).values).toEqual([
        undefined,
        '부서명',
        '종류',
        '감사부서',
        '적극행정 전담부서',
      ]);
      const guide: string[] = [];
      workbook.getWorksheet('작성 안내')!.eachRow((row) => guide.push(row.getCell(3).text));
      expect(guide.join('\n')).toContain('과, 담당관, 동, 보건소, 팀');
    });

    it('previews, imports with history, and changes nothing when the same file comes again', async () => {
      const file = {
        name: '부서 목록.csv',
        bytes: csvFile([
          ['부서명', '종류', '감사부서', '적극행정 전담부서'],
          ['복지정책과', '과', '아니요', '아니요'],
          ['청소행정과', 'DIVISION', '', ''],
          ['상계1동', '동', '', ''],
          [w.lead.name, '과', '아니요', '아니요'],
        ]),
      };
      let preview: any;
      await nothingChanges(async () => {
        preview = await importFile(http, w.admin.token, 'departments', file, { dryRun: true });
      });
      expect(outcomes(preview)).toEqual([
        '2 복지정책과 created',
        '3 청소행정과 created',
        '4 상계1동 created',
        `5 ${w.lead.name} unchanged`,
      ]);
      expect(preview.body).toMatchObject({ dryRun: true, format: 'csv', encoding: 'utf-8' });
      expect(preview.body.rows[0].id).toBeNull();

      const done = await importFile(http, w.admin.token, 'departments', file);
      expect(outcomes(done)).toEqual(outcomes(preview));
      expect(done.body.summary).toEqual({ created: 3, updated: 0, unchanged: 1 });
      const { rows } = await factory.db.query(
        `SELECT name, kind FROM departments WHERE organisation_id = $1 AND name = ANY($2) ORDER BY name`,
        [w.org.id, ['복지정책과', '청소행정과', '상계1동']],
      );
      expect(rows).toEqual([
        { name: '복지정책과', kind: 'DIVISION' },
        { name: '상계1동', kind: 'DONG' },
        { name: '청소행정과', kind: 'DIVISION' },
      ]);
      const { rows: entries } = await factory.db.query(
        `SELECT action, actor_id, reason FROM history WHERE record_type = 'department' AND record_id = $1`,
        [done.body.rows[0].id],
      );
      expect(entries).toEqual([
        {
          action: 'create',
          actor_id: w.admin.id,
          reason: '스프레드시트 가져오기: 부서 목록.csv 2행',
        },
      ]);

      const historyBefore = await historyOf(w.org.id);
      let again: any;
      await nothingChanges(async () => {
        again = await importFile(http, w.admin.token, 'departments', file);
      });
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 4 });
      expect(await historyOf(w.org.id)).toBe(historyBefore);
    });

    it('updates the listed fields of an existing department, on record', async () => {
      const res = await importFile(http, w.admin.token, 'departments', {
        name: 'dept.xlsx',
        bytes: await xlsxFile({
          부서: [
            ['부서명', '종류', '적극행정 전담부서'],
            ['청소행정과', '팀', '예'],
          ],
        }),
      });
      expect(res.body.rows).toEqual([
        expect.objectContaining({ outcome: 'updated', changes: ['종류', '적극행정 전담부서'] }),
      ]);
      const { rows } = await factory.db.query(
        `SELECT action, changes FROM history WHERE record_type = 'department' AND record_id = $1 ORDER BY record_seq`,
        [res.body.rows[0].id],
      );
      expect(rows[1]).toEqual({
        action: 'update',
        changes: {
          kind: { from: 'DIVISION', to: 'TEAM' },
          isProactiveOffice: { from: false, to: true },
        },
      });
    });

    it('refuses duplicate names and a missing column, naming row and column, changing nothing', async () => {
      await nothingChanges(async () => {
        const dup = await importFile(http, w.admin.token, 'departments', {
          name: 'dup.csv',
          bytes: csvFile([
            ['부서명', '종류'],
            ['재난안전과', '과'],
            ['건축과', '부'],
            ['재난안전과', '과'],
          ]),
        });
        expect(rowErrors(dup)).toEqual(['3 종류 allowedValue', '4 부서명 duplicateInFile']);
        expect(dup.body.rowErrors[1].message.ko).toBe(
          '2행과 같은 부서명입니다. 한 부서는 한 행에만 쓰세요.',
        );
        expect(dup.body.details[1]).toEqual({
          field: 'file.4.부서명',
          code: 'duplicateInFile',
          message: '2행과 같은 부서명입니다. 한 부서는 한 행에만 쓰세요.',
        });
        const missing = await importFile(http, w.admin.token, 'departments', {
          name: 'missing.csv',
          bytes: csvFile([['부서명'], ['재난안전과']]),
        });
        expect(rowErrors(missing)).toEqual(['1 종류 missingColumn']);
      });
    });
  });

  describe('users with roles (ADMIN)', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    const usersFile = (rows: Array<Array<string>>) => ({
      name: 'users.xlsx',
      head: ['이름', '이메일', '부서', '직급', '역할', '언어'],
      rows,
    });
    const asXlsx = async (f: ReturnType<typeof usersFile>) => ({
      name: f.name,
      bytes: await xlsxFile({ 사용자: [f.head, ...f.rows] }),
    });

    it('creates accounts with temporary passwords that must be changed at the first sign-in', async () => {
      const file = await asXlsx(
        usersFile([
          // The partner department has no head yet: 김민준 becomes it.
          [
            '김민준',
            'Minjun.Kim@import.test',
            w.partnerDept.name,
            '행정7급',
            '부서 직원, 부서장',
            '',
          ],
          ['이서연', 'seoyeon@import.test', w.lead.name, '', 'STAFF', 'English'],
          ['홍길동', w.staff.email, w.lead.name, '행정6급', '부서 직원', ''],
        ]),
      );
      const preview = await importFile(http, w.admin.token, 'users', file, { dryRun: true });
      expect(outcomes(preview)).toEqual([
        '2 minjun.kim@import.test created',
        '3 seoyeon@import.test created',
        `4 ${w.staff.email} updated`,
      ]);
      // A dry run makes no password.
      expect(preview.body.rows[0].temporaryPassword).toBeUndefined();

      const res = await importFile(http, w.admin.token, 'users', file);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(outcomes(res)).toEqual(outcomes(preview));
      expect(res.body.rows[2].changes).toEqual(['직급']);
      const created = res.body.rows[0];
      expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){2,}$/);
      const { rows } = await factory.db.query(
        `SELECT name, roles::text[] AS roles, grade, language, password_change_required
           FROM users WHERE id = $1`,
        [created.id],
      );
      expect(rows[0]).toEqual({
        name: '김민준',
        roles: ['STAFF', 'DEPT_HEAD'],
        grade: '행정7급',
        language: 'ko',
        password_change_required: true,
      });
      const session = await login(http, {
        email: 'minjun.kim@import.test',
        password: created.temporaryPassword,
      });
      const tasks = await http.get('/api/v1/tasks', { token: session.accessToken });
      expect(tasks.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      // The history records that a password was set, never its value.
      const { rows: entries } = await factory.db.query<{ changes: object }>(
        `SELECT changes FROM history WHERE record_type = 'user' AND record_id = $1`,
        [created.id],
      );
      expect(JSON.stringify(entries)).not.toContain(created.temporaryPassword);
      expect(entries[0].changes).toMatchObject({ password: { from: null, to: '(temporary)' } });

      // The same file again: nothing changes, no new password.
      const historyBefore = await historyOf(w.org.id);
      let again: any;
      await nothingChanges(async () => {
        again = await importFile(http, w.admin.token, 'users', file);
      });
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3 });
      expect(again.body.rows.map((r: any) => r.temporaryPassword)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(await historyOf(w.org.id)).toBe(historyBefore);
    });

    it('creates at most imports.maxNewUsers accounts per file, naming the first row over', async () => {
      await nothingChanges(async () => {
        const res = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(
            usersFile([
              ['가', 'n1@import.test', w.lead.name, '', '부서 직원', ''],
              ['나', 'n2@import.test', w.lead.name, '', '부서 직원', ''],
              ['다', w.staff.email, w.lead.name, '행정6급', '부서 직원', ''],
              ['라', 'n3@import.test', w.lead.name, '', '부서 직원', ''],
            ]),
          ),
        );
        expect(rowErrors(res)).toEqual(['사용자 5 이메일 maxNewUsers']);
      });
    });

    it('changes roles on record (update_roles)', async () => {
      const res = await importFile(
        http,
        w.admin.token,
        'users',
        await asXlsx(
          usersFile([['이서연', 'seoyeon@import.test', w.lead.name, '', '감사담당관', 'English']]),
        ),
      );
      expect(res.body.rows[0]).toMatchObject({ outcome: 'updated', changes: ['역할'] });
      const { rows } = await factory.db.query(
        `SELECT action, changes FROM history WHERE record_type = 'user' AND record_id = $1 ORDER BY record_seq DESC LIMIT 1`,
        [res.body.rows[0].id],
      );
      expect(rows[0]).toEqual({
        action: 'update_roles',
        changes: { roles: { from: ['STAFF'], to: ['AUDITOR'] } },
      });
    });

    it('refuses unknown departments, another organisation’s e-mail, duplicates and self-grants', async () => {
      const other = await taskWorld(http, factory);
      await nothingChanges(async () => {
        const res = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(
            usersFile([
              ['박지호', 'jiho@import.test', '없는과', '', '부서 직원', ''],
              ['최유나', other.staff.email, w.lead.name, '', '부서 직원', ''],
              ['정하준', 'hajun@import.test', w.lead.name, '', '부서 직원', ''],
              ['정하준', 'HAJUN@import.test', w.lead.name, '', '부서 직원', ''],
              ['관리자', w.admin.email, w.lead.name, '', '시스템 관리자, 적극행정 전담부서', ''],
              ['관리자2', 'admin2@import.test', w.lead.name, '', '팀장', ''],
              ['', 'noname@import.test', other.lead.name, '', '부서 직원', ''],
            ]),
          ),
        );
        expect(rowErrors(res)).toEqual([
          '사용자 5 이메일 duplicateInFile',
          '사용자 7 역할 allowedValue',
          '사용자 8 이름 required',
        ]);
        // Rows that pass on their own are checked against the database only then: fixed the
        // above, these remain.
        const second = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(
            usersFile([
              ['박지호', 'jiho@import.test', '없는과', '', '부서 직원', ''],
              ['최유나', other.staff.email, w.lead.name, '', '부서 직원', ''],
              ['관리자', w.admin.email, w.lead.name, '', '시스템 관리자, 적극행정 전담부서', ''],
              ['관리자', 'x@import.test', other.lead.name, '', '부서 직원', ''],
            ]),
          ),
        );
        expect(rowErrors(second)).toEqual([
          '사용자 2 부서 unknownDepartment',
          '사용자 3 이메일 emailTaken',
          '사용자 4 역할 selfGrant',
          '사용자 5 부서 unknownDepartment',
        ]);
        const demote = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(usersFile([['관리자', w.admin.email, w.lead.name, '', '부서 직원', '']])),
        );
        expect(rowErrors(demote)).toEqual(['사용자 2 역할 selfAdmin']);
      });
    });

    it('keeps one head per department: a second one, from the file or beside the present head, is refused', async () => {
      await nothingChanges(async () => {
        const res = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(
            usersFile([
              // w.lead has its head (w.head), who is not in the file.
              ['유도윤', 'doyun@import.test', w.lead.name, '', '부서장', ''],
              // Two heads for a department without one.
              ['서지안', 'jian@import.test', w.otherDept.name, '', '부서장', ''],
              ['한예린', w.outsider.email, w.otherDept.name, '', '부서 직원, 부서장', ''],
            ]),
          ),
        );
        expect(rowErrors(res)).toEqual([
          '사용자 2 역할 departmentHasHead',
          '사용자 3 역할 departmentHasHead',
          '사용자 4 역할 departmentHasHead',
        ]);
      });
      // Handing the role over in one file is fine: the present head becomes staff, the new one head.
      const handover = await importFile(
        http,
        w.admin.token,
        'users',
        await asXlsx(
          usersFile([
            [w.head.email.split('@')[0], w.head.email, w.lead.name, '', '부서 직원', ''],
            ['유도윤', 'doyun@import.test', w.lead.name, '', '부서장', ''],
          ]),
        ),
      );
      expect(handover.status).toBe(200);
    });

    it('leaves a system administrator’s account to a system administrator', async () => {
      const root = await factory.user(w.lead, ['ADMIN'], { systemAdministrator: true });
      await nothingChanges(async () => {
        const res = await importFile(
          http,
          w.admin.token,
          'users',
          await asXlsx(usersFile([['최고관리자', root.email, w.lead.name, '', '부서 직원', '']])),
        );
        expect(rowErrors(res)).toEqual(['사용자 2 이메일 systemAdministrator']);
      });
    });
  });

  describe('priority tasks with milestones (PROACTIVE_OFFICE)', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    /** A row of the 「중점과제」 sheet: a valid task of `w` unless `cells` say otherwise. */
    const task = (cells: TaskCells) =>
      taskLine({
        연도: YEAR,
        분야: '적극행정',
        주관부서: w.lead.name,
        '주담당자 이메일': w.owner.email,
        시작일: on('01-02'),
        종료일: on('12-31'),
        ...cells,
      });
    const tasksWorkbook = (taskRows: TaskLine[], milestoneRows: ExcelJS.CellValue[][]) =>
      xlsxFile({
        중점과제: [TASK_HEAD, ...taskRows],
        '단계별 계획': [MILESTONE_HEAD, ...milestoneRows],
      });

    it('creates drafts and proposals with the next codes and their milestones; the same file again changes nothing', async () => {
      const bytes = await tasksWorkbook(
        [
          task({
            과제명: '초등학교 맞춤형 통학로 개선',
            시작일: new Date(Date.UTC(YEAR, 0, 2)),
            종료일: `${YEAR}. 12. 31.`,
            목표: '통학로 사고 0건',
            성과지표: '개선 통학로 수',
            단위: '개소',
            목표값: 12,
            위험도: '보통',
          }),
          task({
            과제번호: `${YEAR}-07`,
            과제명: '카카오톡 체납안내 서비스',
            분야: 'GOV_INNOVATION',
            시작일: on('03-02'),
            종료일: on('10-31'),
            상태: '제안',
          }),
        ],
        [
          ['', '초등학교 맞춤형 통학로 개선', '학교별 현장 진단', on('03-31'), ''],
          ['', '초등학교 맞춤형 통학로 개선', '실시설계', on('06-30'), 2],
          [`${YEAR}-07`, '', '서비스 개시', on('09-30'), 1],
        ],
      );
      const file = { name: 'tasks.xlsx', bytes };
      const preview = await importFile(http, w.office.token, 'tasks', file, { dryRun: true });
      // New codes continue after the highest of the year (YEAR-07, given in the file), in the
      // tasks service's numbering.
      expect(outcomes(preview)).toEqual([
        `2 ${YEAR}-08 created`,
        `2 ${YEAR}-08 학교별 현장 진단 created`,
        `3 ${YEAR}-08 실시설계 created`,
        `3 ${YEAR}-07 created`,
        `4 ${YEAR}-07 서비스 개시 created`,
      ]);

      const res = await importFile(http, w.office.token, 'tasks', file);
      expect(outcomes(res)).toEqual(outcomes(preview));
      const first = await http.get(`/api/v1/tasks/${res.body.rows[0].id}`, {
        token: w.office.token,
      });
      expect(first.body).toMatchObject({
        code: `${YEAR}-08`,
        status: 'DRAFT',
        risk: 'MEDIUM',
        startDate: on('01-02'),
        dueDate: on('12-31'),
        goal: '통학로 사고 0건',
        kpi: { indicator: '개선 통학로 수', unit: '개소', target: 12, baseline: null },
      });
      expect(first.body.milestones.map((m: any) => [m.title, m.dueDate, m.weight])).toEqual([
        ['학교별 현장 진단', on('03-31'), 1],
        ['실시설계', on('06-30'), 2],
      ]);
      const second = await http.get(`/api/v1/tasks/${res.body.rows[3].id}`, {
        token: w.office.token,
      });
      expect(second.body).toMatchObject({
        code: `${YEAR}-07`,
        status: 'PROPOSED',
        category: 'GOV_INNOVATION',
      });
      const history = await taskHistory(http, w.office.token, res.body.rows[0].id);
      expect(history).toEqual([
        expect.objectContaining({
          action: 'create',
          actorId: w.office.id,
          reason: '스프레드시트 가져오기: tasks.xlsx 「중점과제」 2행',
        }),
      ]);
      expect(history[0].changes.milestones.to).toEqual([
        { title: '학교별 현장 진단', dueDate: on('03-31'), weight: 1 },
        { title: '실시설계', dueDate: on('06-30'), weight: 2 },
      ]);

      const historyBefore = await historyOf(w.org.id);
      let again: any;
      await nothingChanges(async () => {
        again = await importFile(http, w.office.token, 'tasks', file);
      });
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 5 });
      expect(await historyOf(w.org.id)).toBe(historyBefore);
    });

    it('updates a draft, proposes it, adds a milestone; a selected task refuses any change by row', async () => {
      const row = (cells: TaskCells = {}) =>
        task({
          과제번호: `${YEAR}-08`,
          과제명: '초등학교 맞춤형 통학로 개선',
          종료일: on('11-30'),
          목표: '통학로 사고 0건',
          성과지표: '개선 통학로 수',
          단위: '개소',
          목표값: 12,
          위험도: '높음',
          상태: '제안',
          ...cells,
        });
      const finish: ExcelJS.CellValue[] = [`${YEAR}-08`, '', '준공', on('11-15'), 1];
      const res = await importFile(http, w.office.token, 'tasks', {
        name: 'update.xlsx',
        bytes: await tasksWorkbook([row()], [finish]),
      });
      expect(res.body.rows).toEqual([
        expect.objectContaining({ outcome: 'updated', changes: ['종료일', '위험도', '상태'] }),
        expect.objectContaining({ outcome: 'created', key: `${YEAR}-08 준공` }),
      ]);
      const id = res.body.rows[0].id;
      const history = await taskHistory(http, w.office.token, id);
      expect(history.map((h) => h.action)).toEqual([
        'create',
        'update',
        'propose',
        'milestone.add',
      ]);
      expect(history[1].changes).toEqual({
        dueDate: { from: on('12-31'), to: on('11-30') },
        risk: { from: 'MEDIUM', to: 'HIGH' },
      });

      // Selected by the office: its plan now changes only through its state machine.
      await transition(http, w.office.token, id, 'select');
      await nothingChanges(async () => {
        const refused = await importFile(http, w.office.token, 'tasks', {
          name: 'late.xlsx',
          bytes: await tasksWorkbook(
            [row({ 과제명: '초등학교 맞춤형 통학로 개선 사업', 종료일: on('10-31') })],
            [[`${YEAR}-08`, '', '실시설계', on('07-31'), 2]],
          ),
        });
        expect(rowErrors(refused)).toEqual([
          '중점과제 2 과제명 taskLocked',
          '중점과제 2 종료일 taskLocked',
          // 준공 (not in this file) would fall after the new due date.
          '중점과제 2 종료일 coversMilestones',
          '단계별 계획 2 완료 예정일 taskLocked',
        ]);
        expect(refused.body.rowErrors[0].message.ko).toContain('「선정」 상태의 과제는');
      });
      // Unchanged rows of a selected task are fine: the file that made it can come again.
      const same = await importFile(http, w.office.token, 'tasks', {
        name: 'same.xlsx',
        bytes: await tasksWorkbook([row()], [finish]),
      });
      expect(same.body.summary).toEqual({ created: 0, updated: 0, unchanged: 2 });
    });

    it('refuses unknown departments and users, duplicate codes, bad dates and a missing column', async () => {
      const stranger = await factory.user(w.otherDept, ['STAFF']);
      const csvOf = (rows: TaskLine[]) => ({
        name: 'bad.csv',
        bytes: csvFile([TASK_HEAD, ...rows.map((r) => r.map(cellText))]),
      });
      const refs = [
        task({ 과제번호: `${YEAR}-20`, 과제명: '가 과제', 주관부서: '없는과' }),
        task({
          과제번호: `${YEAR}-21`,
          과제명: '나 과제',
          '주담당자 이메일': 'nobody@import.test',
        }),
        task({ 과제번호: `${YEAR}-22`, 과제명: '다 과제', '주담당자 이메일': stranger.email }),
      ];
      await nothingChanges(async () => {
        const res = await importFile(
          http,
          w.office.token,
          'tasks',
          csvOf([
            ...refs,
            task({ 과제번호: `${YEAR}-23`, 과제명: '라 과제', 시작일: on('02-30') }),
            task({
              과제번호: `${YEAR}-23`,
              과제명: '마 과제',
              시작일: on('05-01'),
              종료일: on('04-01'),
            }),
          ]),
        );
        // Every row is read first: the rows' own problems, before any is looked up.
        expect(rowErrors(res)).toEqual([
          '5 시작일 date',
          '6 종료일 notBeforeStart',
          '6 과제번호 duplicateInFile',
        ]);
        expect(rowErrors(await importFile(http, w.office.token, 'tasks', csvOf(refs)))).toEqual([
          '2 주관부서 unknownDepartment',
          '3 주담당자 이메일 unknownUser',
          '4 주담당자 이메일 leadDepartmentUser',
        ]);
        const missing = await importFile(http, w.office.token, 'tasks', {
          name: 'missing.csv',
          bytes: csvFile([
            ['과제명', '분야', '주관부서', '주담당자 이메일', '시작일', '종료일'],
            ['가 과제', '적극행정', w.lead.name, w.owner.email, on('01-02'), on('12-31')],
          ]),
        });
        expect(rowErrors(missing)).toEqual(['1 연도 missingColumn']);
      });
    });

    it('imports milestones of existing tasks from a CSV of their own', async () => {
      const found = await http.get(
        `/api/v1/tasks?year=${YEAR}&q=${encodeURIComponent('체납안내')}`,
        { token: w.office.token },
      );
      const code = found.body.items[0].code as string;
      const file = {
        name: 'milestones.csv',
        bytes: csvFile([
          ['과제번호', '과제명', '단계명', '완료 예정일', '가중치'],
          [code, '카카오톡 체납안내 서비스', '시범 운영', on('06-30'), '1'],
          [code, '', '서비스 개시', on('10-15'), '3'],
        ]),
      };
      const res = await importFile(http, w.office.token, 'milestones', file);
      expect(outcomes(res)).toEqual([
        `2 ${code} 시범 운영 created`,
        `3 ${code} 서비스 개시 updated`,
      ]);
      expect(res.body.rows[1].changes).toEqual(['완료 예정일', '가중치']);
      await nothingChanges(async () => {
        const again = await importFile(http, w.office.token, 'milestones', file);
        expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 2 });
        const bad = await importFile(http, w.office.token, 'milestones', {
          name: 'bad.csv',
          bytes: csvFile([
            ['과제번호', '과제명', '단계명', '완료 예정일'],
            [`${YEAR}-99`, '', '시범 운영', on('06-30')],
            [code, '다른 과제', '점검', on('07-30')],
            [code, '', '점검 2', on('12-31', YEAR + 1)],
          ]),
        });
        expect(rowErrors(bad)).toEqual([
          '2 과제번호 unknownTask',
          '3 과제명 titleMismatch',
          '4 완료 예정일 withinTask',
        ]);
      });
    });
  });

  describe('files that are not what they should be', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    it('a file over the limit is a 413, a file that is not a spreadsheet a 415, whatever its name', async () => {
      await nothingChanges(async () => {
        const big = Buffer.concat([
          Buffer.from('\ufeff부서명,종류\r\n'),
          Buffer.alloc(6 * 1024 * 1024, 'a'),
        ]);
        const tooLarge = await importFile(http, w.admin.token, 'departments', {
          name: 'big.csv',
          bytes: big,
        });
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.body).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          maxBytes: 5 * 1024 * 1024,
          details: [{ field: 'file', code: 'maxSize' }],
        });
        const png = Buffer.from(
          '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
          'hex',
        );
        const notSheet = await importFile(http, w.admin.token, 'departments', {
          name: 'departments.xlsx',
          bytes: png,
        });
        expect(notSheet.status).toBe(415);
        expect(notSheet.body).toMatchObject({
          code: 'UNSUPPORTED_FILE_TYPE',
          details: [{ field: 'file', code: 'spreadsheet' }],
        });
        const none = await http.post('/api/v1/imports/departments', {}, { token: w.admin.token });
        expect(none.status).toBe(400);
        expect(none.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
      });
    });

    it('more data rows than the limit is a 400 naming the file', async () => {
      const rows = [
        ['부서명', '종류'],
        ...Array.from({ length: 5001 }, (_, i) => [`부서${i}`, '과']),
      ];
      await nothingChanges(async () => {
        const res = await importFile(http, w.admin.token, 'departments', {
          name: 'many.csv',
          bytes: csvFile(rows),
        });
        expect(rowErrors(res)).toEqual(['- - maxRows']);
      });
    });

    it('reads EUC-KR CSV (older Excel) too', async () => {
      const table = new Map<string, number[]>();
      const decoder = new TextDecoder('euc-kr');
      for (let lead = 0xb0; lead <= 0xc8; lead++)
        for (let trail = 0xa1; trail <= 0xfe; trail++)
          table.set(decoder.decode(Uint8Array.from([lead, trail])), [lead, trail]);
      const text = '부서명,종류\r\n건축과,과\r\n';
      const bytes = Buffer.from(
        [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)),
      );
      const res = await importFile(
        http,
        w.admin.token,
        'departments',
        { name: 'euckr.csv', bytes },
        { dryRun: true },
      );
      expect(res.body).toMatchObject({
        encoding: 'euc-kr',
        rows: [{ key: '건축과', outcome: 'created' }],
      });
    });
  });

  describe('who may import', () => {
    let w: TaskWorld;
    beforeAll(async () => {
      w = await taskWorld(http, factory);
    });

    const CASES: Array<[ImportKind, Role[]]> = [
      ['departments', ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE']],
      ['users', ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE', 'COMMITTEE']],
      ['tasks', ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'COMMITTEE', 'ADMIN']],
      ['milestones', ['STAFF', 'DEPT_HEAD', 'AUDITOR', 'COMMITTEE', 'ADMIN']],
    ];
    it.each(CASES)(
      '%s: every other role is refused (403), template and import',
      async (kind, roles) => {
        const tokens: Record<string, string> = {
          STAFF: w.staff.token,
          DEPT_HEAD: w.head.token,
          AUDITOR: w.auditor.token,
          PROACTIVE_OFFICE: w.office.token,
          COMMITTEE: w.committee.token,
          ADMIN: w.admin.token,
        };
        const file = {
          name: 'x.csv',
          bytes: csvFile([
            ['부서명', '종류'],
            ['복지정책과', '과'],
          ]),
        };
        await nothingChanges(async () => {
          const got: string[] = [];
          for (const role of roles) {
            const template = await http.get(`/api/v1/imports/${kind}/template`, {
              token: tokens[role],
            });
            const upload = await importFile(http, tokens[role], kind, file);
            got.push(`${role} ${template.status} ${upload.status} ${upload.body.code}`);
          }
          expect(got).toEqual(roles.map((r) => `${r} 403 403 FORBIDDEN`));
        });
      },
    );
  });

  describe('organisations stay apart', () => {
    it('an import reads and changes only the caller’s organisation', async () => {
      const a = await taskWorld(http, factory);
      const b = await taskWorld(http, factory);
      // B has a department, a user and a task whose keys A's files use too.
      const bTask = await b.task('DRAFT', { title: '같은 이름 과제' });
      const shared = b.lead.name;
      await factory.dept(a.org.id, { name: `A의 ${shared}` });
      const bBefore = await factory.db.query(
        `SELECT (SELECT count(*) FROM departments WHERE organisation_id = $1) AS d,
                (SELECT count(*) FROM users WHERE organisation_id = $1) AS u,
                (SELECT count(*) FROM tasks WHERE organisation_id = $1) AS t,
                (SELECT count(*) FROM history WHERE organisation_id = $1) AS h`,
        [b.org.id],
      );

      // A department of B's name is A's own new department.
      const depts = await importFile(http, a.admin.token, 'departments', {
        name: 'd.csv',
        bytes: csvFile([
          ['부서명', '종류'],
          [shared, '과'],
        ]),
      });
      expect(outcomes(depts)).toEqual([`2 ${shared} created`]);
      // B's department is not A's: a user or a task of A cannot name it.
      const users = await importFile(http, a.admin.token, 'users', {
        name: 'u.csv',
        bytes: csvFile([
          ['이름', '이메일', '부서', '역할'],
          ['가', 'ga@import.test', `A의 ${shared}`, '부서 직원'],
          ['나', b.staff.email, a.lead.name, '부서 직원'],
        ]),
      });
      expect(rowErrors(users)).toEqual(['3 이메일 emailTaken']);
      const line = (cells: TaskCells) =>
        taskLine({
          연도: YEAR,
          분야: '적극행정',
          주관부서: a.lead.name,
          '주담당자 이메일': a.owner.email,
          시작일: on('01-02'),
          종료일: on('12-31'),
          ...cells,
        }).map(cellText);
      const mine = line({ 과제번호: bTask.code, 과제명: '같은 이름 과제' });
      const tasks = await importFile(http, a.office.token, 'tasks', {
        name: 't.csv',
        bytes: csvFile([
          TASK_HEAD,
          mine,
          line({
            과제명: '다른 과제',
            주관부서: b.otherDept.name,
            '주담당자 이메일': b.owner.email,
          }),
        ]),
      });
      expect(rowErrors(tasks)).toEqual([
        '3 주관부서 unknownDepartment',
        '3 주담당자 이메일 unknownUser',
      ]);
      // B's task code is free in A: A gets its own task of that code.
      const own = await importFile(http, a.office.token, 'tasks', {
        name: 't.csv',
        bytes: csvFile([TASK_HEAD, mine]),
      });
      expect(outcomes(own)).toEqual([`2 ${bTask.code} created`]);
      expect(own.body.rows[0].id).not.toBe(bTask.id);
      // The template lists A's departments only.
      const template = await http.download('/api/v1/imports/users/template', {
        token: a.admin.token,
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
      const guide: string[] = [];
      workbook.getWorksheet('작성 안내')!.eachRow((row) => guide.push(row.getCell(1).text));
      expect(guide).toContain(a.lead.name);
      expect(guide).not.toContain(b.otherDept.name);

      const bAfter = await factory.db.query(
        `SELECT (SELECT count(*) FROM departments WHERE organisation_id = $1) AS d,
                (SELECT count(*) FROM users WHERE organisation_id = $1) AS u,
                (SELECT count(*) FROM tasks WHERE organisation_id = $1) AS t,
                (SELECT count(*) FROM history WHERE organisation_id = $1) AS h`,
        [b.org.id],
      );
      expect(bAfter.rows).toEqual(bBefore.rows);
      const bTaskNow = await http.get(`/api/v1/tasks/${bTask.id}`, { token: b.office.token });
      expect(bTaskNow.body).toMatchObject({ title: '같은 이름 과제', version: bTask.version });
    });
  });
});
