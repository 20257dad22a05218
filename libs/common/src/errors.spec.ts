import { DEFAULT_MESSAGES, DomainError, ErrorCode, validationSummary } from './errors.js';

const detail = (field: string, ko: string, en: string) => ({
  field,
  code: 'required',
  message: { ko, en },
});

describe('DomainError', () => {
  it('has a Korean and an English default message for every code', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(DEFAULT_MESSAGES[code].ko).toMatch(/[가-힣]/);
      expect(DEFAULT_MESSAGES[code].en).toMatch(/[A-Za-z]/);
    }
  });

  it('makes an ILLEGAL_TRANSITION always say which record, its status and what may be done', () => {
    const e = DomainError.illegalTransition({
      resource: 'task',
      currentStatus: 'DRAFT',
      allowedActions: ['edit', 'propose'],
    });
    expect(e.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expect(e.text).toEqual(DEFAULT_MESSAGES.ILLEGAL_TRANSITION);
    expect(e.extra).toEqual({
      resource: 'task',
      currentStatus: 'DRAFT',
      allowedActions: ['edit', 'propose'],
    });
  });

  it('gives a VALIDATION_FAILED with details the first detail as its message', () => {
    const one = DomainError.invalidField('reason', 'required', {
      ko: '사유를 입력하세요.',
      en: 'a reason is required',
    });
    expect(one.details).toEqual([
      {
        field: 'reason',
        code: 'required',
        message: { ko: '사유를 입력하세요.', en: 'a reason is required' },
      },
    ]);
    expect(one.text).toEqual({ ko: '사유를 입력하세요.', en: 'a reason is required.' });
    // Other codes keep their own message even with a detail.
    const duplicate = DomainError.invalidField(
      'email',
      'unique',
      { ko: '이미 등록된 이메일입니다.', en: 'is already registered' },
      ErrorCode.DUPLICATE,
    );
    expect(duplicate.text).toEqual(DEFAULT_MESSAGES.DUPLICATE);
  });
});

describe('validationSummary', () => {
  it('is the generic message without details', () => {
    expect(validationSummary([])).toEqual(DEFAULT_MESSAGES.VALIDATION_FAILED);
  });

  it('is the detail itself when there is one', () => {
    expect(
      validationSummary([detail('title', '과제명을 입력하세요.', 'title is required')]),
    ).toEqual({
      ko: '과제명을 입력하세요.',
      en: 'title is required.',
    });
  });

  it('counts several and gives the first', () => {
    expect(
      validationSummary([
        detail('title', '과제명을 입력하세요.', 'title is required'),
        detail('dueDate', '완료 예정일을 입력하세요.', 'dueDate is required'),
      ]),
    ).toEqual({
      ko: '입력값 2개가 올바르지 않습니다: 과제명을 입력하세요.',
      en: '2 values are invalid: title is required.',
    });
  });

  it('names a nested field in English when its text does not', () => {
    expect(
      validationSummary([detail('milestones.0.title', '단계명을 입력하세요.', 'is required')]).en,
    ).toBe('milestones.0.title: is required.');
  });
});
