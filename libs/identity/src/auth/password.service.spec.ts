import { DomainError, ErrorCode } from '@gwaje/common';
import { PasswordService } from './password.service.js';

const owner = { email: 'minjun.kim@example.go.kr', name: '김 민준' };
// One instance: constructing one computes the dummy hash (argon2 is deliberately slow).
const service = new PasswordService();

function policyError(fn: () => void): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('PasswordService hashing', () => {
  let hash: string;

  beforeAll(async () => {
    hash = await service.hash('correct horse battery staple');
  });

  it('produces an argon2id hash with the OWASP cost parameters', () => {
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toMatch(/\$m=65536[,$]/);
    expect(hash).toMatch(/[,$]t=3[,$]/);
    expect(hash).toMatch(/[,$]p=4[,$]/);
    expect(hash).not.toContain('correct horse');
  });

  it('verifies the right password', async () => {
    await expect(service.verify(hash, 'correct horse battery staple')).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    await expect(service.verify(hash, 'correct horse battery stapl')).resolves.toBe(false);
  });

  it('answers false (does not throw) for a garbage hash', async () => {
    await expect(service.verify('not-a-hash', 'correct horse battery staple')).resolves.toBe(false);
  });

  it('answers false for a missing account (verifies against a dummy hash)', async () => {
    await expect(service.verify(null, 'gwaje-timing-equaliser-guess')).resolves.toBe(false);
    await expect(service.verify(null, '')).resolves.toBe(false);
  });
});

describe('PasswordService.assertPolicy', () => {
  it('rejects a password shorter than the minimum length', () => {
    const e = policyError(() => service.assertPolicy('Abcdefgh1', 10, owner));
    expect(e.code).toBe(ErrorCode.PASSWORD_POLICY);
    expect(e.code).toBe('PASSWORD_POLICY');
    expect(e.details).toHaveLength(1);
    expect(e.details[0].field).toBe('password');
    expect(e.details[0].code).toBe('minLength');
    expect(e.details[0].message.ko).toContain('10');
    expect(e.details[0].message.en).toBe('must be at least 10 characters');
  });

  it('accepts exactly the minimum length', () => {
    expect(() => service.assertPolicy('Qwzx-7812!', 10, owner)).not.toThrow();
  });

  it('counts characters, not UTF-16 units or bytes, for Korean passwords', () => {
    expect(() => service.assertPolicy('적극행정으로함께가요', 10, owner)).not.toThrow();
    const e = policyError(() => service.assertPolicy('적극행정으로함께가', 10, owner));
    expect(e.details[0].code).toBe('minLength');
  });

  it('counts astral characters (emoji) as one character each', () => {
    // 9 emoji are 18 UTF-16 code units but only 9 characters.
    const e = policyError(() => service.assertPolicy('😀😀😀😀😀😀😀😀😀', 10, owner));
    expect(e.details[0].code).toBe('minLength');
  });

  it('reports the problem under a custom field name', () => {
    const e = policyError(() => service.assertPolicy('short', 10, owner, 'newPassword'));
    expect(e.details[0].field).toBe('newPassword');
  });

  it('rejects a password containing the email local part, case-insensitively', () => {
    const e = policyError(() => service.assertPolicy('xx-MinJun.Kim-2025!', 10, owner));
    expect(e.code).toBe('PASSWORD_POLICY');
    expect(e.details[0].field).toBe('password');
    expect(e.details[0].code).toBe('notPersonal');
  });

  it('ignores an email local part shorter than 3 characters', () => {
    expect(() =>
      service.assertPolicy('jo-is-not-here-2025!', 10, { email: 'jo@example.kr', name: '홍길동' }),
    ).not.toThrow();
  });

  it('checks a local part of exactly 3 characters', () => {
    const e = policyError(() =>
      service.assertPolicy('xxabc-2025-long!', 10, { email: 'abc@example.kr', name: '홍길동' }),
    );
    expect(e.details[0].code).toBe('notPersonal');
  });

  it('rejects a password containing the name with spaces removed', () => {
    const e = policyError(() => service.assertPolicy('나는김민준입니다!!', 10, owner));
    expect(e.code).toBe('PASSWORD_POLICY');
    expect(e.details[0].field).toBe('password');
    expect(e.details[0].code).toBe('notPersonal');
  });

  it('rejects a Latin name case-insensitively', () => {
    const e = policyError(() =>
      service.assertPolicy('hello-minjunkim-99', 10, {
        email: 'x1@example.kr',
        name: 'Minjun Kim',
      }),
    );
    expect(e.details[0].code).toBe('notPersonal');
  });

  it('accepts a good password', () => {
    expect(() => service.assertPolicy('Tangerine-Lamp-47!', 10, owner)).not.toThrow();
  });
});
