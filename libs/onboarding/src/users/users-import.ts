import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { diffFields, HistoryService } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { AppConfig } from '@gwaje/config';
import { PG_UNIQUE_VIOLATION, pgErrorCode, TransactionService, type Tx } from '@gwaje/db';
import {
  PasswordService,
  type Role,
  ROLE_LABELS,
  SELF_GRANT_REFUSED_ROLES,
  SettingsService,
} from '@gwaje/identity';
import { ImportProblems } from '../import-problems.js';
import { importReason, type ImportRowResult, type ImportRun } from '../import-types.js';
import { lockImport } from '../import-locks.js';
import { parseChoice, parseChoices, parseEmail, parseText } from '../sheet/cells.js';
import {
  type MappedSheet,
  markDuplicates,
  RowFields,
  type SheetRow,
  type SheetSpec,
} from '../sheet/table.js';
import { DepartmentNames, organisationDepartments } from '../shared/department-names.js';
import {
  activeHeads,
  type ExistingUser,
  insertUser,
  usersByEmail,
  updateUser,
} from './users-import-query.js';

export type UserColumn = 'name' | 'email' | 'department' | 'grade' | 'roles' | 'language';

export const LANGUAGE_LABELS: Readonly<Record<'ko' | 'en', string>> = {
  ko: '한국어',
  en: 'English',
};

/** The 「사용자」 sheet, headed as the admin screen's user form (이름, 이메일, 부서, …). */
export const USERS_SHEET: SheetSpec<UserColumn> = {
  name: '사용자',
  columns: [
    {
      key: 'name',
      header: '이름',
      aliases: ['성명'],
      required: true,
      guide: { ko: '사용자의 이름(최대 100자).', en: 'The user’s name (max 100).' },
      example: '김민준',
      width: 12,
    },
    {
      key: 'email',
      header: '이메일',
      aliases: ['전자우편', '이메일 주소'],
      required: true,
      guide: {
        ko: '로그인에 쓰는 이메일 주소. 사용자를 가려내는 값이라 이미 있는 주소면 새로 만들지 않고 그 사용자의 값을 맞춥니다. 다른 기관에 등록된 주소는 쓸 수 없습니다.',
        en: 'The e-mail address used to sign in; it identifies the user, so an address already registered updates that user. An address registered in another organisation is refused.',
      },
      example: 'minjun.kim@nowon.go.kr',
      width: 28,
      text: true,
    },
    {
      key: 'department',
      header: '부서',
      aliases: ['부서명', '소속 부서'],
      required: true,
      guide: {
        ko: '소속 부서의 이름. 기관에 있는 사용 중인 부서여야 합니다(부서를 먼저 가져오세요).',
        en: 'The name of the user’s department: an active department of the organisation (import departments first).',
      },
      example: '복지정책과',
      width: 18,
    },
    {
      key: 'grade',
      header: '직급',
      required: false,
      guide: { ko: '직급(최대 50자), 예: 행정6급.', en: 'Grade (max 50), e.g. 행정6급.' },
      example: '행정7급',
      width: 12,
    },
    {
      key: 'roles',
      header: '역할',
      required: true,
      guide: {
        ko: `하나 이상, 쉼표로 나누어: ${Object.values(ROLE_LABELS).join(', ')} (코드 ${Object.keys(ROLE_LABELS).join(', ')}도 됩니다). 부서장은 부서장 역할을 가진 사용자입니다. 자기 자신에게 감사담당관·적극행정 전담부서·적극행정위원회 위원 역할을 더하거나 자신의 시스템 관리자 역할을 뺄 수 없습니다.`,
        en: `One or more, comma separated: ${Object.values(ROLE_LABELS).join(', ')} (or the codes ${Object.keys(ROLE_LABELS).join(', ')}). A department’s head is the user holding 부서장. You cannot add AUDITOR, PROACTIVE_OFFICE or COMMITTEE to yourself, nor remove your own ADMIN.`,
      },
      example: '부서 직원, 부서장',
      width: 26,
    },
    {
      key: 'language',
      header: '언어',
      required: false,
      guide: {
        ko: '화면과 알림의 언어: 한국어 또는 English. 비워 두면 한국어입니다.',
        en: 'Language of the screens and e-mails: 한국어 or English; blank is Korean.',
      },
      example: '한국어',
      width: 10,
      choices: Object.values(LANGUAGE_LABELS),
    },
  ],
};

export interface UserRow {
  sheet: string | null;
  row: number;
  name: string;
  email: string;
  department: string;
  grade: string | undefined;
  roles: Role[];
  language: 'ko' | 'en' | undefined;
}

