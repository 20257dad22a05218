import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** Input helpers shared by the request DTOs. */

/** A calendar date as in inputs: 2026-11-22 (checked for a real day below). */
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };
/** A reporting period label: 2026-Q2, 2026-M07 or 2026-H1, of a year 2000–2100 like every year field. */
export const PERIOD = /^(20\d{2}|2100)-(M(0[1-9]|1[0-2])|Q[1-4]|H[12])$/;
export const PERIOD_MESSAGE = {
  message: '$property must be a period such as 2026-Q2, 2026-M07 or 2026-H1 (years 2000–2100)',
};
/** What RealDate turns an impossible day into, so that the date pattern refuses it. */
export const INVALID_DAY_SUFFIX = ' (invalid)';
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
    return d.toISOString().slice(0, 10) === value ? value : `${value}${INVALID_DAY_SUFFIX}`;
  });
}

/**
 * A number with at most two decimals. class-validator's `maxDecimalPlaces` throws on numbers it
 * prints in exponent form (5e-324), so the count is made here on the value itself.
 */
export function TwoDecimals(): PropertyDecorator {
  return ValidateBy({
    name: 'twoDecimals',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => '$property must be a number with at most two decimal places',
    },
  });
}
