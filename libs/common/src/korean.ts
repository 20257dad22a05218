/**
 * Korean particles (조사) chosen by the word they follow: 을/를, 은/는, 이/가, 과/와 depend on
 * whether the word's last syllable ends in a final consonant (받침). Messages built from field
 * labels ("과제명을 입력하세요.", "마감일은 …") use these instead of the clumsy "을(를)".
 */

export type ParticlePair = '을/를' | '은/는' | '이/가' | '과/와';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Each Hangul syllable block is (initial × 21 + medial) × 28 + final; final 0 means none. */
const FINALS = 28;

/** How digits are read: 영 일 이 삼 사 오 육 칠 팔 구 (10, 100, … read 십, 백, 천, 만: all closed). */
const DIGIT_CLOSED = [true, true, false, true, false, false, true, true, true, false];
/** Latin capitals read as letter names: only L (엘), M (엠), N (엔) and R (알) end closed. */
const LETTER_CLOSED = new Set(['L', 'M', 'N', 'R']);

/**
 * Whether `word` is read with a final consonant at its end, or null when that cannot be told
 * (e.g. a lowercase English word). A parenthesised ending is skipped, as in Korean usage the
 * particle follows the word before it: "ID(UUID)" is read by "ID".
 */
export function endsWithFinalConsonant(word: string): boolean | null {
  let text = word.trim();
  for (;;) {
    const trimmed = text.replace(/[\s'"’”」』.]+$/u, '');
    const paren = /^(.*\S)\s*\([^()]*\)$/u.exec(trimmed);
    if (paren) text = paren[1];
    else {
      text = trimmed;
      break;
    }
  }
  if (!text) return null;
  const last = text[text.length - 1];
  const code = last.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return (code - HANGUL_FIRST) % FINALS !== 0;
  if (last >= '0' && last <= '9') return DIGIT_CLOSED[Number(last)];
  if (last >= 'A' && last <= 'Z') return LETTER_CLOSED.has(last);
  return null;
}

/**
 * `word` followed by the right form of the particle: withParticle('과제명', '을/를') is "과제명을",
 * withParticle('비밀번호', '을/를') is "비밀번호를". When the ending cannot be told, both forms
 * are given the conventional way: "email을(를)".
 */
export function withParticle(word: string, pair: ParticlePair): string {
  const [closed, open] = pair.split('/');
  const final = endsWithFinalConsonant(word);
  if (final === null) return `${word}${closed}(${open})`;
  return `${word}${final ? closed : open}`;
}
