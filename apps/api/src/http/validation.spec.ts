import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Max, MinLength, ValidateNested } from 'class-validator';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { requestLanguage } from './language.js';
import { createValidationPipe } from './validation.js';

class NestedDto {
  @IsInt()
  @Max(5)
  count: number;
}

class SampleDto {
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(10)
  password: string;

  @ValidateNested()
  @Type(() => NestedDto)
  nested: NestedDto;
}

const valid = { email: 'staff@example.go.kr', password: 'long-enough-1', nested: { count: 5 } };

async function validationError(body: unknown): Promise<DomainError> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: SampleDto });
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected the pipe to reject the body');
}

function detail(e: DomainError, field: string, constraint: string): ErrorDetail {
  const found = e.details.find((d) => d.field === field && d.constraint === constraint);
  if (!found) {
    throw new Error(`no detail ${field}/${constraint} in ${JSON.stringify(e.details)}`);
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
    expect(out).toEqual({ email: valid.email, password: valid.password, nested: { count: 5 } });
  });

  it('rejects an invalid body with VALIDATION_FAILED and one detail per broken constraint', async () => {
    const e = await validationError({
      email: 'not-an-email',
      password: 'short',
      nested: { count: 6 },
    });
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details.map((d) => `${d.field}:${d.constraint}`).sort()).toEqual([
      'email:isEmail',
      'nested.count:max',
      'password:minLength',
    ]);
  });

  it('gives the Korean message with the numeric bound for minLength', async () => {
    const e = await validationError({ ...valid, password: 'short' });
    const d = detail(e, 'password', 'minLength');
    expect(d.message.ko).toBe('10자 이상이어야 합니다.');
    expect(d.message.en).toContain('10');
  });

  it('uses dotted paths and the bound for a nested max', async () => {
    const e = await validationError({ ...valid, nested: { count: 6 } });
    expect(e.details).toHaveLength(1);
    const d = detail(e, 'nested.count', 'max');
    expect(d.message.ko).toBe('5 이하여야 합니다.');
    expect(d.message.en).toContain('5');
  });

  it('gives a Korean message for isEmail', async () => {
    const e = await validationError({ ...valid, email: 'nope' });
    expect(detail(e, 'email', 'isEmail').message.ko).toBe('올바른 이메일 주소가 아닙니다.');
  });

  it('reports an unknown field as not allowed', async () => {
    const e = await validationError({ ...valid, extra: 1 });
    expect(e.details).toEqual([
      {
        field: 'extra',
        constraint: 'whitelistValidation',
        message: { ko: '허용되지 않은 필드입니다.', en: 'is not an allowed field' },
      },
    ]);
  });

  it('reports an unknown field inside a nested object with its dotted path', async () => {
    const e = await validationError({ ...valid, nested: { count: 1, extra: true } });
    expect(detail(e, 'nested.extra', 'whitelistValidation').message.ko).toBe(
      '허용되지 않은 필드입니다.',
    );
  });

  it('does not convert types implicitly (a numeric string is not an integer)', async () => {
    const e = await validationError({ ...valid, nested: { count: '3' } });
    expect(detail(e, 'nested.count', 'isInt').message.ko).toBe('정수여야 합니다.');
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
