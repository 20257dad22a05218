import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { runWithRequestContext } from '@gwaje/common';

/**
 * Runs the handler inside the request context (request id, client address), so services such as
 * the access log and every log line can read it without it being passed around. Subscribing inside
 * `run` is what carries the context into the (lazy) handler.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const meta = { requestId: String(request.id), ip: request.ip ?? null };
    return new Observable((subscriber) =>
      runWithRequestContext(meta, () => next.handle().subscribe(subscriber)),
    );
  }
}
