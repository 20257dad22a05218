import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '@gwaje/common';

/** Ids of serial (bigint) rows, such as an e-mail's: a positive integer, as a string. */
@Injectable()
export class SerialParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (/^[1-9][0-9]{0,17}$/.test(value)) return value;
    throw DomainError.invalidField(metadata.data ?? 'id', 'isSerial', {
      ko: '올바른 ID(양의 정수) 형식이 아닙니다.',
      en: 'must be a positive integer',
    });
  }
}
