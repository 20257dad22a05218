import { Transform } from 'class-transformer';

/** Input helpers shared by the request DTOs. */

/** A calendar date as in inputs: 2026-11-22 (checked for a real day below). */
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
export const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
export const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

/** Rejects impossible days such as 2026-02-30 that the pattern lets through. */
export function RealDate(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string' || !DATE.test(value)) return value;
    const d = new Date(`${value}T00:00:00Z`);
    return d.toISOString().slice(0, 10) === value ? value : `${value} (invalid)`;
  });
}
