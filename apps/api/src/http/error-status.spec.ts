import { ErrorCode } from '@gwaje/common';
import { codeOfStatus, httpStatusOf } from './error-status.js';

describe('httpStatusOf', () => {
  it.each(Object.values(ErrorCode))('maps %s to an HTTP error status', (code) => {
    const status = httpStatusOf(code);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThanOrEqual(599);
  });

  const STATUSES = [
    ['VALIDATION_FAILED', 400],
    ['PASSWORD_POLICY', 400],
    ['CURRENT_PASSWORD_INCORRECT', 400],
    ['UNKNOWN_SETTING', 400],
    ['INVALID_REFERENCE', 400],
    ['PERIOD_NOT_OPEN', 400],
    ['IMPORT_INVALID', 400],
    ['UNAUTHENTICATED', 401],
    ['INVALID_CREDENTIALS', 401],
    ['SESSION_EXPIRED', 401],
    ['ACCESS_TOKEN_EXPIRED', 401],
    ['REFRESH_TOKEN_INVALID', 401],
    ['REFRESH_TOKEN_REUSED', 401],
    ['FORBIDDEN', 403],
    ['SELF_DEACTIVATION', 403],
    ['PASSWORD_CHANGE_REQUIRED', 403],
    ['CONFLICT_OF_INTEREST', 403],
    ['NOT_FOUND', 404],
    ['VERSION_CONFLICT', 409],
    ['DUPLICATE', 409],
    ['CALENDAR_IN_USE', 409],
    ['ILLEGAL_TRANSITION', 409],
    ['QUORUM_NOT_MET', 409],
    ['LIMIT_REACHED', 409],
    ['NO_COMMITTEE_MEMBERS', 409],
    ['NOMINATIONS_UNDECIDED', 409],
    ['CRITERIA_NOT_APPROVED', 409],
    ['CRITERIA_FROZEN', 409],
    ['MEMBER_EXCLUDED', 409],
    ['RESULTS_NOT_AGGREGATED', 409],
    ['MEMBER_HAS_SCORED', 409],
    ['NOT_SELECTED', 409],
    ['NO_PARENT_ORGANISATION', 409],
    ['MEMBER_DISQUALIFIED', 409],
    ['CONTEST_ENTRIES_UNDECIDED', 409],
    ['CONTEST_BUDGET_EXCEEDED', 409],
    ['CONTEST_ADVANCEMENT_UNAVAILABLE', 409],
    ['CONTEST_JUDGE_DISQUALIFIED', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_FILE_TYPE', 415],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['CALENDAR_UNAVAILABLE', 422],
    ['RATE_LIMITED', 429],
    ['INTERNAL', 500],
    ['SERVICE_UNAVAILABLE', 503],
  ] as const;

  it.each(STATUSES)('maps %s to %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('states the status of every code (a new code gets a row here and in the README table)', () => {
    expect(STATUSES.map(([code]) => code).sort()).toEqual(Object.values(ErrorCode).sort());
  });
});

describe('codeOfStatus', () => {
  it.each([
    [400, 'VALIDATION_FAILED'],
    [415, 'UNSUPPORTED_MEDIA_TYPE'],
    [422, 'VALIDATION_FAILED'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'NOT_FOUND'],
    [409, 'VERSION_CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL'],
    [502, 'INTERNAL'],
    [503, 'SERVICE_UNAVAILABLE'],
    [504, 'INTERNAL'],
    [418, 'VALIDATION_FAILED'],
  ] as const)('maps %i to %s', (status, code) => {
    expect(codeOfStatus(status)).toBe(code);
  });

  it('round-trips the codes that have their own status', () => {
    for (const code of [
      ErrorCode.NOT_FOUND,
      ErrorCode.FORBIDDEN,
      ErrorCode.PAYLOAD_TOO_LARGE,
      ErrorCode.RATE_LIMITED,
      ErrorCode.SERVICE_UNAVAILABLE,
      ErrorCode.INTERNAL,
      ErrorCode.VALIDATION_FAILED,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ]) {
      expect(codeOfStatus(httpStatusOf(code))).toBe(code);
    }
  });
});
