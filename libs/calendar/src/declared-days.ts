import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Days declared closed in Gwaje itself (issue 25), on top of the gazette data of the holiday
 * package: a national holiday a system administrator declares before a package release has it
 * (임시공휴일, an amendment of 관공서의 공휴일에 관한 규정), or one organisation's closure (재량휴업).
 * Declarations only close days; where one and the package both speak of a date, the declaration
 * is the source shown, and the day is closed either way, so a package upgrade that later brings
 * the same day changes no deadline twice.
 */
export interface DeclaredDay {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  name: string;
  /** null: a national holiday, for every organisation; else that organisation's closure. */
  organisationId: string | null;
}

/** The declarations in force, as one calendar sees them: national ones and closures by organisation. */
export class DeclaredDays {
  private readonly national = new Map<string, DeclaredDay>();
  private readonly closures = new Map<string, Map<string, DeclaredDay>>();

  constructor(days: Iterable<DeclaredDay> = []) {
    for (const day of days) this.add(day);
  }

  /** The declaration closing `date` for `organisationId`: its own closure first, then a national one. */
  of(date: string, organisationId?: string | null): DeclaredDay | undefined {
    return (
      (organisationId ? this.closures.get(organisationId)?.get(date) : undefined) ??
      this.national.get(date)
    );
  }

  /** A copy with one more declaration (to compare deadlines before and after it). */
  with(day: DeclaredDay): DeclaredDays {
    return new DeclaredDays([...this.all(), day]);
  }

  /** A copy without the declaration of this id. */
  without(id: string): DeclaredDays {
    return new DeclaredDays(this.all().filter((d) => d.id !== id));
  }

  all(): DeclaredDay[] {
    return [
      ...this.national.values(),
      ...[...this.closures.values()].flatMap((m) => [...m.values()]),
    ];
  }

  private add(day: DeclaredDay): void {
    if (!day.organisationId) {
      this.national.set(day.date, day);
      return;
    }
    let own = this.closures.get(day.organisationId);
    if (!own) this.closures.set(day.organisationId, (own = new Map<string, DeclaredDay>()));
    own.set(day.date, day);
  }
}

/**
 * The declarations every business-day computation of this process uses: loaded from the database
 * at start-up and reloaded on every change (DeclaredDaysRegistry), so the arithmetic stays
 * synchronous.
 */
let inForce = new DeclaredDays();

export function useDeclaredDays(days: DeclaredDays): void {
  inForce = days;
}

export function declaredDays(): DeclaredDays {
  return inForce;
}

/**
 * The organisation whose closures count in the business-day arithmetic of the current async
 * context: set around each request (by the signed-in user's organisation) and each per-organisation
 * job, so the ~30 places that count business days need not each be given an organisation.
 */
const calendarOrganisation = new AsyncLocalStorage<string>();

export function inOrganisationCalendar<T>(organisationId: string, fn: () => T): T {
  return calendarOrganisation.run(organisationId, fn);
}

export function currentCalendarOrganisation(): string | undefined {
  return calendarOrganisation.getStore();
}
