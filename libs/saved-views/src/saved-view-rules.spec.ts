import { DomainError } from '@gwaje/common';
import { normaliseSavedViewQuery, SAVED_VIEW_KEYS } from './saved-view-rules.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).details[0];
  }
  throw new Error('not refused');
};

describe('normaliseSavedViewQuery', () => {
  it('keeps the allowed names and drops a leading question mark', () => {
    expect(
      normaliseSavedViewQuery('tasks', '?year=2026&status=IN_PROGRESS,SUSPENDED&q=통학로'),
    ).toBe('year=2026&status=IN_PROGRESS%2CSUSPENDED&q=%ED%86%B5%ED%95%99%EB%A1%9C');
    expect(normaliseSavedViewQuery('reports', '')).toBe('');
    expect(normaliseSavedViewQuery('consultations', 'state=SUBMITTED&sort=dueDate&order=asc')).toBe(
      'state=SUBMITTED&sort=dueDate&order=asc',
    );
  });

  it('refuses a name another list uses, the paging offset and the URL marker', () => {
    expect(refusal(() => normaliseSavedViewQuery('reports', 'q=x'))).toMatchObject({
      field: 'query',
      code: 'unknownKey',
    });
    for (const list of ['tasks', 'reports', 'consultations'] as const) {
      expect(SAVED_VIEW_KEYS[list]).not.toContain('offset');
      expect(refusal(() => normaliseSavedViewQuery(list, 'offset=20')).code).toBe('unknownKey');
      expect(refusal(() => normaliseSavedViewQuery(list, 'f=1')).code).toBe('unknownKey');
    }
  });

  it('refuses a name twice, an unknown sort or order, and values or queries too long', () => {
    expect(refusal(() => normaliseSavedViewQuery('tasks', 'year=1&year=2')).code).toBe('duplicate');
    expect(refusal(() => normaliseSavedViewQuery('tasks', 'sort=period')).code).toBe('invalid');
    expect(normaliseSavedViewQuery('reports', 'sort=period')).toBe('sort=period');
    expect(refusal(() => normaliseSavedViewQuery('tasks', 'order=up')).code).toBe('invalid');
    expect(refusal(() => normaliseSavedViewQuery('tasks', `q=${'a'.repeat(301)}`)).code).toBe(
      'maxLength',
    );
    expect(refusal(() => normaliseSavedViewQuery('tasks', 'q=a'.padEnd(1001, 'a'))).code).toBe(
      'maxLength',
    );
    const message = refusal(() => normaliseSavedViewQuery('tasks', 'bogus=1')).message;
    expect(message.ko).toMatch(
      /^이 목록에서 쓸 수 없는 조건입니다: bogus \(쓸 수 있는 조건: year, /,
    );
    // Arbitrary input is not repeated back.
    const odd = refusal(() => normaliseSavedViewQuery('tasks', "'; DROP TABLE tasks=1")).message;
    expect(odd.ko).toMatch(/^이 목록에서 쓸 수 없는 조건입니다 \(쓸 수 있는 조건: /);
  });
});
