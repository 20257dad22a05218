import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';
import type { DataSource, EntityManager } from 'typeorm';

/** Where the reference checks read (read before a transaction: the data source). */
type Db = DataSource | EntityManager;

/** A participating organisation with its responsible department and contact. */
export interface ParticipantInput {
  organisationId: string;
  departmentId: string;
  contactUserId?: string;
}

export const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});
/**
 * A 400 naming each field that refers to something it may not (an unknown or inactive
 * organisation, a department or contact of another organisation, a milestone of another task, an
 * organisation not taking part): INVALID_REFERENCE, as other contexts answer body references.
 */
export const invalid = (details: ErrorDetail[]) =>
  new DomainError(ErrorCode.INVALID_REFERENCE, undefined, details);

/** An active organisation of the installation (any kind and level). */
export async function organisationProblems(
  db: Db,
  field: string,
  organisationId: string,
): Promise<ErrorDetail[]> {
  const [org] = await db.query<Array<{ active: boolean }>>(
    `SELECT active FROM organisations WHERE id = $1`,
    [organisationId],
  );
  if (org?.active) return [];
  return [
    detail(field, org ? 'inactiveOrganisation' : 'unknownOrganisation', {
      ko: org ? '비활성화된 기관입니다.' : '없는 기관입니다.',
      en: org ? 'this organisation is inactive' : 'no such organisation',
    }),
  ];
}

export async function contactProblems(
  db: Db,
  field: string,
  organisationId: string,
  userId: string,
): Promise<ErrorDetail[]> {
  const [u] = await db.query<Array<{ organisation_id: string; active: boolean }>>(
    `SELECT organisation_id, active FROM users WHERE id = $1`,
    [userId],
  );
  if (u && u.active && u.organisation_id === organisationId) return [];
  return [
    detail(field, 'organisationUser', {
      ko: '그 기관의 재직 중인 사용자가 아닙니다.',
      en: 'not an active user of that organisation',
    }),
  ];
}

/** A participant: an active organisation, a department of it, a contact of it. */
export async function participantProblems(
  db: Db,
  prefix: string,
  p: ParticipantInput,
): Promise<ErrorDetail[]> {
  const org = await organisationProblems(db, `${prefix}organisationId`, p.organisationId);
  if (org.length) return org;
  const problems: ErrorDetail[] = [];
  const [d] = await db.query<Array<{ organisation_id: string; active: boolean }>>(
    `SELECT organisation_id, active FROM departments WHERE id = $1`,
    [p.departmentId],
  );
  if (!d || !d.active || d.organisation_id !== p.organisationId) {
    problems.push(
      detail(`${prefix}departmentId`, 'organisationDepartment', {
        ko: '그 기관의 운영 중인 부서가 아닙니다.',
        en: 'not an active department of that organisation',
      }),
    );
  }
  if (p.contactUserId) {
    problems.push(
      ...(await contactProblems(db, `${prefix}contactUserId`, p.organisationId, p.contactUserId)),
    );
  }
  return problems;
}
