import { addDays, isBusinessDay, nthBusinessDayBefore } from '@gwaje/calendar';

/**
 * Which deadlines a reminder run on `today` is about. "D-5 business days" is sent on the 5th
 * business day before the deadline; a deadline on a weekend or holiday counts back from there, so a
 * Friday run also covers Saturday's and Sunday's deadlines.
 */
export function deadlinesRemindedOn(
  today: string,
  businessDaysBefore: number,
  horizon = 60,
): string[] {
  const due: string[] = [];
  for (let d = addDays(today, 1); d <= addDays(today, horizon); d = addDays(d, 1)) {
    if (nthBusinessDayBefore(d, businessDaysBefore) === today) due.push(d);
  }
  return due;
}

/**
 * Overdue reminders: on business day D+1 after the deadline, then every `every` business days.
 * Returns the deadlines (within `horizon` calendar days back) that are overdue by 1, 1+every, …
 * business days today, each with that count.
 */
export function overdueRemindedOn(
  today: string,
  every: number,
  horizon = 400,
): Array<{ dueDate: string; businessDaysLate: number }> {
  const result: Array<{ dueDate: string; businessDaysLate: number }> = [];
  if (!isBusinessDay(today)) return result;
  // Walk back from yesterday, counting the business days between each deadline and today.
  let late = 1; // business days from the deadline to today, counting today
  for (let d = addDays(today, -1); d >= addDays(today, -horizon); d = addDays(d, -1)) {
    if ((late - 1) % every === 0) result.push({ dueDate: d, businessDaysLate: late });
    if (isBusinessDay(d)) late++;
  }
  return result;
}
