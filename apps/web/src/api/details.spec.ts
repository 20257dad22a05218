import { messagesById, messagesByIndex, onlyItemProblems } from './details';

describe('item details of a list request', () => {
  const details = [
    { field: 'items.2.version', message: '2026-03 과제가 그사이 바뀌었습니다.' },
    { field: 'items.0.taskId', message: '지금 상태에서 이 처리를 할 수 없습니다.' },
    { field: 'items.10.taskId', message: '같은 과제를 두 번 적었습니다.' },
    { field: 'items.0.taskId', message: '지금 상태에서 이 처리를 할 수 없습니다.' },
    { field: 'reason', message: '사유를 입력하세요.' },
    { field: 'items', message: '1개 이상이어야 합니다.' },
  ];

  it('groups the messages by the index the item had, once each', () => {
    const byIndex = messagesByIndex(details, 'items');
    expect([...byIndex.keys()].sort((a, b) => a - b)).toEqual([0, 2, 10]);
    expect(byIndex.get(0)).toEqual(['지금 상태에서 이 처리를 할 수 없습니다.']);
    expect(byIndex.get(10)).toEqual(['같은 과제를 두 번 적었습니다.']);
    expect(messagesByIndex(details, 'events').size).toBe(0);
  });

  it('maps them back to the records sent in that order', () => {
    const ids = ['a', 'b', 'c'];
    const byId = messagesById(details, 'items', ids);
    expect(byId.get('a')).toBe('지금 상태에서 이 처리를 할 수 없습니다.');
    expect(byId.get('b')).toBeUndefined();
    expect(byId.get('c')).toBe('2026-03 과제가 그사이 바뀌었습니다.');
    // An index the page did not send (11th of three) is dropped, not pinned on a wrong row.
    expect(byId.size).toBe(2);
  });

  it('tells whether only items are wrong', () => {
    expect(onlyItemProblems(details, 'items')).toBe(false);
    expect(onlyItemProblems(details.slice(0, 4), 'items')).toBe(true);
    expect(onlyItemProblems([], 'items')).toBe(false);
  });
});
