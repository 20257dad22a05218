import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { DATE, DATE_MESSAGE, RealDate, trim } from './dto-helpers.js';
import { FieldLabels } from './field-labels.js';
import { requestLanguage } from './language.js';
import { createValidationPipe, Optional } from './validation.js';

@FieldLabels({ count: '인원' })
class NestedDto {
  @IsInt()
  @Max(5)
  count: number;
}

@FieldLabels({ title: '과제명', category: '분야' })
class SampleDto {
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(10)
  password: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  title: string;

  @Optional()
  @IsIn(['A', 'B'])
  category?: string;

  @Optional()
  @RealDate()
  @Matches(DATE, DATE_MESSAGE)
  dueDate?: string;

  @ValidateNested()
  @Type(() => NestedDto)
  nested: NestedDto;
}

const valid = {
  email: 'staff@example.go.kr',
  password: 'long-enough-1',
  title: '통학로 개선',
  nested: { count: 5 },
};

async function validationError(body: unknown): Promise<DomainError> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: SampleDto });
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected the pipe to reject the body');
}

function detail(e: DomainError, field: string, code: string): ErrorDetail {
  const found = e.details.find((d) => d.field === field && d.code === code);
  if (!found) {
    throw new Error(`no detail ${field}/${code} in ${JSON.stringify(e.details)}`);
  }
  return found;
}

