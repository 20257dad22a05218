import { normaliseSearchQuery, snippetAround } from './search-text.js';

describe('normaliseSearchQuery', () => {
  it('trims and collapses whitespace', () => {
    expect(normaliseSearchQuery('  청년   창업\t공간 ')).toBe('청년 창업 공간');
  });

  it('refuses fewer than two characters after trimming', () => {
    expect(normaliseSearchQuery('')).toBeNull();
    expect(normaliseSearchQuery('   ')).toBeNull();
    expect(normaliseSearchQuery(' 복 ')).toBeNull();
    expect(normaliseSearchQuery('a')).toBeNull();
    expect(normaliseSearchQuery('복지')).toBe('복지');
    expect(normaliseSearchQuery('ab')).toBe('ab');
  });

  it('composes decomposed Korean (NFD jamo) into syllables', () => {
    const nfd = '복지'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(2);
    expect(normaliseSearchQuery(nfd)).toBe('복지');
    // One syllable typed as jamo is still one character.
    expect(normaliseSearchQuery('복'.normalize('NFD'))).toBeNull();
  });

  it('turns control characters into spaces', () => {
    expect(normaliseSearchQuery('복지\u0000정책')).toBe('복지 정책');
    expect(normaliseSearchQuery('\n\r')).toBeNull();
  });
});

describe('snippetAround', () => {
  it('keeps a short text whole, whitespace collapsed', () => {
    expect(snippetAround('가나다\n\n라마', '라마')).toBe('가나다 라마');
  });

  it('centres a long text on the first match, marking the cuts', () => {
    const text = `${'가'.repeat(100)}복지정책${'나'.repeat(100)}`;
    const s = snippetAround(text, '복지', 20);
    expect(s).toContain('복지정책');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect([...s.replace(/…/g, '')].length).toBe(20);
  });

  it('matches regardless of case and starts at the beginning when nothing matches', () => {
    const text = `${'x'.repeat(50)} Smart City ${'y'.repeat(50)}`;
    expect(snippetAround(text, 'smart', 30)).toContain('Smart');
    expect(snippetAround('a'.repeat(50), 'zz', 10)).toBe(`${'a'.repeat(10)}…`);
  });

  it('does not cut past the end when the match is near it', () => {
    const text = `${'가'.repeat(100)}끝말`;
    const s = snippetAround(text, '끝말', 20);
    expect(s.endsWith('끝말')).toBe(true);
  });
});
