import { jest } from '@jest/globals';
import { type EnglishLoader, missing, register, translate } from './catalogue';

/** An English part that counts its fetches. */
const english = (messages: Record<string, unknown>) =>
  jest.fn<EnglishLoader>(() => Promise.resolve({ default: messages as { [key: string]: string } }));

describe('the message catalogue', () => {
  it('fetches a namespace’s English when it is asked for, once, never for Korean', async () => {
    const en = english({ title: 'My work' });
    register('t1', { title: '나의 업무' }, en);
    expect(missing('ko', ['t1'])).toEqual([]);
    expect(en).not.toHaveBeenCalled();
    // Until it is here, English reads the Korean.
    expect(translate('en', 't1', 'title')).toBe('나의 업무');

    await Promise.all(missing('en', ['t1']));
    expect(translate('en', 't1', 'title')).toBe('My work');
    expect(translate('ko', 't1', 'title')).toBe('나의 업무');
    expect(missing('en', ['t1'])).toEqual([]);
    expect(en).toHaveBeenCalledTimes(1);
  });

  it('asks again for English that could not be fetched', async () => {
    const en = jest
      .fn<EnglishLoader>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ default: { save: 'Save' } });
    register('t2', { save: '저장' }, en);
    await expect(Promise.all(missing('en', ['t2']))).rejects.toThrow('offline');
    await Promise.all(missing('en', ['t2']));
    expect(translate('en', 't2', 'save')).toBe('Save');
    expect(en).toHaveBeenCalledTimes(2);
  });

  it('merges the parts of a namespace registered from several files, in each language', async () => {
    register('t3', { list: { risk: '위험도' }, flag: { delayed: '지연' } }, english({}));
    register(
      't3',
      { list: { title: '과제 목록' } },
      english({ list: { title: 'Tasks', risk: 'Risk' } }),
    );
    expect(translate('ko', 't3', 'list.risk')).toBe('위험도');
    expect(translate('ko', 't3', 'list.title')).toBe('과제 목록');
    await Promise.all(missing('en', ['t3']));
    expect(translate('en', 't3', 'list.title')).toBe('Tasks');
    expect(translate('en', 't3', 'list.risk')).toBe('Risk');
    // Missing in English: the Korean.
    expect(translate('en', 't3', 'flag.delayed')).toBe('지연');
  });

  it('reads another namespace by prefix; a key of neither language gives the default, else the key', () => {
    register('t4', { a: { b: '가' } }, english({}));
    register('t5', { c: '다' }, english({}));
    expect(translate('ko', 't4', 't5:c')).toBe('다');
    expect(translate('ko', 't4', 'a.missing', { defaultValue: 'DONE' })).toBe('DONE');
    expect(translate('ko', 't4', 'a.missing')).toBe('a.missing');
    expect(translate('ko', 't4', 't5:nothing')).toBe('nothing');
    // A section is not a message.
    expect(translate('ko', 't4', 'a')).toBe('a');
  });

  it('puts values into a message; one not given stays as written', () => {
    register('t6', { m: '{{name}} ({{department}}) {{ count }}건, {{name}}' }, english({}));
    expect(translate('ko', 't6', 'm', { name: '김', department: '복지과', count: 3 })).toBe(
      '김 (복지과) 3건, 김',
    );
    expect(translate('ko', 't6', 'm', { name: '김', department: null })).toBe(
      '김 () {{ count }}건, 김',
    );
    // A value is not read as a placeholder again.
    expect(translate('ko', 't6', 'm', { name: '{{department}}', department: 'x', count: 0 })).toBe(
      '{{department}} (x) 0건, {{department}}',
    );
  });
});
