import { Injectable } from '@nestjs/common';
import { HistoryService } from '@gwaje/audit';
import { AppConfig } from '@gwaje/config';
import { TransactionService, type Tx } from '@gwaje/db';
import { PasswordService } from '../auth/password.service.js';
import type { DepartmentKind } from '../departments/department.entity.js';
import type { OrganisationKind } from '../organisations/organisation.entity.js';
import { Role } from '../roles.js';

/** The password of every demo user; printed at start-up in demo mode only. */
export const DEMO_PASSWORD = 'gwaje-demo-2026!';

interface DemoDepartment {
  name: string;
  kind: DepartmentKind;
  isAuditUnit?: boolean;
  isProactiveOffice?: boolean;
}

const SEOUL = { name: '서울특별시', kind: 'METROPOLITAN' as OrganisationKind };
const NOWON = { name: '노원구', kind: 'LOCAL' as OrganisationKind };

const SEOUL_DEPARTMENTS: DemoDepartment[] = [
  { name: '감사위원회', kind: 'OFFICER', isAuditUnit: true },
  { name: '정보기획관', kind: 'OFFICER' },
];

/** DOMAIN.md §10: 노원구 and its departments. */
const NOWON_DEPARTMENTS: DemoDepartment[] = [
  { name: '기획예산과', kind: 'DIVISION', isProactiveOffice: true },
  { name: '감사담당관', kind: 'OFFICER', isAuditUnit: true },
  { name: '행정지원과', kind: 'DIVISION' },
  { name: '복지정책과', kind: 'DIVISION' },
  { name: '청소행정과', kind: 'DIVISION' },
  { name: '재난안전과', kind: 'DIVISION' },
  { name: '디지털정보과', kind: 'DIVISION' },
  { name: '공원녹지과', kind: 'DIVISION' },
  { name: '건축과', kind: 'DIVISION' },
  { name: '주택관리과', kind: 'DIVISION' },
];

export interface DemoLogin {
  role: Role;
  email: string;
  name: string;
  department: string;
  organisation: string;
}

/** One demo user per role (DOMAIN.md §10); the administrator uses ADMIN_EMAIL. */
function demoUsers(adminEmail: string): Array<DemoLogin & { grade: string; roles: Role[] }> {
  return [
    {
      role: Role.STAFF,
      roles: [Role.STAFF],
      email: 'staff@nowon.demo.gwaje.kr',
      name: '김민준',
      grade: '행정7급',
      department: '복지정책과',
      organisation: NOWON.name,
    },
    {
      role: Role.DEPT_HEAD,
      roles: [Role.DEPT_HEAD],
      email: 'head@nowon.demo.gwaje.kr',
      name: '이서연',
      grade: '행정5급',
      department: '복지정책과',
      organisation: NOWON.name,
    },
    {
      role: Role.AUDITOR,
      roles: [Role.AUDITOR],
      email: 'auditor@nowon.demo.gwaje.kr',
      name: '박지훈',
      grade: '감사6급',
      department: '감사담당관',
      organisation: NOWON.name,
    },
    {
      role: Role.PROACTIVE_OFFICE,
      roles: [Role.PROACTIVE_OFFICE],
      email: 'office@nowon.demo.gwaje.kr',
      name: '최수아',
      grade: '행정6급',
      department: '기획예산과',
      organisation: NOWON.name,
    },
    {
      role: Role.COMMITTEE,
      roles: [Role.COMMITTEE],
      email: 'committee@nowon.demo.gwaje.kr',
      name: '정하은',
      grade: '위촉위원',
      department: '기획예산과',
      organisation: NOWON.name,
    },
    {
      role: Role.ADMIN,
      roles: [Role.ADMIN],
      email: adminEmail.toLowerCase(),
      name: '시스템 관리자',
      grade: '전산6급',
      department: '정보기획관',
      organisation: SEOUL.name,
    },
  ];
}

/**
 * Seeds the demo organisation. Idempotent: every insert is skipped when the row exists, and history
 * is written only for rows actually created, so a second run changes nothing.
 */
