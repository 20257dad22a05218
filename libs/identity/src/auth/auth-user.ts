import type { Role } from '../roles.js';

/** The authenticated caller, as guards attach it to the request and services receive it. */
export interface AuthUser {
  id: string;
  sessionId: string;
  organisationId: string;
  departmentId: string;
  roles: readonly Role[];
  name: string;
  email: string;
  language: 'ko' | 'en';
  /** Set by an administrator's reset and for the first administrator: only /me, the password
   * change and sign-out answer until the password is changed (403 PASSWORD_CHANGE_REQUIRED). */
  passwordChangeRequired?: boolean;
  /**
   * users.system_administrator, read with every request: administers every organisation (see
   * AccessPolicy.isSystemAdministrator, which also wants the ADMIN role).
   */
  systemAdministrator?: boolean;
}
