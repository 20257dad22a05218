import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from '@gwaje/common';
import { fieldLabel } from './field-labels.js';
import { uuidText } from './validation-messages.js';

/** Path ids must be UUIDs: a malformed one is a 400 naming the parameter, not a 500 from Postgres. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const name = metadata.data ?? 'id';
    throw DomainError.invalidField(name, 'isUuid', {
      ko: uuidText(fieldLabel(undefined, name)),
      en: `${name} must be a UUID`,
    });
  }
}
