import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { DomainError, withParticle } from '@gwaje/common';
import { fieldLabel } from './field-labels.js';

/** Ids of serial (bigint) rows, such as an e-mail's: a positive integer, as a string. */
export const SERIAL_ID = /^[1-9][0-9]{0,17}$/;

@Injectable()
export class SerialParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (SERIAL_ID.test(value)) return value;
    const name = metadata.data ?? 'id';
    throw DomainError.invalidField(name, 'isSerial', {
      ko: `${withParticle(fieldLabel(undefined, name), '은/는')} 양의 정수여야 합니다.`,
      en: `${name} must be a positive integer`,
    });
  }
}
