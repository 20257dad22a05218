import { SignInFailure, signInFailure } from './sign-in-rules.js';

describe('signInFailure (what the access log records; the caller always sees INVALID_CREDENTIALS)', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const user = { active: true, organisation_active: true, locked_until: null };

  it('lets an active user of an active organisation with the right password in', () => {
    expect(signInFailure(user, true, now)).toBeNull();
    expect(
      signInFailure({ ...user, locked_until: new Date('2026-03-02T08:59:00Z') }, true, now),
    ).toBeNull();
  });

  it.each([
    ['no account', undefined, true, SignInFailure.UNKNOWN_ACCOUNT],
    ['a wrong password', user, false, SignInFailure.WRONG_PASSWORD],
    ['a deactivated account', { ...user, active: false }, true, SignInFailure.ACCOUNT_INACTIVE],
    [
      'a deactivated organisation',
      { ...user, organisation_active: false },
      true,
      SignInFailure.ORGANISATION_INACTIVE,
    ],
    [
      'a lock still running, even with the right password',
      { ...user, locked_until: new Date('2026-03-02T09:10:00Z') },
      true,
      SignInFailure.ACCOUNT_LOCKED,
    ],
    // A deactivated one never counts towards a lock: its state is what is recorded.
    [
      'a deactivated organisation with a wrong password',
      { ...user, organisation_active: false },
      false,
      SignInFailure.ORGANISATION_INACTIVE,
    ],
    [
      'a locked account with a wrong password',
      { ...user, locked_until: new Date('2026-03-02T09:10:00Z') },
      false,
      SignInFailure.ACCOUNT_LOCKED,
    ],
  ])('refuses %s', (_name, candidate, passwordOk, expected) => {
    expect(signInFailure(candidate, passwordOk, now)).toBe(expected);
  });
});
