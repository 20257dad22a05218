import { fieldMessage, PRIORITY } from './validation-messages.js';
import { PERIOD } from './dto-helpers.js';

const failed = (name: string, args: unknown[] = [], en = `x fails ${name}`) => ({ name, args, en });

describe('fieldMessage', () => {
  it('names the field as the subject of what is wrong, with the right particle', () => {
    expect(
      fieldMessage({
        label: '주담당자',
        property: 'ownerId',
        value: 'x',
        constraints: [failed('isUUID')],
      }).message.ko,
    ).toBe('주담당자는 UUID 형식의 ID여야 합니다.');
    expect(
      fieldMessage({
        label: '제목',
        property: 'x',
        value: 7,
        constraints: [failed('somethingNew')],
      }),
    ).toEqual({
      code: 'somethingNew',
      message: { ko: '제목이 올바르지 않습니다.', en: 'x fails somethingNew' },
    });
  });

  it('orders the constraints by PRIORITY whatever order class-validator reports them in', () => {
    const constraints = [failed('maxLength', [200]), failed('isString'), failed('isIn', [['A']])];
    const m = fieldMessage({ label: '과제명', property: 'title', value: 3, constraints });
    expect(m.code).toBe('isString');
    expect(PRIORITY.indexOf('isString')).toBeLessThan(PRIORITY.indexOf('isIn'));
    // Unknown to PRIORITY (sizes) come last.
    const sizes = fieldMessage({
      label: '평가위원',
      property: 'memberIds',
      value: [],
      constraints: [failed('arrayMaxSize', [50]), failed('isArray'), failed('arrayMinSize', [1])],
    });
    expect(sizes.code).toBe('isArray');
  });

  it('asks for at least one when a list must not be empty', () => {
    const m = fieldMessage({
      label: '출석 위원',
      property: 'presentMemberIds',
      value: [],
      constraints: [
        failed('arrayMinSize', [1], 'presentMemberIds must contain at least 1 elements'),
      ],
    });
    expect(m).toEqual({
      code: 'arrayMinSize',
      message: {
        ko: '출석 위원을 하나 이상 지정하세요.',
        en: 'presentMemberIds must contain at least 1 elements',
      },
    });
  });

  it('prefixes the property to an English text that does not name it', () => {
    const m = fieldMessage({
      label: '보고 기간',
      property: 'period',
      value: '2026-Q5',
      constraints: [failed('matches', [PERIOD], 'must be like 2026-Q2')],
    });
    expect(m.message).toEqual({
      ko: '보고 기간은 2026-Q2, 2026-M07, 2026-H1 같은 보고 기간(2000~2100년)이어야 합니다.',
      en: 'period must be like 2026-Q2',
    });
  });

  it('treats an empty string as a field not filled in, whatever else it fails', () => {
    for (const constraints of [[failed('isEmail')], [failed('isEmail'), failed('isNotEmpty')]]) {
      expect(fieldMessage({ label: '이메일', property: 'email', value: '', constraints })).toEqual({
        code: 'required',
        message: { ko: '이메일을 입력하세요.', en: 'email is required' },
      });
    }
    // A value that is there but wrong says what is wrong.
    expect(
      fieldMessage({
        label: '이메일',
        property: 'email',
        value: 'x',
        constraints: [failed('isEmail')],
      }).code,
    ).toBe('isEmail');
  });
});
