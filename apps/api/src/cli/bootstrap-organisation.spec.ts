import { loadConfig } from '@gwaje/config';
import {
  askOrganisation,
  chooseOrganisation,
  parseOrganisationKind,
} from './bootstrap-organisation.js';

/** A terminal that answers the questions in order and keeps what was said. */
function terminal(answers: string[]) {
  const asked: string[] = [];
  const said: string[] = [];
  return {
    asked,
    said,
    closed: false,
    question(prompt: string) {
      asked.push(prompt);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`no answer left for ${prompt}`);
      return Promise.resolve(answer);
    },
    say(line: string) {
      said.push(line);
    },
    close() {
      this.closed = true;
    },
  };
}

const config = (env: Record<string, string> = {}) =>
  loadConfig({ env: { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...env } });

describe('parseOrganisationKind', () => {
  it('reads a number of the list, a code in any case, or the Korean name', () => {
    expect(parseOrganisationKind('1')).toBe('CENTRAL_AGENCY');
    expect(parseOrganisationKind(' 2 ')).toBe('METROPOLITAN');
    expect(parseOrganisationKind('public_institution')).toBe('PUBLIC_INSTITUTION');
    expect(parseOrganisationKind('시·군·구')).toBe('LOCAL');
    expect(parseOrganisationKind('시군구')).toBe('LOCAL');
    expect(parseOrganisationKind('교육청')).toBe('EDUCATION_OFFICE');
  });

  it('is null for anything else', () => {
    for (const text of ['0', '6', 'CITY', '광역시', ''])
      expect([text, parseOrganisationKind(text)]).toEqual([text, null]);
  });
});

describe('askOrganisation', () => {
  it('asks again until the kind is one of the list (saying which are), and takes the defaults on Enter', async () => {
    const t = terminal(['서울특별시', '광역시', '2']);
    expect(await askOrganisation({ name: null, kind: null }, t)).toEqual({
      name: '서울특별시',
      kind: 'METROPOLITAN',
    });
    expect(t.asked).toHaveLength(3);
    expect(t.said.join('\n')).toContain('알 수 없는 기관 종류입니다: 광역시');
    expect(t.said.join('\n')).toContain('2) 시·도 (METROPOLITAN)');

    const blank = terminal(['', '']);
    expect(await askOrganisation({ name: null, kind: null }, blank)).toEqual({
      name: '기본 기관',
      kind: 'LOCAL',
    });
  });

  it('asks only for what the configuration left open', async () => {
    const t = terminal(['3']);
    expect(await askOrganisation({ name: '노원구', kind: null }, t)).toEqual({
      name: '노원구',
      kind: 'LOCAL',
    });
    expect(t.asked).toHaveLength(1);
  });
});

describe('chooseOrganisation', () => {
  it('takes ORGANISATION_NAME and ORGANISATION_KIND without asking', async () => {
    const said: string[] = [];
    let asked = false;
    const ask = () => {
      asked = true;
      return terminal([]);
    };
    expect(
      await chooseOrganisation(
        config({ ORGANISATION_NAME: '행정안전부', ORGANISATION_KIND: 'CENTRAL_AGENCY' }),
        ask,
        (l) => said.push(l),
      ),
    ).toEqual({ name: '행정안전부', kind: 'CENTRAL_AGENCY' });
    expect(asked).toBe(false);
    expect(said).toEqual([]);
  });

  it('asks on a terminal and closes it', async () => {
    const t = terminal(['부산광역시']);
    expect(
      await chooseOrganisation(
        config({ ORGANISATION_KIND: 'METROPOLITAN' }),
        () => t,
        () => {},
      ),
    ).toEqual({ name: '부산광역시', kind: 'METROPOLITAN' });
    expect(t.closed).toBe(true);
  });

  it('without a terminal: the default, and one line saying so and how to choose', async () => {
    const said: string[] = [];
    expect(await chooseOrganisation(config(), null, (l) => said.push(l))).toEqual({
      name: '기본 기관',
      kind: 'LOCAL',
    });
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('ORGANISATION_NAME/ORGANISATION_KIND not set and no terminal to ask');
    expect(said[0]).toContain('set ORGANISATION_NAME and ORGANISATION_KIND');
  });
});
