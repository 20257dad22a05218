import { endsWithFinalConsonant, withParticle } from './korean.js';

describe('endsWithFinalConsonant', () => {
  it.each([
    ['과제명', true], // 명: ㅇ
    ['마감일', true], // 일: ㄹ
    ['이메일', true],
    ['비밀번호', false], // 호: none
    ['제목', true],
    ['사유', false],
    ['가', false], // the first syllable block
    ['힣', true], // the last one
  ])('reads Hangul %s by its last syllable (%s)', (word, closed) => {
    expect(endsWithFinalConsonant(word)).toBe(closed);
  });

  it.each([
    ['2026-Q3', true], // 삼
    ['2026-Q2', false], // 이
    ['2026-H1', true], // 일
    ['2026-M09', false], // 구
    ['10', true], // 십
    ['ID', false], // 디
    ['URL', true], // 엘
    ['UUID', false],
    ['PDF', false], // 에프
    ['HTML', true],
  ])('reads digits and capitals as spoken: %s (%s)', (word, closed) => {
    expect(endsWithFinalConsonant(word)).toBe(closed);
  });

  it('skips a parenthesised ending, quotes and spaces', () => {
    // 기한 (한: ㄴ) decides, not 수 inside the parenthesis.
    expect(endsWithFinalConsonant('제출 기한(근무일 수)')).toBe(true);
    expect(endsWithFinalConsonant('단계(기한)')).toBe(false);
    expect(endsWithFinalConsonant("'마감일' ")).toBe(true);
    expect(endsWithFinalConsonant('“과제”.')).toBe(false);
  });

  it('cannot tell lowercase words, symbols or nothing', () => {
    expect(endsWithFinalConsonant('email')).toBeNull();
    expect(endsWithFinalConsonant('-')).toBeNull();
    expect(endsWithFinalConsonant('')).toBeNull();
    expect(endsWithFinalConsonant('()')).toBeNull();
  });
});

describe('withParticle', () => {
  it.each([
    ['과제명', '을/를', '과제명을'],
    ['비밀번호', '을/를', '비밀번호를'],
    ['마감일', '은/는', '마감일은'],
    ['사유', '은/는', '사유는'],
    ['제목', '이/가', '제목이'],
    ['주담당자', '이/가', '주담당자가'],
    ['단계', '과/와', '단계와'],
    ['과제명', '과/와', '과제명과'],
    ['2026-Q3', '은/는', '2026-Q3은'],
    ['2026-Q2', '은/는', '2026-Q2는'],
  ] as const)('%s + %s = %s', (word, pair, expected) => {
    expect(withParticle(word, pair)).toBe(expected);
  });

  it('gives both forms when the ending cannot be told', () => {
    expect(withParticle('extra', '은/는')).toBe('extra은(는)');
    expect(withParticle('email', '을/를')).toBe('email을(를)');
  });

  it('follows the word before a parenthesis', () => {
    expect(withParticle('제출 기한(근무일 수)', '은/는')).toBe('제출 기한(근무일 수)은');
    expect(withParticle('ID(UUID)', '을/를')).toBe('ID(UUID)를');
  });
});
