import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../roles.js';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'gwaje:isPublic';
export const REQUIRED_ROLES = 'gwaje:roles';
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'gwaje:allowedBeforePasswordChange';

/** The route needs no access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route answers a user who must change the password first (GET /me, the change itself,
 * sign-out); every other route is a 403 PASSWORD_CHANGE_REQUIRED for them.
 */
export const AllowedBeforePasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

export interface RequestWithUser {
  user?: AuthUser;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser => {
    const user = ctx.switchToHttp().getRequest<RequestWithUser>().user;
    if (!user) throw new Error('CurrentUser used on a public route');
    return user;
  },
);
