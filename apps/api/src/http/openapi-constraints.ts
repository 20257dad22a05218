import { createRequire } from 'node:module';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { DATE } from './dto-helpers.js';

/**
 * The rules class-validator enforces on bodies and queries, written into their OpenAPI schemas
 * (openapi-document.ts), so the document states what the server checks.
 */

// class-transformer keeps @Type's target classes in this store, untyped and not exported by its
// entry point; its entry point is this CommonJS build, so this is the instance the DTOs filled.
const { defaultMetadataStorage } = createRequire(import.meta.url)(
  'class-transformer/cjs/storage.js',
) as {
  defaultMetadataStorage: {
    findTypeMetadata(target: object, property: string): { typeFunction(): unknown } | undefined;
  };
};

// @nestjs/swagger exports the document's type but not its parts.
export type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
export type ParameterObject = Exclude<
  NonNullable<OperationObject['parameters']>[number],
  { $ref: string }
>;
export type RequestBodyObject = Exclude<
  NonNullable<OperationObject['requestBody']>,
  { $ref: string }
>;
export type ResponseObject = Exclude<OperationObject['responses'][string], { $ref: string }>;
export type ReferenceObject = { $ref: string };
export type SchemaObject = Exclude<
  NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string],
  ReferenceObject
>;

/** Class-validator's rules for one property of a DTO class and its ancestors. */
export function rulesOf(type: new () => object, property: string): ValidationMetadata[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((m) => m.propertyName === property);
}

export function isRequired(rules: ValidationMetadata[], fallback: boolean | undefined): boolean {
  if (rules.some((r) => r.type === 'conditionalValidation' || r.name === 'isOptional'))
    return false;
  return rules.some(
    (r) => r.type === 'isDefined' || r.name === 'isDefined' || r.name === 'isNotEmpty',
  )
    ? true
    : (fallback ?? false);
}

/** Writes the constraints class-validator enforces into a property's schema. */
export function constrain(schema: SchemaObject, rules: ValidationMetadata[]): SchemaObject {
  const items = (schema.type === 'array' ? (schema.items ?? {}) : undefined) as
    SchemaObject | undefined;
  for (const rule of rules) {
    const target = rule.each && items && !('$ref' in items) ? items : schema;
    const [a] = (rule.constraints ?? []) as unknown[];
    switch (rule.name ?? '') {
      case 'isInt':
        target.type = 'integer';
        break;
      case 'min':
        target.minimum = Number(a);
        break;
      case 'max':
        target.maximum = Number(a);
        break;
      case 'minLength':
        target.minLength = Number(a);
        break;
      case 'maxLength':
        target.maxLength = Number(a);
        break;
      case 'isNotEmpty':
        if (target.type === 'string') target.minLength = Math.max(target.minLength ?? 0, 1);
        break;
      case 'matches':
        if (a instanceof RegExp) {
          target.pattern = a.source;
          if (a.source === DATE.source) target.format = 'date';
        }
        break;
      case 'isUuid':
      case 'isUUID':
        target.format = 'uuid';
        break;
      case 'isEmail':
        target.format = 'email';
        break;
      case 'isIn':
        if (Array.isArray(a)) target.enum = [...(a as unknown[])];
        break;
      case 'isEnum':
        if (a && typeof a === 'object') target.enum = [...new Set(Object.values(a))];
        break;
      case 'twoDecimals':
        target.multipleOf = 0.01;
        break;
      case 'arrayMinSize':
        schema.minItems = Number(a);
        break;
      case 'arrayNotEmpty':
        schema.minItems = Math.max(schema.minItems ?? 0, 1);
        break;
      case 'arrayMaxSize':
        schema.maxItems = Number(a);
        break;
      case 'arrayUnique':
        schema.uniqueItems = true;
        break;
    }
  }
  for (const target of [schema, items]) {
    if (target?.type === 'integer' && !target.format)
      target.format = int32(target) ? 'int32' : 'int64';
  }
  return schema;
}

const int32 = ({ minimum, maximum }: SchemaObject): boolean =>
  minimum !== undefined && maximum !== undefined && minimum >= -(2 ** 31) && maximum < 2 ** 31;

/** A request body's component schema, and the nested DTOs it validates, made to match the rules. */
export function constrainObject(
  document: OpenAPIObject,
  schema: SchemaObject,
  type: new () => object,
  seen = new Set<unknown>(),
): void {
  if (seen.has(type)) return;
  seen.add(type);
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const required = new Set(schema.required ?? []);
  for (const [property, value] of Object.entries(schema.properties ?? {}) as [
    string,
    SchemaObject | ReferenceObject,
  ][]) {
    const rules = metadata.filter((m) => m.propertyName === property);
    if (!rules.length) continue;
    if (isRequired(rules, required.has(property))) required.add(property);
    else required.delete(property);
    if ('$ref' in value) continue;
    constrain(value, rules);
    // A nested DTO (one or a list) is validated by its own class, which @Type names.
    const ref = ((value.items ?? value.allOf?.[0]) as ReferenceObject | undefined)?.$ref;
    const nestedType = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction();
    const child = ref
      ? (document.components?.schemas?.[ref.split('/').pop()!] as SchemaObject)
      : undefined;
    if (
      child &&
      typeof nestedType === 'function' &&
      rules.some((r) => r.type === 'nestedValidation')
    ) {
      constrainObject(document, child, nestedType as new () => object, seen);
    }
  }
  schema.required = [...required];
  if (!schema.required.length) delete schema.required;
}
