/** Why a sign-in failed, as the access log records it (the caller only ever sees INVALID_CREDENTIALS). */
export const SignInFailure = {
  UNKNOWN_ACCOUNT: 'UNKNOWN_ACCOUNT',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_INACTIVE: 'ACCOUNT_INACTIVE',
  ORGANISATION_INACTIVE: 'ORGANISATION_INACTIVE',
} as const;
export type SignInFailure = (typeof SignInFailure)[keyof typeof SignInFailure];

export interface SignInCandidate {
  active: boolean;
  organisation_active: boolean;
  locked_until: Date | null;
}

/**
 * The sign-in rule, in order: no account, a deactivated account or organisation, a lock still
 * running, then the password. null: the sign-in succeeds.
 */
export function signInFailure(
  user: SignInCandidate | undefined,
  passwordOk: boolean,
  now = new Date(),
): SignInFailure | null {
  if (!user) return SignInFailure.UNKNOWN_ACCOUNT;
  if (!user.active) return SignInFailure.ACCOUNT_INACTIVE;
  if (!user.organisation_active) return SignInFailure.ORGANISATION_INACTIVE;
  if (user.locked_until && user.locked_until > now) return SignInFailure.ACCOUNT_LOCKED;
  if (!passwordOk) return SignInFailure.WRONG_PASSWORD;
  return null;
}
