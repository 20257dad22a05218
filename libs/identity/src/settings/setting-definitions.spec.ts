import { join } from 'node:path';
import { loadConfig } from '@gwaje/config';
import {
  isAdminOnlySetting,
  isSettingKey,
  SETTING_DEFINITIONS,
  settingValueProblem,
  type SettingDefinition,
} from './setting-definitions.js';

const integer: SettingDefinition = {
  kind: 'integer',
  min: 3,
  max: 20,
  label: { ko: '테스트', en: 'test' },
};

describe('settingValueProblem (integer)', () => {
  it('accepts the bounds themselves (inclusive)', () => {
    expect(settingValueProblem(integer, 3)).toBeNull();
    expect(settingValueProblem(integer, 20)).toBeNull();
    expect(settingValueProblem(integer, 10)).toBeNull();
  });

  it.each([
    ['min - 1', 2],
    ['max + 1', 21],
    ['a fraction', 5.5],
    ['a numeric string', '5'],
    ['null', null],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['a boolean', true],
  ])('reports a problem for %s', (_label, value) => {
    expect(settingValueProblem(integer, value)).not.toBeNull();
  });

  it('explains the problem in Korean and English, naming the bounds', () => {
    expect(settingValueProblem(integer, 21)).toEqual({
      ko: '3부터 20까지의 정수여야 합니다.',
      en: 'must be an integer from 3 to 20',
    });
  });

  it('uses the bounds of the definition it is given', () => {
    const problem = settingValueProblem(SETTING_DEFINITIONS['security.passwordMinLength'], 7);
    expect(problem?.ko).toContain('8');
    expect(problem?.ko).toContain('128');
    expect(problem?.en).toContain('8');
    expect(problem?.en).toContain('128');
  });
});

describe('settingValueProblem (boolean and enum)', () => {
  const bool: SettingDefinition = { kind: 'boolean', label: { ko: 'b', en: 'b' } };
  const choice: SettingDefinition = {
    kind: 'enum',
    values: ['DAILY', 'WEEKLY'],
    label: { ko: 'e', en: 'e' },
  };

  it('boolean accepts true/false only', () => {
    expect(settingValueProblem(bool, true)).toBeNull();
    expect(settingValueProblem(bool, false)).toBeNull();
    expect(settingValueProblem(bool, 'true')).toEqual({
      ko: 'true 또는 false여야 합니다.',
      en: 'must be true or false',
    });
  });

  it('enum accepts listed values only and names them', () => {
    expect(settingValueProblem(choice, 'WEEKLY')).toBeNull();
    expect(settingValueProblem(choice, 'weekly')).toEqual({
      ko: '다음 중 하나여야 합니다: DAILY, WEEKLY',
      en: 'must be one of DAILY, WEEKLY',
    });
  });
});

describe('isSettingKey', () => {
  it('knows defined keys', () => {
    expect(isSettingKey('security.lockoutThreshold')).toBe(true);
    expect(isSettingKey('security.passwordMinLength')).toBe(true);
  });

  it('rejects unknown keys', () => {
    expect(isSettingKey('nope')).toBe(false);
    expect(isSettingKey('security')).toBe(false);
    expect(isSettingKey('')).toBe(false);
  });

  it('rejects inherited Object.prototype keys', () => {
    expect(isSettingKey('__proto__')).toBe(false);
    expect(isSettingKey('toString')).toBe(false);
    expect(isSettingKey('constructor')).toBe(false);
    expect(isSettingKey('hasOwnProperty')).toBe(false);
  });
});

describe('SETTING_DEFINITIONS against config/default.yaml', () => {
  const config = loadConfig({ env: {}, configDir: join(process.cwd(), 'config') });
  const defaults = config.settings;
  const keys = Object.keys(SETTING_DEFINITIONS) as Array<keyof typeof SETTING_DEFINITIONS>;

  it('has at least the security settings SECURITY.md names', () => {
    expect(keys).toEqual(
      expect.arrayContaining([
        'security.passwordMinLength',
        'security.lockoutThreshold',
        'security.lockoutMinutes',
        'security.accessTokenMinutes',
        'security.idleTimeoutMinutes',
        'security.accessLogRetentionYears',
        'security.permissionLogRetentionYears',
      ]),
    );
  });

  it.each(keys)('%s has a valid default in the settings: block', (key) => {
    expect(Object.hasOwn(defaults, key)).toBe(true);
    expect(settingValueProblem(SETTING_DEFINITIONS[key], defaults[key])).toBeNull();
  });

  it('has no default for a key that is not defined', () => {
    expect(Object.keys(defaults).filter((k) => !isSettingKey(k))).toEqual([]);
  });

  it('has the SECURITY.md default values', () => {
    expect(defaults).toMatchObject({
      'security.passwordMinLength': 10,
      'security.lockoutThreshold': 5,
      'security.lockoutMinutes': 30,
      'security.accessTokenMinutes': 15,
      'security.idleTimeoutMinutes': 30,
      'security.accessLogRetentionYears': 2,
      'security.permissionLogRetentionYears': 3,
    });
  });

  it('every definition has Korean and English labels', () => {
    for (const key of keys) {
      const def: SettingDefinition = SETTING_DEFINITIONS[key];
      expect(def.label.ko.length).toBeGreaterThan(0);
      expect(def.label.en.length).toBeGreaterThan(0);
      if (def.kind === 'integer') expect(def.min).toBeLessThanOrEqual(def.max);
    }
  });
});

describe('isAdminOnlySetting (separation of duties)', () => {
  it('is every security.* setting and nothing else', () => {
    const keys = Object.keys(SETTING_DEFINITIONS);
    expect(keys.filter(isAdminOnlySetting)).toEqual(keys.filter((k) => k.startsWith('security.')));
    expect(keys.filter(isAdminOnlySetting)).toHaveLength(7);
    expect(isAdminOnlySetting('reports.dueBusinessDays')).toBe(false);
  });

  it('is not an unknown key, which stays a 400 (knownSetting)', () => {
    expect(isAdminOnlySetting('security.nope')).toBe(false);
  });
});
