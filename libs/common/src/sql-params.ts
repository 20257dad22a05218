/**
 * Positional parameters for raw SQL, so values never enter the text: `add` returns the placeholder
 * (`$1`, `$2`, …) and may be passed on as a callback.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}