/** Reads and checks every row (values, duplicate e-mails within the file); no database involved. */
export function parseUserRows(sheet: MappedSheet<UserColumn>, problems: ImportProblems): UserRow[] {
  const parsed: Array<{ row: SheetRow<UserColumn>; key: string | null; value: UserRow | null }> =
    [];
  for (const row of sheet.rows) {
    const f = new RowFields(row, sheet.spec, problems);
    const name = f.get('name', (v) => parseText(v, 100));
    const email = f.get('email', parseEmail);
    const department = f.get('department', (v) => parseText(v, 200));
    const grade = f.get('grade', (v) => parseText(v, 50));
    const roles = f.get('roles', (v) => parseChoices(v, ROLE_LABELS));
    const language = f.get('language', (v) =>
      parseChoice(v, LANGUAGE_LABELS, { 영어: 'en', korean: 'ko', 한글: 'ko' }),
    );
    parsed.push({
      row,
      key: email ?? null,
      value:
        name && email && department && roles?.length
          ? {
              sheet: row.sheet,
              row: row.row,
              name,
              email,
              department,
              grade: grade === undefined ? undefined : (grade ?? ''),
              roles,
              language: language === undefined ? undefined : (language ?? 'ko'),
            }
          : null,
    });
  }
  markDuplicates(
    parsed,
    (p) => p.key,
    (p, first) =>
      problems.at(p.row.ref('email'), 'duplicateInFile', {
        ko: `${first}행과 같은 이메일입니다. 한 사람은 한 행에만 쓰세요.`,
        en: `the same e-mail as row ${first}; list each person once`,
      }),
    (p) => p.row.row,
  );
  return parsed.flatMap((p) => (p.value ? [p.value] : []));
}

const AUDITED: Array<
  'organisationId' | 'departmentId' | 'name' | 'email' | 'grade' | 'roles' | 'language' | 'active'
> = ['organisationId', 'departmentId', 'name', 'email', 'grade', 'roles', 'language', 'active'];

const HEADERS = {
  departmentId: '부서',
  name: '이름',
  grade: '직급',
  roles: '역할',
  language: '언어',
} as const;

