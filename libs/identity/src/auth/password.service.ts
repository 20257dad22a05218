import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { DomainError, ErrorCode, type LocalText } from '@gwaje/common';

/** argon2id with the library's current recommended cost (OWASP: m=64 MiB, t=3, p=4). */
const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 4,
} as const;

@Injectable()
export class PasswordService {
  /** Verified against when the account does not exist, so both paths take the same time. */
  private readonly dummyHash = argon2.hash('gwaje-timing-equaliser', HASH_OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummyHash), password);
    } catch {
      return false;
    }
  }

  /** SECURITY.md: a minimum length (setting) and no use of the user's own name or email. */
  assertPolicy(
    password: string,
    minLength: number,
    owner: { email: string; name: string },
    field = 'password',
  ): void {
    const fail = (code: string, message: LocalText): never => {
      throw DomainError.invalidField(field, code, message, ErrorCode.PASSWORD_POLICY);
    };
    if ([...password].length < minLength) {
      fail('minLength', {
        ko: `비밀번호는 ${minLength}자 이상이어야 합니다.`,
        en: `must be at least ${minLength} characters`,
      });
    }
    const lower = password.toLowerCase();
    const localPart = owner.email.split('@')[0]?.toLowerCase() ?? '';
    const name = owner.name.replace(/\s+/g, '').toLowerCase();
    if (
      (localPart.length >= 3 && lower.includes(localPart)) ||
      (name.length >= 2 && lower.includes(name))
    ) {
      fail('notPersonal', {
        ko: '비밀번호에 이름이나 이메일을 포함할 수 없습니다.',
        en: 'must not contain your name or email',
      });
    }
  }
}
