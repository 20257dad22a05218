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
}
