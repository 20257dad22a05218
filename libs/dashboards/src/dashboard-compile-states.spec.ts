import {
  afterFailedAttempt,
  COMPILE_ACTIONS,
  COMPILE_STATES,
  type CompileAction,
  type CompileState,
  compileErrorText,
  compileStatesAllowing,
  isFinalCompileState,
  isPassingFailure,
  nextCompileState,
} from './dashboard-compile-states.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('the compile request state machine', () => {
  // The whole table, written out: every (state, action) pair and where it leads (null: refused).
  const EXPECTED: Record<CompileState, Record<CompileAction, CompileState | null>> = {
    QUEUED: { start: 'RUNNING', retry: null, succeed: null, fail: null },
    RUNNING: { start: 'RUNNING', retry: 'RUNNING', succeed: 'DONE', fail: 'FAILED' },
    DONE: { start: null, retry: null, succeed: null, fail: null },
    FAILED: { start: null, retry: null, succeed: null, fail: null },
  };
  const pairs = COMPILE_STATES.flatMap((s) => COMPILE_ACTIONS.map((a) => [s, a] as const));

  it.each(pairs)('%s --%s--> as the table says', (state, action) => {
    expect(nextCompileState(state, action)).toBe(EXPECTED[state][action]);
  });

  it('has DONE and FAILED final, QUEUED and RUNNING not', () => {
    expect(COMPILE_STATES.filter(isFinalCompileState)).toEqual(['DONE', 'FAILED']);
  });

  it('never goes back to QUEUED (one queued request per organisation-year is what coalesces)', () => {
    for (const [state, action] of pairs) expect(nextCompileState(state, action)).not.toBe('QUEUED');
  });

  it('names the states each action is taken from', () => {
    expect(compileStatesAllowing('start')).toEqual(['QUEUED', 'RUNNING']);
    expect(compileStatesAllowing('retry')).toEqual(['RUNNING']);
    expect(compileStatesAllowing('succeed')).toEqual(['RUNNING']);
    expect(compileStatesAllowing('fail')).toEqual(['RUNNING']);
  });
});

describe('a failed compile attempt', () => {
  const passing = [
    ['deadlock (40P01)', withCode('40P01')],
    ['serialization failure (40001)', withCode('40001')],
    ['lock timeout (55P03)', withCode('55P03')],
    ['statement timeout (57014)', withCode('57014')],
    ['database restarting (57P03)', withCode('57P03')],
    ['connection refused', withCode('ECONNREFUSED')],
    ['lost connection', new Error('Connection terminated unexpectedly')],
  ] as const;
  const lasting = [
    ['a raised exception (P0001)', withCode('P0001', 'snapshot refused')],
    ['an undefined column (42703)', withCode('42703')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'year')")],
  ] as const;

  it.each(passing)('is retried while attempts are left: %s', (_, error) => {
    expect(isPassingFailure(error)).toBe(true);
    expect(afterFailedAttempt(error, { number: 1, of: 5 })).toBe('retry');
    expect(afterFailedAttempt(error, { number: 4, of: 5 })).toBe('retry');
  });

  it.each(passing)('fails the request on the last attempt: %s', (_, error) => {
    expect(afterFailedAttempt(error, { number: 5, of: 5 })).toBe('fail');
    expect(afterFailedAttempt(error, { number: 1, of: 1 })).toBe('fail');
  });

  it.each(lasting)(
    'fails the request at once (a retry would fail the same way): %s',
    (_, error) => {
      expect(isPassingFailure(error)).toBe(false);
      expect(afterFailedAttempt(error, { number: 1, of: 5 })).toBe('fail');
    },
  );

  it('records the message, at most 1,000 characters, never an empty one', () => {
    expect(compileErrorText(new Error('snapshot refused'))).toBe('snapshot refused');
    expect(compileErrorText(new Error('x'.repeat(5000)))).toHaveLength(1000);
    expect(compileErrorText(new Error(''))).toBe('unknown error');
    expect(compileErrorText('plain')).toBe('plain');
  });
});
