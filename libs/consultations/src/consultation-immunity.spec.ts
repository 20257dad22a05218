import { immunityPresumed } from './consultation-immunity.js';

describe('immunityPresumed (면책 추정)', () => {
  const base = {
    followUp: 'FOLLOWED' as const,
    privateInterest: false,
    informationWithheld: false,
  };

  it('holds when the opinion was followed, without private interest, with full information', () => {
    expect(immunityPresumed(base)).toBe(true);
  });

  it('does not hold when the requester withheld information the audit unit needed', () => {
    expect(immunityPresumed({ ...base, informationWithheld: true })).toBe(false);
  });

  it('does not hold with a declared private interest, an opinion not followed or no follow-up', () => {
    expect(immunityPresumed({ ...base, privateInterest: true })).toBe(false);
    expect(immunityPresumed({ ...base, followUp: 'NOT_FOLLOWED' })).toBe(false);
    expect(immunityPresumed({ ...base, followUp: null })).toBe(false);
  });
});
