import ExcelJS from 'exceljs';
import { useTestApi } from './support/app.js';
import {
  consultationInState,
  consultationWorld,
  draftConsultation,
} from './support/consultations.js';
import { activeTaskSince, fillReport, reportAction } from './support/reports.js';
import { taskInState, taskWorld } from './support/tasks.js';

// XLSX/CSV of the report queue and the pre-consultation queue (issue 23): the list's read scope
// and filters, Korean headers, times in Asia/Seoul, an access-log entry per export.

const REPORT_HEADERS = [
  '과제번호',
  '과제명',
  '주관부서',
  '보고 기간',
  '제출 기한',
  '상태',
  '기한 준수',
  '지연·경과 일수',
  '추진률(%)',
  '작성자',
  '최초 제출',
  '제출일시',
  '검토자',
  '검토일시',
  '재제출 횟수',
  '사후 입력',
  '최종 수정',
];
const CONSULTATION_HEADERS = [
  '연도',
  '제목',
  '신청부서',
  '과제번호',
  '과제명',
  '상태',
  '신청일시',
  '처리 기한',
  '기한 경과',
  '경과 일수',
  '담당 감사관',
  '의견 유형',
  '의견 회신일시',
  '처리 일수',
  '이행 여부',
  '최종 수정',
];

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

/** An instant as 2026. 11. 22. 14:05 in Asia/Seoul (UTC+9, no daylight saving), computed here. */
function seoulDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}. ${d.getUTCMonth() + 1}. ${d.getUTCDate()}. ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
/** 2025-04-07 → 2025. 4. 7. */
const koreanDate = (d: string) =>
  `${d.slice(0, 4)}. ${Number(d.slice(5, 7))}. ${Number(d.slice(8, 10))}.`;

