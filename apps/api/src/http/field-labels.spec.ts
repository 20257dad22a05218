import 'reflect-metadata';
import { PartialType } from '@nestjs/swagger';
import { getMetadataStorage, IsString, MinLength, ValidationTypes } from 'class-validator';
import * as auth from '../auth/auth.dto.js';
import * as calendar from '../calendar/calendar.dto.js';
import * as consultations from '../consultations/consultations.dto.js';
import * as contests from '../contests/contests.dto.js';
import * as dashboards from '../dashboards/dashboards.controller.js';
import * as evaluations from '../evaluations/evaluations.dto.js';
import * as history from '../history/history.dto.js';
import * as identity from '../identity/identity.dto.js';
import * as notifications from '../notifications/notifications.controller.js';
import * as reports from '../reports/reports.dto.js';
import * as settings from '../settings/settings.dto.js';
import * as tasks from '../tasks/tasks.dto.js';
import { fieldLabel, FieldLabels, ownFieldLabel, SHARED_FIELD_LABELS } from './field-labels.js';

const MODULES = {
  auth,
  calendar,
  consultations,
  contests,
  dashboards,
  evaluations,
  history,
  identity,
  notifications,
  reports,
  settings,
  tasks,
};

/**
 * Every class that validates request input, exported or not (the modules above register them):
 * all classes in class-validator's storage except the configuration's (libs/config, *Config).
 */
function requestDtos(): Array<{ name: string; dto: new () => object; fields: string[] }> {
  expect(Object.keys(MODULES)).toHaveLength(12);
  const storage = getMetadataStorage();
  const classes = [
    ...(
      storage as unknown as { validationMetadatas: Map<new () => object, unknown> }
    ).validationMetadatas.keys(),
  ].filter((c) => typeof c === 'function' && !c.name.endsWith('Config'));
  return classes.flatMap((value) => {
    const fields = [
      ...new Set(
        storage
          .getTargetValidationMetadatas(value, '', true, false)
          .filter((m) => m.type !== ValidationTypes.WHITELIST)
          .map((m) => m.propertyName),
      ),
    ];
    return fields.length ? [{ name: value.name, dto: value, fields }] : [];
  });
}

describe('field labels', () => {
  it('gives every validated field of every request DTO a Korean label', () => {
    const dtos = requestDtos();
    expect(dtos.length).toBeGreaterThan(60);
    expect(dtos.map((d) => d.name)).toEqual(expect.arrayContaining(['RunRequestDto', 'LoginDto']));
    const missing = dtos.flatMap(({ name, dto, fields }) =>
      fields
        .filter((f) => fieldLabel(new dto(), f) === f || !/[가-힣]/.test(fieldLabel(new dto(), f)))
        .map((f) => `${name}.${f}`),
    );
    expect(missing).toEqual([]);
  });

  it("prefers the DTO's own label to the shared one, and falls back to the property name", () => {
    @FieldLabels({ title: '과제명' })
    class OwnDto {
      @IsString()
      title: string;

      @IsString()
      dueDate: string;

      @IsString()
      zzz: string;
    }
    expect(SHARED_FIELD_LABELS.title).toBe('제목');
    expect(fieldLabel(new OwnDto(), 'title')).toBe('과제명');
    expect(fieldLabel(new OwnDto(), 'dueDate')).toBe('마감일');
    expect(fieldLabel(new OwnDto(), 'zzz')).toBe('zzz');
    expect(ownFieldLabel(new OwnDto(), 'dueDate')).toBeUndefined();
    expect(fieldLabel(undefined, 'title')).toBe('제목');
  });

  it('carries labels through mapped types, and lets a subclass rename a field', () => {
    @FieldLabels({ title: '단계명' })
    class BaseDto {
      @IsString()
      @MinLength(1)
      title: string;
    }
    class PartialDto extends PartialType(BaseDto) {}
    @FieldLabels({ title: '세부 단계명' })
    class RenamedDto extends BaseDto {}
    expect(fieldLabel(new PartialDto(), 'title')).toBe('단계명');
    expect(fieldLabel(new RenamedDto(), 'title')).toBe('세부 단계명');
    expect(fieldLabel(new BaseDto(), 'title')).toBe('단계명');
  });

  it('refuses to label a field that has no validator (a typo would whitelist it)', () => {
    expect(() => {
      @FieldLabels({ titel: '과제명' })
      class TypoDto {
        @IsString()
        title: string;
      }
      return TypoDto;
    }).toThrow(/titel/);
  });
});
