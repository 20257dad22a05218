import { type LocalText, withParticle } from '@gwaje/common';
import { DATE, INVALID_DAY_SUFFIX, PERIOD } from './dto-helpers.js';

/** One constraint a field failed: its name, its arguments (bounds, allowed values) and its English text. */
export interface FailedConstraint {
  name: string;
  args: unknown[];
  en: string;
}

/** The field as the message needs it: its Korean label, its property name and the value sent. */
export interface FailedField {
  label: string;
  property: string;
  value: unknown;
  constraints: FailedConstraint[];
}

/** What the one detail of a field says: a code (the constraint, or required/notNull) and the text. */
export interface FieldMessage {
  code: string;
  message: LocalText;
}

const topic = (label: string): string => withParticle(label, '은/는');
const object = (label: string): string => withParticle(label, '을/를');
const subject = (label: string): string => withParticle(label, '이/가');

const list = (v: unknown): string =>
  Array.isArray(v)
    ? v.join(', ')
    : v && typeof v === 'object'
      ? Object.values(v).join(', ')
      : String(v);

/** "주담당자는 UUID 형식의 ID여야 합니다."; a label that is an ID already: "ID는 UUID 형식이어야 합니다." */
export const uuidText = (label: string): string =>
  /ID$/.test(label)
    ? `${topic(label)} UUID 형식이어야 합니다.`
    : `${topic(label)} UUID 형식의 ID여야 합니다.`;

/** A required field left out or sent empty: "과제명을 입력하세요." */
const required = (label: string): string => `${object(label)} 입력하세요.`;

/** What a pattern stands for, when it is one of the shared ones. */
function patternText(label: string, args: unknown[], value: unknown): string {
  const pattern = args[0];
  const source = pattern instanceof RegExp ? pattern.source : String(pattern);
  if (source === DATE.source) {
    return typeof value === 'string' && value.endsWith(INVALID_DAY_SUFFIX)
      ? `${topic(label)} 실제 있는 날짜여야 합니다(YYYY-MM-DD).`
      : `${topic(label)} 날짜 형식(YYYY-MM-DD)이어야 합니다.`;
  }
  if (source === PERIOD.source) {
    return `${topic(label)} 2026-Q2, 2026-M07, 2026-H1 같은 보고 기간(2000~2100년)이어야 합니다.`;
  }
  return `${label}의 형식이 올바르지 않습니다.`;
}

type Template = (label: string, args: unknown[], value: unknown) => string;

/** Korean texts of class-validator's constraints (and ours); each names the field. */
const KOREAN: Record<string, Template> = {
  isDefined: required,
  isNotEmpty: required,
  isString: (l) => `${topic(l)} 문자열이어야 합니다.`,
  isInt: (l) => `${topic(l)} 정수여야 합니다.`,
  isNumber: (l) => `${topic(l)} 숫자여야 합니다.`,
  twoDecimals: (l) => `${topic(l)} 소수 둘째 자리까지의 숫자여야 합니다.`,
  isBoolean: (l) => `${topic(l)} true 또는 false여야 합니다.`,
  isEmail: (l) => `${topic(l)} 올바른 이메일 주소여야 합니다.`,
  isUuid: uuidText,
  isUUID: uuidText,
  isDateString: (l) => `${topic(l)} 날짜 형식(YYYY-MM-DD)이어야 합니다.`,
  isIso8601: (l) => `${topic(l)} 날짜 형식(YYYY-MM-DD)이어야 합니다.`,
  isObject: (l) => `${topic(l)} 객체여야 합니다.`,
  isArray: (l) => `${topic(l)} 목록(배열)이어야 합니다.`,
  isEnum: (l, a) => `${topic(l)} 다음 중 하나여야 합니다: ${list(a[0])}.`,
  isIn: (l, a) => `${topic(l)} 다음 중 하나여야 합니다: ${list(a[0])}.`,
  minLength: (l, a) => `${topic(l)} ${String(a[0])}자 이상이어야 합니다.`,
  maxLength: (l, a) => `${topic(l)} ${String(a[0])}자 이하여야 합니다.`,
  min: (l, a) => `${topic(l)} ${String(a[0])} 이상이어야 합니다.`,
  max: (l, a) => `${topic(l)} ${String(a[0])} 이하여야 합니다.`,
  arrayNotEmpty: (l) => `${object(l)} 하나 이상 지정하세요.`,
  arrayMinSize: (l, a) =>
    Number(a[0]) === 1
      ? `${object(l)} 하나 이상 지정하세요.`
      : `${topic(l)} ${String(a[0])}개 이상이어야 합니다.`,
  arrayMaxSize: (l, a) => `${topic(l)} ${String(a[0])}개 이하여야 합니다.`,
  arrayUnique: (l) => `${l}에 중복된 값이 있습니다.`,
  matches: patternText,
  nestedValidation: (l) => `${l}의 형식이 올바르지 않습니다.`,
  whitelistValidation: (l) => `${topic(l)} 이 요청에서 받지 않는 항목입니다.`,
};

/**
 * Constraints that say what a value is come before those that say how big it is: the first failing
 * one in this order is the one message a field gets (a form shows one next to the field).
 */
export const PRIORITY = [
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

/** English: class-validator's text, which names the property unless a DTO gave its own text. */
const english = (property: string, text: string): string =>
  new RegExp(`(^|\\s)${property}(\\s|$)`).test(text) ? text : `${property} ${text}`;

/**
 * The one message of a field that failed validation. In order: an unknown field; null where a
 * value is needed (`notNull`); a field left out or sent as an empty string that needs a value
 * (`required`: "과제명을 입력하세요."); else the first failing constraint by PRIORITY, in words that
 * name the field.
 */
export function fieldMessage(field: FailedField): FieldMessage {
  const { label, property, value } = field;
  const failed = [...field.constraints].sort((a, b) => rank(a.name) - rank(b.name));
  if (failed.some((c) => c.name === 'whitelistValidation')) {
    return {
      code: 'whitelistValidation',
      message: {
        ko: KOREAN.whitelistValidation(label, [], value),
        en: `${property} is not an allowed field`,
      },
    };
  }
  if (value === null) {
    return {
      code: 'notNull',
      message: {
        ko: `${required(label)} 비워 둘 수 없는 항목입니다.`,
        en: `${property} must not be null`,
      },
    };
  }
  // A field left out, or sent as an empty (or, once trimmed, blank) string, was not filled in.
  if (value === undefined || value === '') {
    return { code: 'required', message: { ko: required(label), en: `${property} is required` } };
  }
  const [first] = failed;
  const template = KOREAN[first.name];
  return {
    code: first.name,
    message: {
      ko: template ? template(label, first.args, value) : `${subject(label)} 올바르지 않습니다.`,
      en: english(property, first.en),
    },
  };
}
