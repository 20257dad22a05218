import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cleanFileName, type Upload } from '@gwaje/attachments';
import { DomainError } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import { TransactionService } from '@gwaje/db';
import type { AuthUser } from '@gwaje/identity';
import {
  GUIDE_SHEET,
  ImportProblems,
  mapSheet,
  markDuplicates,
  parseEmail,
  parseNumber,
  parseText,
  readSpreadsheet,
  RowFields,
  type SheetSpec,
  type SpreadsheetFormat,
  XLSX_TYPE,
} from '@gwaje/onboarding';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { activeUsersByEmail, attendanceMap } from './education-query.js';
import { fmtHours, isHalfHours, MAX_SESSION_HOURS } from './education-rules.js';
import { EducationService } from './education.service.js';

type RosterColumn = 'email' | 'hours' | 'name';

/** The roster sheet: 이메일 (who), 이수시간 (hours attended; the session's when blank), 이름 (for reading only). */
export const ROSTER_SHEET: SheetSpec<RosterColumn> = {
  name: '교육 이수자',
  columns: [
    {
      key: 'email',
      header: '이메일',
      aliases: ['전자우편', '이메일 주소'],
      required: true,
      guide: {
        ko: '참석자의 로그인 이메일 주소. 기관의 사용 중인 사용자여야 합니다. 한 파일에 한 번만 씁니다.',
        en: 'The attendee’s sign-in e-mail: an active user of the organisation, once per file.',
      },
      example: 'minjun.kim@nowon.go.kr',
      width: 30,
      text: true,
    },
    {
      key: 'hours',
      header: '이수시간',
      aliases: ['교육시간', '인정시간'],
      required: false,
      guide: {
        ko: `이수한 시간(0.5시간 단위, 교육 시간 이하). 비워 두면 교육 시간 전부를 이수한 것으로 봅니다.`,
        en: 'Hours attended (half hours, at most the session’s); blank: the whole session.',
      },
      example: '2',
      width: 10,
    },
    {
      key: 'name',
      header: '이름',
      aliases: ['성명'],
      required: false,
      guide: {
        ko: '참석자 이름(읽기 편하도록 두는 열로, 가져올 때 쓰지 않습니다).',
        en: 'The attendee’s name (for reading; not used by the import).',
      },
      example: '김민준',
      width: 12,
    },
  ],
};

export type RosterOutcome = 'created' | 'updated' | 'unchanged';

export interface RosterResult {
  sessionId: string;
  dryRun: boolean;
  format: SpreadsheetFormat;
  summary: Record<RosterOutcome, number>;
  rows: Array<{
    row: number;
    email: string;
    userId: string;
    hours: number;
    outcome: RosterOutcome;
  }>;
  ignoredColumns: string[];
}

const MB = 1024 * 1024;

/**
 * Attendance rosters (issue 22 part 2) read with the onboarding reader and its rules: the file's
 * kind by its content, size and row limits (configuration `imports`), Korean headers, every row
 * checked first (an e-mail that is no active user of the organisation, a repeated e-mail, hours
 * that are no half hours or above the session's) and any problem a 400 IMPORT_INVALID naming row
 * and column with nothing imported. Rows create or update the attendance of their user (source
 * ROSTER); attendees the file does not list stay. The same file again changes nothing.
 */
