import { parseRoles } from './auth.service.js';

describe('parseRoles', () => {
  it('passes an array through', () => {
    expect(parseRoles(['STAFF', 'AUDITOR'])).toEqual(['STAFF', 'AUDITOR']);
  });

  it("parses pg's array literal of an enum", () => {
    expect(parseRoles('{STAFF,ADMIN}')).toEqual(['STAFF', 'ADMIN']);
  });

  it('parses a single role', () => {
    expect(parseRoles('{COMMITTEE}')).toEqual(['COMMITTEE']);
  });

  it('parses the empty array literal to no roles', () => {
    expect(parseRoles('{}')).toEqual([]);
  });
});