@Injectable()
export class IdentityDemoSeed {
  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionService,
    private readonly passwords: PasswordService,
    private readonly history: HistoryService,
  ) {}

  async run(): Promise<{ created: number; logins: DemoLogin[] }> {
    let created = 0;
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const users = demoUsers(this.config.admin.email);
    await this.tx.run(async (tx) => {
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('seed-demo', 0))`);
      const seoul = await this.organisation(tx, SEOUL.name, SEOUL.kind, null);
      const nowon = await this.organisation(tx, NOWON.name, NOWON.kind, seoul.id);
      created += seoul.created + nowon.created;
      const departments = new Map<string, { id: string; organisationId: string }>();
      for (const [org, list] of [
        [seoul.id, SEOUL_DEPARTMENTS],
        [nowon.id, NOWON_DEPARTMENTS],
      ] as const) {
        for (const d of list) {
          const dept = await this.department(tx, org, d);
          created += dept.created;
          departments.set(`${org}/${d.name}`, { id: dept.id, organisationId: org });
        }
      }
      for (const u of users) {
        const orgId = u.organisation === SEOUL.name ? seoul.id : nowon.id;
        const dept = departments.get(`${orgId}/${u.department}`)!;
        // The demo's ADMIN (서울특별시 정보기획관) is the system administrator; 이서연's DEPT_HEAD
        // role is what makes her 복지정책과's head (the one fact of a department's head).
        const systemAdministrator = u.role === Role.ADMIN;
        const [row] = await tx.manager.query<Array<{ id: string }>>(
          `INSERT INTO users (organisation_id, department_id, name, email, grade, roles, system_administrator, password_hash)
           VALUES ($1, $2, $3, $4, $5, $6::user_role[], $7, $8) ON CONFLICT (email) DO NOTHING RETURNING id`,
          [orgId, dept.id, u.name, u.email, u.grade, u.roles, systemAdministrator, passwordHash],
        );
        if (!row) continue;
        created++;
        await this.record(tx, orgId, 'user', row.id, {
          email: u.email,
          roles: u.roles,
          ...(systemAdministrator ? { systemAdministrator } : {}),
          departmentId: dept.id,
        });
      }
    });
    return {
      created,
      logins: users.map(({ role, email, name, department, organisation }) => ({
        role,
        email,
        name,
        department,
        organisation,
      })),
    };
  }

  private async organisation(
    tx: Tx,
    name: string,
    kind: OrganisationKind,
    parentId: string | null,
  ): Promise<{ id: string; created: number }> {
    const [found] = await tx.manager.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE name = $1 AND parent_id IS NOT DISTINCT FROM $2`,
      [name, parentId],
    );
    if (found) return { id: found.id, created: 0 };
    const [row] = await tx.manager.query<Array<{ id: string }>>(
      `INSERT INTO organisations (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`,
      [name, kind, parentId],
    );
    await this.record(tx, row.id, 'organisation', row.id, { name, kind, parentId });
    return { id: row.id, created: 1 };
  }

  private async department(
    tx: Tx,
    organisationId: string,
    d: DemoDepartment,
  ): Promise<{ id: string; created: number }> {
    const [row] = await tx.manager.query<Array<{ id: string }>>(
      `INSERT INTO departments (organisation_id, name, kind, is_audit_unit, is_proactive_office)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organisation_id, name) DO NOTHING RETURNING id`,
      [organisationId, d.name, d.kind, d.isAuditUnit ?? false, d.isProactiveOffice ?? false],
    );
    if (row) {
      await this.record(tx, organisationId, 'department', row.id, { ...d });
      return { id: row.id, created: 1 };
    }
    const [found] = await tx.manager.query<Array<{ id: string }>>(
      `SELECT id FROM departments WHERE organisation_id = $1 AND name = $2`,
      [organisationId, d.name],
    );
    return { id: found.id, created: 0 };
  }

  private record(
    tx: Tx,
    organisationId: string,
    recordType: string,
    recordId: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const changes = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, { from: null, to: v }]),
    );
    return this.history.record(tx, {
      organisationId,
      recordType,
      recordId,
      action: 'seed',
      actorId: null,
      changes,
    });
  }
}