@Injectable()
export class EducationRosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly education: EducationService,
  ) {}

  private get limits() {
    return { maxBytes: this.config.imports.maxFileMb * MB, maxRows: this.config.imports.maxRows };
  }

  async import(
    user: AuthUser,
    sessionId: string,
    upload: Upload,
    options: { dryRun: boolean },
  ): Promise<RosterResult> {
    this.education.assertOffice(user);
    const session = await this.education.readable(user, sessionId);
    const file = await readSpreadsheet(upload, this.limits);
    const problems = new ImportProblems();
    const raw =
      file.format === 'csv'
        ? file.sheets[0]
        : (file.sheets.find((s) => s.name?.trim() === ROSTER_SHEET.name) ??
          file.sheets.find((s) => s.name?.trim() !== GUIDE_SHEET));
    if (!raw) {
      problems.add({
        sheet: ROSTER_SHEET.name,
        row: null,
        column: null,
        code: 'missingSheet',
        message: {
          ko: `「${ROSTER_SHEET.name}」 시트가 없습니다. 양식을 내려받아 그 시트에 쓰세요.`,
          en: `the sheet ${ROSTER_SHEET.name} is missing; fill in the template's sheet`,
        },
      });
      problems.throwIfAny();
    }
    const sheet = mapSheet(raw!, ROSTER_SHEET, problems);
    problems.throwIfAny();
    if (sheet!.rows.length > this.limits.maxRows) {
      problems.add({
        sheet: sheet!.name,
        row: null,
        column: null,
        code: 'maxRows',
        message: {
          ko: `한 파일에 데이터 행은 ${this.limits.maxRows.toLocaleString('ko-KR')}개까지 가져올 수 있습니다. 파일을 나누어 가져오세요.`,
          en: `at most ${this.limits.maxRows} data rows per file; split the file`,
        },
      });
      problems.throwIfAny();
    }
    const parsed = sheet!.rows.map((row) => {
      const f = new RowFields(row, ROSTER_SHEET, problems);
      const email = f.get('email', parseEmail);
      f.get('name', (v) => parseText(v, 100));
      const hours = f.get('hours', (v) => {
        const n = parseNumber(v, {
          min: 0,
          max: MAX_SESSION_HOURS,
          decimals: 1,
          minInclusive: false,
        });
        if (n.ok && !isHalfHours(n.value))
          return {
            ok: false as const,
            code: 'halfHours',
            message: { ko: '0.5시간 단위로 입력하세요.', en: 'must be in half hours' },
          };
        if (n.ok && n.value > session.hours)
          return {
            ok: false as const,
            code: 'overSessionHours',
            message: {
              ko: `교육 시간(${fmtHours(session.hours)}시간)보다 많을 수 없습니다.`,
              en: `cannot exceed the session's ${fmtHours(session.hours)} hours`,
            },
          };
        return n;
      });
      return { f, email: email ?? null, hours: hours ?? session.hours };
    });
    markDuplicates(
      parsed,
      (p) => p.email,
      (p, first) =>
        p.f.fail('email', 'duplicateInFile', {
          ko: `${first}행과 같은 이메일입니다. 한 사람은 한 번만 쓰세요.`,
          en: `the same e-mail as row ${first}; list each person once`,
        }),
      (p) => p.f.row.row,
    );
    const emails = [...new Set(parsed.flatMap((p) => (p.email ? [p.email] : [])))];
    const users = new Map(
      (await activeUsersByEmail(this.dataSource, user.organisationId, emails)).map((u) => [
        u.email,
        u.id,
      ]),
    );
    for (const p of parsed)
      if (p.email && !users.has(p.email))
        p.f.fail('email', 'unknownUser', {
          ko: '기관의 사용 중인 사용자 이메일이 아닙니다.',
          en: 'no active user of the organisation has this e-mail',
        });
    problems.throwIfAny([sheet!.name]);

    const fileName = cleanFileName(upload.fileName) || '(이름 없음)';
    return this.tx.run(async (tx) => {
      const now = await this.education.lock(tx, user, sessionId);
      if (now.hours !== session.hours) throw DomainError.conflict(now.version);
      const current = await attendanceMap(tx.manager, sessionId);
      const rows = parsed.map((p) => {
        const userId = users.get(p.email!)!;
        const before = current.get(userId);
        const outcome: RosterOutcome =
          before === undefined ? 'created' : before === p.hours ? 'unchanged' : 'updated';
        return { row: p.f.row.row, email: p.email!, userId, hours: p.hours, outcome, before };
      });
      const changed = rows.filter((r) => r.outcome !== 'unchanged');
      if (!options.dryRun && changed.length) {
        await tx.manager.query(
          `INSERT INTO education_attendances (session_id, user_id, hours, source, recorded_by)
           SELECT $1, x.user_id, x.hours, 'ROSTER', $4 FROM unnest($2::uuid[], $3::numeric[]) AS x(user_id, hours)
           ON CONFLICT (session_id, user_id) DO UPDATE
              SET hours = EXCLUDED.hours, source = 'ROSTER', recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
          [sessionId, changed.map((r) => r.userId), changed.map((r) => r.hours), user.id],
        );
        await this.education.record(
          tx,
          user,
          sessionId,
          'importRoster',
          {
            attendees: {
              from: changed
                .filter((r) => r.before !== undefined)
                .map((r) => ({ userId: r.userId, hours: r.before })),
              to: changed.map((r) => ({ userId: r.userId, hours: r.hours })),
            },
          },
          `명단 가져오기: ${fileName}`,
        );
      }
      const summary: Record<RosterOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
      for (const r of rows) summary[r.outcome]++;
      return {
        sessionId,
        dryRun: options.dryRun,
        format: file.format,
        summary,
        rows: rows.map(({ row, email, userId, hours, outcome }) => ({
          row,
          email,
          userId,
          hours,
          outcome,
        })),
        ignoredColumns: sheet!.ignored,
      };
    });
  }

  /** The roster template: the 「교육 이수자」 sheet and a 「작성 안내」 sheet. */
  async template(user: AuthUser): Promise<{
    filename: string;
    localFilename: string;
    contentType: string;
    bytes: Buffer;
  }> {
    this.education.assertOffice(user);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Gwaje';
    workbook.title = '교육 이수자 명단 양식';
    const data = workbook.addWorksheet(ROSTER_SHEET.name, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    data.columns = ROSTER_SHEET.columns.map((c) => ({
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    }));
    data.addRow(ROSTER_SHEET.columns.map((c) => c.header)).font = { bold: true };
    const guide = workbook.addWorksheet(GUIDE_SHEET);
    guide.columns = [{ width: 16 }, { width: 8 }, { width: 90 }, { width: 28 }];
    guide.addRow(['교육 이수자 명단 작성 안내']).font = { bold: true, size: 14 };
    for (const rule of [
      '교육 하나의 참석자 명단입니다. 교육 화면에서 이 교육의 「명단 가져오기」로 올립니다.',
      '이미 참석자로 있는 사람은 이수시간만 파일대로 맞추고, 파일에 없는 참석자는 그대로 둡니다. 같은 파일을 두 번 가져와도 바뀌는 것은 없습니다.',
      '모든 행을 먼저 검사하고, 오류가 하나라도 있으면(기관에 없는 이메일, 같은 이메일 두 번, 0.5시간 단위가 아니거나 교육 시간보다 많은 이수시간) 아무것도 가져오지 않고 행·열별 오류 목록을 보여 줍니다.',
      `XLSX 또는 CSV(UTF-8, EUC-KR) 파일, 최대 ${this.config.imports.maxFileMb}MB, 데이터 ${this.config.imports.maxRows.toLocaleString('ko-KR')}행까지 가져올 수 있습니다.`,
    ])
      guide.addRow([`• ${rule}`]);
    guide.addRow([]);
    guide.addRow(['열(머리글)', '필수', '설명과 허용 값', '예시']).font = { bold: true };
    for (const c of ROSTER_SHEET.columns)
      guide.addRow([c.header, c.required ? '필수' : '선택', c.guide.ko, c.example]);
    return {
      filename: 'education-roster.xlsx',
      localFilename: '교육 이수자 명단 양식.xlsx',
      contentType: XLSX_TYPE,
      bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  }
}