/** Unambiguous letters and digits: a temporary password is read off a screen or a sheet of paper. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A one-time password in groups of four (e.g. "Kx7m-Qp2w-Zr9t"), at least `minLength` long. */
export function temporaryPassword(minLength: number): string {
  const groups = Math.max(3, Math.ceil((minLength + 1) / 5));
  return Array.from({ length: groups }, () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(
      '',
    ),
  ).join('-');
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/**
 * Users of the caller's organisation, keyed by e-mail. A new address creates an account with a
 * temporary password, generated here and shown once in the answer, that must be changed at the
 * first sign-in (as an administrator's reset makes it); an existing one gets the listed name,
 * department, grade, roles and language. The users service's rules hold: no administrator adds
 * AUDITOR, PROACTIVE_OFFICE or COMMITTEE to itself; beyond it, nobody removes its own ADMIN here.
 */
@Injectable()
export class UsersImporter {
  constructor(
    private readonly tx: TransactionService,
    private readonly history: HistoryService,
    private readonly passwords: PasswordService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  async run(run: ImportRun, rows: readonly UserRow[]): Promise<ImportRowResult[]> {
    const organisationId = run.user.organisationId;
    // argon2 takes a while per password: the file is checked against the database first (so a
    // refused file costs no hashing), then the new accounts' passwords are hashed outside the
    // transaction (addresses are never removed, so no more can be new inside it).
    const prepared = new Map<string, Prepared>();
    if (!run.dryRun) {
      const plans = await this.tx.run((tx) => this.planAll(tx, run, rows, false));
      const minLength = await this.settings.get(organisationId, 'security.passwordMinLength');
      const fresh = plans.filter((p) => !p.found).map((p) => p.row);
      // A few at a time: each hash takes 64 MiB and a thread of the pool.
      for (let i = 0; i < fresh.length; i += 4) {
        await Promise.all(
          fresh.slice(i, i + 4).map(async (r) => {
            prepared.set(r.email, await this.temporary(minLength, r));
          }),
        );
      }
    }
    try {
      return await this.tx.run(async (tx) => {
        if (!run.dryRun) await lockImport(tx, organisationId, 'users');
        const plans = await this.planAll(tx, run, rows, !run.dryRun);
        const results: ImportRowResult[] = [];
        for (const plan of plans) results.push(await this.apply(tx, run, plan, prepared));
        return results;
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.DUPLICATE, {
          ko: '가져오는 사이에 같은 이메일의 사용자가 등록되었습니다. 다시 가져오세요.',
          en: 'A user with one of these e-mails was registered meanwhile; import again.',
        });
      }
      throw error;
    }
  }

  /** Every row against the organisation as it is; the 400 IMPORT_INVALID when any is refused. */
  private async planAll(
    tx: Tx,
    run: ImportRun,
    rows: readonly UserRow[],
    lock: boolean,
  ): Promise<Plan[]> {
    const departments = await organisationDepartments(tx, run.user.organisationId);
    const heads = await activeHeads(tx, run.user.organisationId, lock);
    const existing = await usersByEmail(
      tx,
      rows.map((r) => r.email),
      lock,
    );
    const problems = new ImportProblems();
    const plans = rows.map((row) =>
      this.plan(run, row, departments, existing.get(row.email), problems),
    );
    this.checkHeads(plans, heads, problems);
    const max = this.config.imports.maxNewUsers;
    const fresh = rows.filter((r) => !existing.has(r.email));
    if (fresh.length > max) {
      const first = fresh[max];
      problems.at({ sheet: first.sheet, row: first.row, column: '이메일' }, 'maxNewUsers', {
        ko: `한 번에 새 사용자는 ${max.toLocaleString('ko-KR')}명까지 만들 수 있습니다(이 파일: ${fresh.length.toLocaleString('ko-KR')}명). 이 행부터는 다른 파일로 나누어 가져오세요.`,
        en: `one import creates at most ${max} users (this file: ${fresh.length}); import the rows from this one on in another file`,
      });
    }
    problems.throwIfAny();
    return plans.filter((p): p is Plan => p !== null);
  }

  private async temporary(minLength: number, row: UserRow): Promise<Prepared> {
    for (;;) {
      const password = temporaryPassword(minLength);
      try {
        this.passwords.assertPolicy(password, minLength, { email: row.email, name: row.name });
      } catch {
        continue; // by chance it holds the name or the address: draw again
      }
      return { password, hash: await this.passwords.hash(password) };
    }
  }

  private plan(
    run: ImportRun,
    row: UserRow,
    departments: DepartmentNames,
    found: ExistingUser | undefined,
    problems: ImportProblems,
  ): Plan | null {
    const at = (column: string) => ({ sheet: row.sheet, row: row.row, column });
    const department = departments.find(row.department);
    if (!department) {
      problems.at(at('부서'), 'unknownDepartment', {
        ko: `기관에 「${row.department}」 부서가 없습니다(사용 중인 부서의 이름을 그대로 쓰세요).`,
        en: `the organisation has no active department "${row.department}"`,
      });
    }
    if (found && found.organisationId !== run.user.organisationId) {
      problems.at(at('이메일'), 'emailTaken', {
        ko: '다른 기관에 이미 등록된 이메일입니다.',
        en: 'this e-mail is registered in another organisation',
      });
      return null;
    }
    if (found && found.id === run.user.id) {
      const added = row.roles.filter(
        (r) => SELF_GRANT_REFUSED_ROLES.includes(r) && !found.roles.includes(r),
      );
      if (added.length) {
        problems.at(at('역할'), 'selfGrant', {
          ko: `자기 자신에게 ${added.map((r) => ROLE_LABELS[r]).join(', ')} 역할을 더할 수 없습니다. 다른 관리자가 부여해야 합니다.`,
          en: `you cannot add ${added.join(', ')} to your own roles; another administrator must grant it`,
        });
      }
      if (found.roles.includes('ADMIN') && !row.roles.includes('ADMIN')) {
        problems.at(at('역할'), 'selfAdmin', {
          ko: '가져오기로 자기 자신의 시스템 관리자 역할을 뺄 수 없습니다.',
          en: 'an import cannot remove your own ADMIN role',
        });
      }
    }
    if (found?.systemAdministrator) {
      // Only a system administrator changes a system administrator's account, which stays ADMIN
      // while it holds the mark (the users service's rules).
      if (!run.user.systemAdministrator) {
        problems.at(at('이메일'), 'systemAdministrator', {
          ko: '시스템 관리자 계정은 다른 시스템 관리자만 바꿀 수 있습니다.',
          en: "only a system administrator changes a system administrator's account",
        });
      } else if (!row.roles.includes('ADMIN')) {
        problems.at(at('역할'), 'systemAdministratorRole', {
          ko: '시스템 관리자에게서 시스템 관리자 역할을 뺄 수 없습니다. 먼저 시스템 관리자 지정을 해제하세요.',
          en: 'a system administrator keeps ADMIN; revoke the mark first',
        });
      }
    }
    if (!department) return null;
    return { row, departmentId: department.id, found };
  }

  /**
   * A department has one head (the DEPT_HEAD role of an active user of it): the heads the file
   * would leave, counted with those it does not list, may not be two in a department. Each row
   * that would make a second one is refused.
   */
  private checkHeads(
    plans: ReadonlyArray<Plan | null>,
    heads: ReadonlyArray<{ id: string; departmentId: string }>,
    problems: ImportProblems,
  ): void {
    const listed = new Set(plans.flatMap((p) => (p?.found ? [p.found.id] : [])));
    const byDepartment = new Map<string, string[]>();
    const add = (departmentId: string, who: string) =>
      byDepartment.set(departmentId, [...(byDepartment.get(departmentId) ?? []), who]);
    for (const h of heads) if (!listed.has(h.id)) add(h.departmentId, h.id);
    const headRows = plans.filter(
      (p): p is Plan => p !== null && p.row.roles.includes('DEPT_HEAD'),
    );
    for (const p of headRows) add(p.departmentId, p.found?.id ?? p.row.email);
    for (const p of headRows) {
      const others = (byDepartment.get(p.departmentId) ?? []).filter(
        (who) => who !== (p.found?.id ?? p.row.email),
      );
      if (!others.length) continue;
      problems.at({ sheet: p.row.sheet, row: p.row.row, column: '역할' }, 'departmentHasHead', {
        ko: `「${p.row.department}」에는 이미 부서장이 있거나 이 파일에 부서장이 둘 이상입니다. 부서장은 부서마다 한 명입니다.`,
        en: `"${p.row.department}" already has a head, or this file names more than one; a department has one head`,
      });
    }
  }

  private async apply(
    tx: Tx,
    run: ImportRun,
    plan: Plan,
    prepared: ReadonlyMap<string, Prepared>,
  ): Promise<ImportRowResult> {
    const { row, found } = plan;
    const base = { sheet: row.sheet, row: row.row, key: row.email };
    const reason = importReason(run, row.sheet, row.row);
    if (!found) {
      const values = {
        organisationId: run.user.organisationId,
        departmentId: plan.departmentId,
        name: row.name,
        email: row.email,
        grade: row.grade ?? '',
        roles: row.roles,
        language: row.language ?? 'ko',
        active: true,
      };
      if (run.dryRun) return { ...base, outcome: 'created', id: null, changes: [] };
      const temporary =
        prepared.get(row.email) ??
        (await this.temporary(
          await this.settings.get(values.organisationId, 'security.passwordMinLength', tx.manager),
          row,
        ));
      const id = await insertUser(tx, values, temporary.hash);
      await this.history.record(tx, {
        organisationId: values.organisationId,
        recordType: 'user',
        recordId: id,
        action: 'create',
        actorId: run.user.id,
        // The password is recorded as set, its value never.
        changes: {
          ...diffFields(null, values, AUDITED),
          password: { from: null, to: '(temporary)' },
          passwordChangeRequired: { from: null, to: true },
        },
        reason,
      });
      return {
        ...base,
        outcome: 'created',
        id,
        changes: [],
        temporaryPassword: temporary.password,
      };
    }
    const after = {
      departmentId: plan.departmentId,
      name: row.name,
      grade: row.grade ?? found.grade,
      roles: sameRoles(found.roles, row.roles) ? found.roles : row.roles,
      language: row.language ?? found.language,
    };
    const changes = diffFields(found, after, [
      'departmentId',
      'name',
      'grade',
      'roles',
      'language',
    ]);
    const changed = Object.keys(changes) as Array<keyof typeof HEADERS>;
    const result: ImportRowResult = {
      ...base,
      outcome: changed.length ? 'updated' : 'unchanged',
      id: found.id,
      changes: changed.map((k) => HEADERS[k]),
    };
    if (run.dryRun || !changed.length) return result;
    await updateUser(tx, found.id, after);
    await this.history.record(tx, {
      organisationId: found.organisationId,
      recordType: 'user',
      recordId: found.id,
      action: changes.roles ? 'update_roles' : 'update',
      actorId: run.user.id,
      changes,
      reason,
    });
    return result;
  }
}

interface Prepared {
  password: string;
  hash: string;
}

interface Plan {
  row: UserRow;
  departmentId: string;
  found: ExistingUser | undefined;
}
