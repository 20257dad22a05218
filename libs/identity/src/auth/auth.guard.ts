import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@gwaje/common';
import type { Role } from '../roles.js';
import {
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  IS_PUBLIC,
  REQUIRED_ROLES,
  type RequestWithUser,
} from './auth.decorators.js';
import { AuthService } from './auth.service.js';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public; a user who must change
 * the password reaches only @AllowedBeforePasswordChange routes; then @Roles applies.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError(ErrorCode.UNAUTHENTICATED);
    request.user = await this.auth.authenticate(match[1]);
    if (
      request.user.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)
    )
      throw new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => request.user!.roles.includes(r)))
      throw DomainError.forbidden();
    return true;
  }
}
