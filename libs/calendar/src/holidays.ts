import * as gazette from '@hyunbinseo/holidays-kr/all';

/**
 * Korean public holidays as published in the official gazette (관보), substitute and temporary
 * holidays included, from the maintained `@hyunbinseo/holidays-kr` package. Rule-based
 * calculators get lunar and substitute days wrong, so years the package has not published yet are
 * refused rather than guessed: upgrading the package extends the range.
 */
const HOLIDAYS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.values(gazette).flatMap((year) => Object.entries(year)),
);

const years = [...HOLIDAYS.keys()].map((d) => Number(d.slice(0, 4)));
/** The first and last year whose holidays are known. */
export const HOLIDAY_YEARS = { first: Math.min(...years), last: Math.max(...years) } as const;

export function holidaysKnownFor(year: number): boolean {
  return year >= HOLIDAY_YEARS.first && year <= HOLIDAY_YEARS.last;
}

/** The holiday names of a date (YYYY-MM-DD), empty on an ordinary day. */
export function holidayNames(date: string): readonly string[] {
  return HOLIDAYS.get(date) ?? [];
}
