import { ErrorCode } from '@gwaje/common';
import { assertNotSameAsCurrent, currentPasswordIncorrect } from './password-change.service.js';

describe('password change rules', () => {
  it('refuses a new password equal to the current one as a PASSWORD_POLICY problem of newPassword', () => {
    expect(() => assertNotSameAsCurrent('same-passphrase-1', 'same-passphrase-1')).toThrow(
      expect.objectContaining({
        code: ErrorCode.PASSWORD_POLICY,
        details: [expect.objectContaining({ field: 'newPassword', code: 'sameAsCurrent' })],
      }),
    );
    expect(() => assertNotSameAsCurrent('old-passphrase-1', 'new-passphrase-2')).not.toThrow();
  });

  it('names the current password field when it is wrong (a 400, never a 401 that would end the session)', () => {
    const err = currentPasswordIncorrect();
    expect(err.code).toBe(ErrorCode.CURRENT_PASSWORD_INCORRECT);
    expect(err.details).toEqual([
      expect.objectContaining({ field: 'currentPassword', code: 'incorrect' }),
    ]);
  });
});
