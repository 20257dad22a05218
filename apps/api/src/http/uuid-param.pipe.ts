import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '@gwaje/common';

/** Path ids must be UUIDs: a malformed one is a 400 naming the parameter, not a 500 from Postgres. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    throw DomainError.invalidField(metadata.data ?? 'id', 'isUuid', {
      ko: '올바른 ID(UUID) 형식이 아닙니다.',
      en: 'must be a UUID',
    });
  }
}
