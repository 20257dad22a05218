// The English of `account` (messages.ts), fetched when the user reads English.
import type { Messages } from './messages';

const en: Messages = {
  password: {
    title: 'Change password',
    description: 'After the change this device stays signed in; every other device is signed out.',
    required:
      'An administrator set your password, or this is the first administrator account. Change the password to continue.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordHint:
      'At least the length your organisation requires, without your name or email, and not the current one.',
    confirmPassword: 'Confirm new password',
    mismatch: 'The new password and its confirmation differ.',
    submit: 'Change password',
    done: 'Your password has been changed; other devices were signed out.',
  },
};

export default en;
