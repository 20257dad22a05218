import { nominationDisqualification, nominationParties } from './nomination-disqualification.js';

const official = {
  type: 'OFFICIAL' as const,
  nomineeUserIds: ['nominee'],
  nomineeDepartmentIds: [],
  nominatedBy: 'head',
};
const team = {
  type: 'TEAM' as const,
  nomineeUserIds: ['a', 'b'],
  nomineeDepartmentIds: ['teamDept'],
  nominatedBy: 'head',
};
const department = {
  type: 'DEPARTMENT' as const,
  nomineeUserIds: [],
  nomineeDepartmentIds: ['dept'],
  nominatedBy: 'office',
};
const member = (userId: string, dept = 'committee') => ({ userId, departmentIds: [dept] });

describe('제척 in scoring', () => {
  it('names the parties with their roles: nominee, team members, departments, nominator', () => {
    expect(nominationParties(official)).toEqual([
      { role: 'NOMINEE', userId: 'nominee' },
      { role: 'NOMINATOR', userId: 'head' },
    ]);
    expect(nominationParties(team)).toEqual([
      { role: 'TEAM_MEMBER', userId: 'a' },
      { role: 'TEAM_MEMBER', userId: 'b' },
      { role: 'DEPARTMENT', departmentId: 'teamDept' },
      { role: 'NOMINATOR', userId: 'head' },
    ]);
  });

  it('disqualifies the nominee, a team member, a member of a nominated department and the nominator', () => {
    expect(nominationDisqualification(member('nominee'), official)).toBe('NOMINEE');
    expect(nominationDisqualification(member('head'), official)).toBe('NOMINATOR');
    expect(nominationDisqualification(member('b'), team)).toBe('TEAM_MEMBER');
    expect(nominationDisqualification(member('x', 'teamDept'), team)).toBe('DEPARTMENT');
    expect(nominationDisqualification(member('x', 'dept'), department)).toBe('DEPARTMENT');
    expect(nominationDisqualification(member('office'), department)).toBe('NOMINATOR');
  });

  it('leaves everyone else free to score', () => {
    expect(nominationDisqualification(member('x'), official)).toBeNull();
    expect(nominationDisqualification(member('nominee'), team)).toBeNull();
    expect(nominationDisqualification(member('a', 'dept'), official)).toBeNull();
  });
});
