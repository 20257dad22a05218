import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateIf, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode, type ErrorDetail, type LocalText } from '@gwaje/common';

type Template = (args: unknown[]) => string;
const list = (v: unknown): string =>
  Array.isArray(v)
    ? v.join(', ')
    : v && typeof v === 'object'
      ? Object.values(v).join(', ')
      : String(v);

/** Korean texts for class-validator's constraints; the English text is class-validator's own. */
const KOREAN: Record<string, Template> = {
  whitelistValidation: () => '허용되지 않은 필드입니다.',
  isDefined: () => '필수 항목입니다.',
  isNotEmpty: () => '값을 입력하세요.',
  isString: () => '문자열이어야 합니다.',
  isInt: () => '정수여야 합니다.',
  isNumber: () => '숫자여야 합니다.',
  twoDecimals: () => '소수 둘째 자리까지의 숫자여야 합니다.',
  isBoolean: () => 'true 또는 false여야 합니다.',
  isEmail: () => '올바른 이메일 주소가 아닙니다.',
  isUuid: () => '올바른 ID(UUID) 형식이 아닙니다.',
  isUUID: () => '올바른 ID(UUID) 형식이 아닙니다.',
  isDateString: () => '날짜 형식(YYYY-MM-DD)이어야 합니다.',
  isIso8601: () => '날짜 형식(YYYY-MM-DD)이어야 합니다.',
  isObject: () => '객체여야 합니다.',
  isArray: () => '목록이어야 합니다.',
  isEnum: (a) => `허용된 값이 아닙니다. 가능한 값: ${list(a[0])}`,
  isIn: (a) => `허용된 값이 아닙니다. 가능한 값: ${list(a[0])}`,
  minLength: (a) => `${String(a[0])}자 이상이어야 합니다.`,
  maxLength: (a) => `${String(a[0])}자 이하여야 합니다.`,
  min: (a) => `${String(a[0])} 이상이어야 합니다.`,
  max: (a) => `${String(a[0])} 이하여야 합니다.`,
  arrayNotEmpty: () => '하나 이상 선택하세요.',
  arrayMinSize: (a) => `${String(a[0])}개 이상이어야 합니다.`,
  arrayMaxSize: (a) => `${String(a[0])}개 이하여야 합니다.`,
  arrayUnique: () => '중복된 값이 있습니다.',
  matches: () => '형식이 올바르지 않습니다.',
  nestedValidation: () => '객체 형식이 올바르지 않습니다.',
};

function constraintArgs(
  target: object | undefined,
  property: string,
  constraint: string,
): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  const meta = metas.find(
    (m) => m.propertyName === property && (m.name === constraint || m.type === constraint),
  );
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

/**
 * Constraints that say what a value is come before those that say how big it is: the first failing
 * one in this order is the one message a field gets (a form shows one next to the field).
 */
const PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'twoDecimals',
  'isBoolean',
  'isIn',
  'isEnum',
  'isUuid',
  'isUUID',
  'isEmail',
  'matches',
  'isObject',
  'isArray',
];
const rank = (constraint: string): number => {
  const i = PRIORITY.indexOf(constraint);
  return i === -1 ? PRIORITY.length : i;
};

/** Flattens class-validator's tree into one detail per broken field, with dotted field paths. */
export function toDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length && error.value === null) {
      details.push({
        field,
        constraint: 'notNull',
        message: { ko: '값을 입력하세요. 비울 수 없는 항목입니다.', en: 'must not be null' },
      });
    } else if (constraints.length) {
      const [constraint, en] = constraints.sort(([a], [b]) => rank(a) - rank(b))[0];
      const ko =
        KOREAN[constraint]?.(constraintArgs(error.target, error.property, constraint)) ??
        '값이 올바르지 않습니다.';
      const message: LocalText = {
        ko,
        en: constraint === 'whitelistValidation' ? 'is not an allowed field' : en,
      };
      details.push({ field, constraint, message });
    }
    details.push(...toDetails(error.children ?? [], field));
  }
  return details;
}

/** ARCHITECTURE.md convention 6: whitelist, reject unknown fields, transform; one error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read only to tell a null apart; it never leaves the server.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new DomainError(ErrorCode.VALIDATION_FAILED, undefined, toDetails(errors)),
  });
}

/**
 * The field may be left out, but not sent as null: its other validators run for every value that
 * is present. `@IsOptional()` also waves null through, which is right only for nullable fields.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
