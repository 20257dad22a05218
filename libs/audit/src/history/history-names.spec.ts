import { idsInChanges } from './history-names.js';

describe('ids in a history entry', () => {
  const a = '7b2e4c91-0d3a-4f6b-8e1c-2a9d5f3b7c40';
  const b = '0ebd625b-4c0f-482e-8234-1fad55c22362';

  it('finds ids as values at any depth, each once, and nothing else', () => {
    expect(
      idsInChanges({
        ownerId: { from: a, to: b },
        memberIds: { from: [a], to: [a, b.toUpperCase()] },
        milestones: { from: null, to: [{ title: '착수', taskId: a }] },
        title: { from: '가', to: '나' },
        dueDate: { from: '2026-01-01', to: '2026-02-01' },
        progress: { from: 10, to: 20 },
      }).sort(),
    ).toEqual([a, b].sort());
  });

  it('has nothing to find in empty or missing changes', () => {
    expect(idsInChanges({})).toEqual([]);
    expect(idsInChanges(null)).toEqual([]);
    expect(idsInChanges({ note: { from: `not ${a}`, to: `${a}x` } })).toEqual([]);
  });
});
