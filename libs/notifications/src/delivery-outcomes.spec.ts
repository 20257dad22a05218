import { DeliveryOutcomes } from './delivery-outcomes.js';

// SECURITY.md: no personal data in job failure reasons or logs. What an SMTP refusal says is kept
// for administrators, without the address it quotes; a failed write becomes the job's
// failedReason without the values it was run with.

describe('DeliveryOutcomes', () => {
  const retry = { maxAttempts: 3, retryBaseMs: 60_000 };

  it('stores an SMTP refusal without the recipient address it quotes', async () => {
    const queries: Array<[string, unknown[]]> = [];
    const db = { query: (sql: string, params: unknown[]) => (queries.push([sql, params]), []) };
    const outcomes = new DeliveryOutcomes(db as never, retry);
    outcomes.markFailed('7', '550 5.1.1 <Kim.Cs@mail.gu.go.kr>: Recipient address rejected');
    await outcomes.close();
    expect(queries).toHaveLength(1);
    expect(queries[0][1][1]).toEqual(['550 5.1.1 <[email]>: Recipient address rejected']);
  });

  it('throws a failed write without the values of its statement', async () => {
    const failure = Object.assign(
      new Error('invalid input syntax for type bigint: "lee@gu.go.kr"'),
      {
        parameters: [['lee@gu.go.kr']],
      },
    );
    const db = { query: () => Promise.reject(failure) };
    const outcomes = new DeliveryOutcomes(db as never, retry);
    outcomes.markFailed('7', 'refused');
    const thrown = await outcomes.close().then(
      () => undefined,
      (e: unknown) => e as Error & { parameters?: unknown },
    );
    expect(thrown?.message).toBe('invalid input syntax for type bigint: "[email]"');
    expect(thrown?.stack).not.toContain('lee@');
    expect(thrown?.parameters).toBeUndefined();
  });
});
