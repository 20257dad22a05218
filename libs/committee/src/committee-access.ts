import { DomainError, type ErrorDetail, type LocalText } from '@gwaje/common';
import { type AuthUser, Role } from '@gwaje/identity';

export const detail = (field: string, code: string, message: LocalText): ErrorDetail => ({
  field,
  code,
  message,
});

export const isOffice = (user: AuthUser) => user.roles.includes(Role.PROACTIVE_OFFICE);

/** The office, auditors and administrators of the organisation read every committee record. */
export const readsAll = (user: AuthUser) =>
  [Role.PROACTIVE_OFFICE, Role.AUDITOR, Role.ADMIN].some((r) => user.roles.includes(r));

export const isCommitteeUser = (user: AuthUser) => user.roles.includes(Role.COMMITTEE);

/** 403: PROACTIVE_OFFICE manages the committee. */
export function assertOffice(user: AuthUser): void {
  if (!isOffice(user)) throw DomainError.forbidden();
}
