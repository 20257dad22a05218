import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateIf, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode, type ErrorDetail } from '@gwaje/common';
import { fieldLabel } from './field-labels.js';
import { fieldMessage } from './validation-messages.js';

function constraintArgs(
  target: object | undefined,
  property: string,
  constraint: string,
): unknown[] {
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  const meta = metas.find(
    (m) => m.propertyName === property && (m.name === constraint || m.type === constraint),
  );
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

/**
 * Flattens class-validator's tree into one detail per broken field, with dotted field paths and a
 * message that names the field in Korean (field-labels.ts, validation-messages.ts).
 */
export function toDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length) {
      const { code, message } = fieldMessage({
        label: fieldLabel(error.target, error.property),
        property: error.property,
        value: error.value,
        constraints: constraints.map(([name, en]) => ({
          name,
          en,
          args: constraintArgs(error.target, error.property, name),
        })),
      });
      details.push({ field, code, message });
    }
    details.push(...toDetails(error.children ?? [], field));
  }
  return details;
}

/** ARCHITECTURE.md convention 6: whitelist, reject unknown fields, transform; one error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read only to tell a null apart; it never leaves the server.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new DomainError(ErrorCode.VALIDATION_FAILED, undefined, toDetails(errors)),
  });
}

/**
 * The field may be left out, but not sent as null: its other validators run for every value that
 * is present. `@IsOptional()` also waves null through, which is right only for nullable fields.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