describe('report and pre-consultation queue exports (XLSX and CSV)', () => {
  const { http, factory } = useTestApi();

  async function csv(path: string, token: string): Promise<string[][]> {
    const res = await http.download(path, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    const text = res.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return parseCsv(text.slice(1));
  }

  async function xlsx(path: string, token: string, sheetName: string): Promise<unknown[][]> {
    const res = await http.download(path, { token });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(sheetName);
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  async function listed(path: string, token: string): Promise<any[]> {
    const res = await http.get(path, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  describe('GET /reports/export', () => {
    it('exports exactly the reports the list shows the caller, with the filters, Korean headers and Seoul times', async () => {
      const w = await taskWorld(http, factory);
      const mine = await activeTaskSince(w, factory, '2025-01-01', {
        title: '=SUM(A1) 통학로 안전',
      });
      // A task of an unrelated department of the same organisation: the lead department's STAFF
      // may not read it; the office reads both.
      const theirs = await taskInState(
        http,
        { creator: w.outsider.token, head: w.outsider.token, office: w.office.token },
        'IN_PROGRESS',
        w.outsider.id,
      );
      await factory.db.query(
        `UPDATE task_active_spans SET active_from = ('2025-01-01'::date + time '09:00') AT TIME ZONE 'Asia/Seoul' WHERE task_id = $1`,
        [theirs.id],
      );
      const gen = await http.post(
        '/api/v1/reports/generate',
        { year: 2025 },
        { token: w.office.token },
      );
      expect(gen.status).toBe(200);
      expect(gen.body.created).toBe(8);
      // One report submitted (late: 2025-Q1 was due 2025-04-07).
      const q1 = (
        await listed(`/api/v1/reports?year=2025&period=2025-Q1&taskId=${mine.id}`, w.staff.token)
      )[0];
      await fillReport(http, w.staff.token, q1, { progress: 35 });
      const submitted = await reportAction(http, w.head.token, q1.id, 'submit');

      // STAFF of the lead department: the four reports of its task, never the other department's.
      const staffRows = await csv('/api/v1/reports/export?format=csv&year=2025', w.staff.token);
      expect(staffRows[0]).toEqual(REPORT_HEADERS);
      const staffList = await listed('/api/v1/reports?year=2025&limit=200', w.staff.token);
      expect(staffList).toHaveLength(4);
      expect(
        staffRows
          .slice(1)
          .map((r) => `${r[0]} ${r[3]}`)
          .sort(),
      ).toEqual(staffList.map((r) => `${r.taskCode} ${r.period}`).sort());
      expect(staffRows.slice(1).every((r) => r[0] === mine.code)).toBe(true);

      // The submitted row, cell by cell where the values are known.
      const row = staffRows.find((r) => r[3] === '2025-Q1')!;
      expect(row[1]).toBe("'=SUM(A1) 통학로 안전"); // a formula is neutralised in CSV
      expect(row[2]).toBe(w.lead.name);
      expect(row[4]).toBe(koreanDate('2025-04-07'));
      expect(row[5]).toBe('제출');
      expect(row[6]).toBe('지연 제출');
      expect(Number(row[7])).toBeGreaterThan(0);
      expect(row[8]).toBe('35');
      expect(row[11]).toBe(seoulDateTime(submitted.submittedAt));
      expect(row[10]).toBe(seoulDateTime(submitted.firstSubmittedAt));

      // The office: both tasks' eight reports; the filters apply.
      const officeRows = await csv('/api/v1/reports/export?format=csv&year=2025', w.office.token);
      expect(
        officeRows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ).toEqual([...Array(4).fill(mine.code), ...Array(4).fill(theirs.code)].sort());
      const onlySubmitted = await csv(
        '/api/v1/reports/export?format=csv&year=2025&status=SUBMITTED',
        w.office.token,
      );
      expect(onlySubmitted.slice(1).map((r) => `${r[0]} ${r[3]}`)).toEqual([
        `${mine.code} 2025-Q1`,
      ]);
      const q2 = await csv(
        `/api/v1/reports/export?format=csv&year=2025&period=2025-Q2&departmentId=${w.otherDept.id}`,
        w.office.token,
      );
      expect(q2.slice(1).map((r) => `${r[0]} ${r[3]}`)).toEqual([`${theirs.code} 2025-Q2`]);

      // XLSX: the same rows as typed cells (the title as written: no guard needed there).
      const sheet = await xlsx(
        '/api/v1/reports/export?format=xlsx&year=2025',
        w.staff.token,
        '이행실적',
      );
      expect(sheet[0]).toEqual(REPORT_HEADERS);
      expect(sheet).toHaveLength(5);
      const xq1 = sheet.find((r) => r[3] === '2025-Q1')!;
      expect(xq1[1]).toBe('=SUM(A1) 통학로 안전');
      expect(xq1[8]).toBe(35);

      // Another organisation's office: none of these, only the header.
      const other = await taskWorld(http, factory);
      const outside = await csv('/api/v1/reports/export?format=csv&year=2025', other.office.token);
      expect(outside).toEqual([REPORT_HEADERS]);

      // Recorded in the access log with the filters.
      const { rows } = await factory.db.query(
        `SELECT record_type, filter FROM access_log WHERE user_id = $1 AND action = 'EXPORT' ORDER BY id`,
        [w.staff.id],
      );
      expect(rows).toEqual([
        { record_type: 'report', filter: { year: 2025, format: 'csv' } },
        { record_type: 'report', filter: { year: 2025, format: 'xlsx' } },
      ]);
    });

    it('refuses a bad format or filter with 400 and a field', async () => {
      const w = await taskWorld(http, factory);
      for (const query of ['format=pdf', 'format=csv&status=BOGUS', 'format=csv&year=1800', '']) {
        const res = await http.get(`/api/v1/reports/export?${query}`, { token: w.office.token });
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
        expect(res.body.details.length).toBeGreaterThan(0);
      }
    });
  });

  describe('GET /consultations/export', () => {
    it('exports what the queue shows each reader: drafts to their department, submitted ones to the auditors, nothing to a sibling organisation', async () => {
      const w = await consultationWorld(http, factory);
      const submitted = await consultationInState(http, w, 'SUBMITTED', {
        subject: '+도로 점용허가 감면 가능 여부',
      });
      const ownDraft = await draftConsultation(http, w.staff.token, { subject: '우리 부서 초안' });
      const otherDraft = await draftConsultation(http, w.otherStaff.token, {
        subject: '다른 부서 초안',
      });

      const subjects = (rows: string[][]) =>
        rows
          .slice(1)
          .map((r) => r[1])
          .sort();
      const staffRows = await csv('/api/v1/consultations/export?format=csv', w.staff.token);
      expect(staffRows[0]).toEqual(CONSULTATION_HEADERS);
      expect(subjects(staffRows)).toEqual(
        ["'+도로 점용허가 감면 가능 여부", '우리 부서 초안'].sort(),
      );
      const staffList = await listed('/api/v1/consultations?limit=200', w.staff.token);
      expect(staffList.map((c) => c.id).sort()).toEqual([submitted.id, ownDraft.id].sort());

      const otherRows = await csv('/api/v1/consultations/export?format=csv', w.otherStaff.token);
      expect(subjects(otherRows)).toEqual(['다른 부서 초안']);
      expect(otherDraft.status).toBe('DRAFT');

      // The audit unit: the submitted request only, never a draft; cell by cell.
      const auditorRows = await csv('/api/v1/consultations/export?format=csv', w.auditor.token);
      expect(auditorRows).toHaveLength(2);
      const [row] = auditorRows.slice(1);
      const read = (
        await http.get(`/api/v1/consultations/${submitted.id}`, { token: w.auditor.token })
      ).body;
      expect(row[0]).toBe(String(read.year));
      expect(row[2]).toBe(w.dept.name);
      expect(row[5]).toBe('신청');
      expect(row[6]).toBe(seoulDateTime(read.submittedAt));
      expect(row[7]).toBe(koreanDate(read.screeningDueDate));
      expect(row[8]).toBe('아니오');

      // Filters apply; XLSX holds the same rows.
      const none = await csv(
        '/api/v1/consultations/export?format=csv&status=CLOSED',
        w.auditor.token,
      );
      expect(none).toEqual([CONSULTATION_HEADERS]);
      const sheet = await xlsx(
        '/api/v1/consultations/export?format=xlsx&status=SUBMITTED',
        w.auditor.token,
        '사전컨설팅',
      );
      expect(sheet[0]).toEqual(CONSULTATION_HEADERS);
      expect(sheet.slice(1).map((r) => r[1])).toEqual(['+도로 점용허가 감면 가능 여부']);

      // A sibling organisation sees none of it.
      expect(await csv('/api/v1/consultations/export?format=csv', w.siblingAuditor.token)).toEqual([
        CONSULTATION_HEADERS,
      ]);
      expect(await csv('/api/v1/consultations/export?format=csv', w.siblingStaff.token)).toEqual([
        CONSULTATION_HEADERS,
      ]);

      const { rows } = await factory.db.query(
        `SELECT record_type, filter FROM access_log WHERE user_id = $1 AND action = 'EXPORT' ORDER BY id`,
        [w.auditor.id],
      );
      expect(rows).toEqual([
        { record_type: 'consultation', filter: { format: 'csv' } },
        { record_type: 'consultation', filter: { status: ['CLOSED'], format: 'csv' } },
        { record_type: 'consultation', filter: { status: ['SUBMITTED'], format: 'xlsx' } },
      ]);
    });

    it('refuses a bad format or filter with 400', async () => {
      const w = await consultationWorld(http, factory);
      for (const query of ['format=docx', 'format=csv&status=NOPE', 'format=csv&overdue=maybe']) {
        const res = await http.get(`/api/v1/consultations/export?${query}`, {
          token: w.auditor.token,
        });
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
    });
  });
});
