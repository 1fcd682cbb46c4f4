import type { EpochMs } from './primitives';
import type { Role } from './vocabulary';

/** The staff password rule, the same on the server and the sign-in screen. */
export const minPasswordLength = 8;

/** A department of an organisation: the unit appeals are routed to. */
export interface Department {
  id: string;
  orgId: string;
  name: string;
  /** Short code used in registration numbers and reports, e.g. `ЖКХ`. */
  code: string;
  /**
   * The administrator disabled it in «Отделы»: it takes no new appeals or staff, so desktops leave it
   * out of their pickers (`departmentsToPick`), but its name still labels the appeals it had.
   */
  disabled: boolean;
  updatedAt: EpochMs;
}

/** The departments an official may pick: those in use, and any already chosen (kept to be shown). */
export function departmentsToPick<T extends Pick<Department, 'id' | 'disabled'>>(
  departments: readonly T[],
  chosen: readonly string[] = [],
): T[] {
  return departments.filter((department) => !department.disabled || chosen.includes(department.id));
}

/** What every desktop of the organisation may know about a staff member; credentials never leave the server. */
export interface UserProfile {
  id: string;
  orgId: string;
  displayName: string;
  role: Role;
  /** Departments the user works in (a head heads these). Empty for supervisors and admins who see the whole organisation. */
  departmentIds: string[];
  updatedAt: EpochMs;
}
