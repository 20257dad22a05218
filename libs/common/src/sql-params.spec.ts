import { containsPattern } from './sql-params.js';

describe('containsPattern', () => {
  it('matches the text anywhere, its own wildcards and backslashes literally', () => {
    expect(containsPattern('김')).toBe('%김%');
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
