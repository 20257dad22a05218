import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { inOrganisationCalendar } from '@gwaje/calendar';
import { runWithRequestContext } from '@gwaje/common';
import type { AuthUser } from '@gwaje/identity';

/** The User-Agent header for the access log: one string, at most 512 characters, or null. */
export function userAgentOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? value.slice(0, 512) : null;
}

/**
 * Runs the handler inside the request context (request id, client address), so services such as
 * the access log and every log line can read it without it being passed around. Subscribing inside
 * `run` is what carries the context into the (lazy) handler.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Interceptors run after the guards: `user` is the authenticated caller, if any.
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const meta = {
      requestId: String(request.id),
      ip: request.ip ?? null,
      userAgent: userAgentOf(request.headers['user-agent']),
      account: request.user?.email ?? null,
    };
    // The caller's organisation's declared closures count in the request's business-day arithmetic.
    const organisationId = request.user?.organisationId;
    return new Observable((subscriber) =>
      runWithRequestContext(meta, () =>
        organisationId
          ? inOrganisationCalendar(organisationId, () => next.handle().subscribe(subscriber))
          : next.handle().subscribe(subscriber),
      ),
    );
  }
}