describe('createValidationPipe', () => {
  it('passes a valid body and turns it into the DTO class', async () => {
    const out = await createValidationPipe().transform(
      { ...valid, nested: { ...valid.nested } },
      { type: 'body', metatype: SampleDto },
    );
    expect(out).toBeInstanceOf(SampleDto);
    expect(out.nested).toBeInstanceOf(NestedDto);
    expect(out).toEqual({ ...valid, nested: { count: 5 } });
  });

  it('rejects an invalid body with VALIDATION_FAILED and one detail per broken field', async () => {
    const e = await validationError({
      ...valid,
      email: 'not-an-email',
      password: 'short',
      nested: { count: 6 },
    });
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.details.map((d) => `${d.field}:${d.code}`).sort()).toEqual([
      'email:isEmail',
      'nested.count:max',
      'password:minLength',
    ]);
  });

  it('says which field is required, with its label and the right particle', async () => {
    const missing = await validationError({ ...valid, title: undefined });
    expect(missing.details).toEqual([
      {
        field: 'title',
        code: 'required',
        message: { ko: '과제명을 입력하세요.', en: 'title is required' },
      },
    ]);
    // Blank after trimming, or empty: the same message, not "1자 이상이어야 합니다".
    for (const title of ['', '   ']) {
      const blank = await validationError({ ...valid, title });
      expect(detail(blank, 'title', 'required').message.ko).toBe('과제명을 입력하세요.');
    }
    // A shared label (비밀번호 has no final consonant: 를).
    const noPassword = await validationError({ ...valid, password: '' });
    expect(detail(noPassword, 'password', 'required').message.ko).toBe('비밀번호를 입력하세요.');
  });

  it('says what is wrong with a value, naming the field', async () => {
    const e = await validationError({ ...valid, password: 'short' });
    const d = detail(e, 'password', 'minLength');
    expect(d.message.ko).toBe('비밀번호는 10자 이상이어야 합니다.');
    expect(d.message.en).toContain('10');
    expect(
      detail(await validationError({ ...valid, title: 'x'.repeat(21) }), 'title', 'maxLength')
        .message.ko,
    ).toBe('과제명은 20자 이하여야 합니다.');
    expect(
      detail(await validationError({ ...valid, category: 'C' }), 'category', 'isIn').message.ko,
    ).toBe('분야는 다음 중 하나여야 합니다: A, B.');
  });

  it('describes a date pattern as a date, and an impossible day as such', async () => {
    const e = await validationError({ ...valid, dueDate: '2026/06/30' });
    expect(detail(e, 'dueDate', 'matches').message).toEqual({
      ko: '마감일은 날짜 형식(YYYY-MM-DD)이어야 합니다.',
      en: 'dueDate must be a date as YYYY-MM-DD',
    });
    const impossible = await validationError({ ...valid, dueDate: '2026-02-30' });
    expect(detail(impossible, 'dueDate', 'matches').message.ko).toBe(
      '마감일은 실제 있는 날짜여야 합니다(YYYY-MM-DD).',
    );
  });

  it('gives the type before the size: a number sent as the title is "not a string"', async () => {
    const e = await validationError({ ...valid, title: 12 });
    expect(e.details).toHaveLength(1);
    expect(detail(e, 'title', 'isString').message.ko).toBe('과제명은 문자열이어야 합니다.');
  });

  it('refuses null where a value is needed (notNull), also for an optional field', async () => {
    const e = await validationError({ ...valid, category: null });
    expect(detail(e, 'category', 'notNull').message.ko).toBe(
      '분야를 입력하세요. 비워 둘 수 없는 항목입니다.',
    );
  });

  it('uses dotted paths and the bound for a nested max, with the nested DTO’s label', async () => {
    const e = await validationError({ ...valid, nested: { count: 6 } });
    expect(e.details).toHaveLength(1);
    const d = detail(e, 'nested.count', 'max');
    expect(d.message.ko).toBe('인원은 5 이하여야 합니다.');
    expect(d.message.en).toContain('5');
  });

  it('gives a Korean message for isEmail', async () => {
    const e = await validationError({ ...valid, email: 'nope' });
    expect(detail(e, 'email', 'isEmail').message.ko).toBe(
      '이메일은 올바른 이메일 주소여야 합니다.',
    );
  });

  it('reports an unknown field as not allowed', async () => {
    const e = await validationError({ ...valid, extra: 1 });
    expect(e.details).toEqual([
      {
        field: 'extra',
        code: 'whitelistValidation',
        message: {
          ko: 'extra은(는) 이 요청에서 받지 않는 항목입니다.',
          en: 'extra is not an allowed field',
        },
      },
    ]);
  });

  it('reports an unknown field inside a nested object with its dotted path', async () => {
    const e = await validationError({ ...valid, nested: { count: 1, extra: true } });
    expect(detail(e, 'nested.extra', 'whitelistValidation').message.ko).toBe(
      'extra은(는) 이 요청에서 받지 않는 항목입니다.',
    );
  });

  it('does not convert types implicitly (a numeric string is not an integer)', async () => {
    const e = await validationError({ ...valid, nested: { count: '3' } });
    expect(detail(e, 'nested.count', 'isInt').message.ko).toBe('인원은 정수여야 합니다.');
  });

  it('makes the one problem the top message, or counts several and gives the first', async () => {
    const one = await validationError({ ...valid, title: '' });
    expect(one.text).toEqual({ ko: '과제명을 입력하세요.', en: 'title is required.' });
    const three = await validationError({ ...valid, email: 'x', title: '', password: 'short' });
    expect(three.details).toHaveLength(3);
    const first = three.details[0].message;
    expect(three.text.ko).toBe(`입력값 3개가 올바르지 않습니다: ${first.ko}`);
    expect(three.text.en).toMatch(/^3 values are invalid: /);
  });
});

describe('requestLanguage', () => {
  it('reads English from Accept-Language', () => {
    expect(requestLanguage({ headers: { 'accept-language': 'en-US,en;q=0.9' } })).toBe('en');
  });

  it('reads Korean from Accept-Language', () => {
    expect(requestLanguage({ headers: { 'accept-language': 'ko-KR' } })).toBe('ko');
  });

  it('lets Accept-Language win over the user preference', () => {
    expect(
      requestLanguage({ headers: { 'accept-language': 'ko-KR' }, user: { language: 'en' } }),
    ).toBe('ko');
  });

  it("falls back to the user's preference without a header", () => {
    expect(requestLanguage({ headers: {}, user: { language: 'en' } })).toBe('en');
  });

  it('defaults to Korean', () => {
    expect(requestLanguage({ headers: {} })).toBe('ko');
    expect(requestLanguage(undefined)).toBe('ko');
  });
});
