import { DomainError } from '@gwaje/common';
import type { Tx } from '@gwaje/db';
import { OpinionRequestsService } from './opinion-requests.service.js';

// The committee's port (agendaFacts, committeeResolved) against a recording transaction: which
// statements it runs with which values, what history and outbox rows it writes.

interface Call {
  sql: string;
  params: unknown[];
}

function fakeTx(answers: unknown[][]): { tx: Tx; calls: Call[] } {
  const calls: Call[] = [];
  const tx = {
    manager: {
      query: (sql: string, params: unknown[] = []) => {
        calls.push({ sql, params });
        if (sql.trimStart().startsWith('UPDATE')) return Promise.resolve([[], 1]);
        return Promise.resolve(answers.shift() ?? []);
      },
    },
  } as unknown as Tx;
  return { tx, calls };
}

function service() {
  const history: unknown[] = [];
  const outbox: unknown[] = [];
  const svc = new OpinionRequestsService(
    {} as never,
    {} as never,
    {} as never,
    { record: (_tx: Tx, e: unknown) => Promise.resolve(void history.push(e)) } as never,
    {} as never,
    {} as never,
    { emit: (_tx: Tx, e: unknown) => Promise.resolve(void outbox.push(e)) } as never,
    {} as never,
  );
  return { svc, history, outbox };
}

const row = (status: string, extensionDays: number | null = null) => ({
  organisation_id: 'org',
  status,
  version: 3,
  extension_days: extensionDays,
});

describe('the committee port of 의견제시', () => {
  it('gives the agenda item its title and the requester as the interested party (제척)', async () => {
    const { svc } = service();
    const { tx, calls } = fakeTx([
      [
        {
          requester_id: 'u1',
          code: '2026-07',
          title: '통학로 개선',
          question: '가능한지요?',
          status: 'REFERRED',
        },
      ],
    ]);
    expect(await svc.agendaFacts(tx, 'r1', 'org')).toEqual({
      title: '의견제시: [2026-07] 통학로 개선 — 가능한지요?',
      interestedParties: [{ role: 'REQUESTER', userId: 'u1' }],
    });
    // Scoped to the organisation: another organisation's request is none.
    expect(calls[0].params).toEqual(['r1', 'org']);
    const other = fakeTx([[]]);
    expect(await svc.agendaFacts(other.tx, 'r1', 'org2')).toBeNull();
  });

  it('puts only a request the audit office referred on the agenda', async () => {
    const { svc } = service();
    const { tx } = fakeTx([
      [
        {
          requester_id: 'u1',
          code: '2026-07',
          title: '통학로',
          question: '?',
          status: 'SUBMITTED',
        },
      ],
    ]);
    await expect(svc.agendaFacts(tx, 'r1', 'org')).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('answers a referred request with the resolution’s text and tells the requester', async () => {
    const { svc, history, outbox } = service();
    const { tx, calls } = fakeTx([[row('REFERRED')]]);
    await svc.committeeResolved(tx, 'r1', {
      passed: true,
      text: '가능하다는 의견',
      meetingDate: '2026-12-10',
    });
    const update = calls.find((c) => c.sql.trimStart().startsWith('UPDATE'));
    expect(update?.sql).toContain('WHERE id = $1 AND version = $2');
    expect(update?.params.slice(0, 4)).toEqual([
      'r1',
      3,
      'ANSWERED',
      JSON.stringify({ passed: true, text: '가능하다는 의견', meetingDate: '2026-12-10' }),
    ]);
    expect(update?.params).toContain('가능하다는 의견');
    expect(update?.params).toContain('COMMITTEE');
    expect(history).toMatchObject([
      { recordType: 'opinion_request', action: 'committee.answer', actorId: null },
    ]);
    expect(outbox).toMatchObject([{ event: 'opinion-request.answered', recordId: 'r1' }]);
  });

  it('hands a request the committee did not pass back to the office as it was', async () => {
    for (const [ext, to] of [
      [null, 'SUBMITTED'],
      [10, 'EXTENDED'],
    ] as const) {
      const { svc, history, outbox } = service();
      const { tx, calls } = fakeTx([[row('REFERRED', ext)]]);
      await svc.committeeResolved(tx, 'r1', { passed: false, meetingDate: '2026-12-10' });
      const update = calls.find((c) => c.sql.trimStart().startsWith('UPDATE'));
      expect(update?.params[2]).toBe(to);
      expect(update?.sql).not.toContain('answer');
      expect(history).toMatchObject([{ action: 'committee.return' }]);
      expect(outbox).toEqual([]);
    }
  });

  it('refuses a request that is not before the committee', async () => {
    for (const status of ['SUBMITTED', 'EXTENDED', 'ANSWERED', 'WITHDRAWN']) {
      const { svc } = service();
      const { tx } = fakeTx([[row(status)]]);
      await expect(
        svc.committeeResolved(tx, 'r1', { passed: true, meetingDate: '2026-12-10' }),
      ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    }
    const { svc } = service();
    const { tx } = fakeTx([[]]);
    await expect(
      svc.committeeResolved(tx, 'missing', { passed: true, meetingDate: '2026-12-10' }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});
