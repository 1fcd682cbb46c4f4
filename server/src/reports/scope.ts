/**
 * Who sees which appeals in a report: supervisors and administrators the whole organisation, a head
 * the departments they belong to (a head of none sees an empty report, never the organisation's).
 * Operators get no reports (403 from the routes' role check).
 */
import type { AuthContext } from '../auth/context';

export interface ReportScope {
  orgId: string;
  /** null: every department of the organisation */
  departmentIds: string[] | null;
}

export function reportScopeOf(auth: AuthContext): ReportScope {
  return { orgId: auth.orgId, departmentIds: auth.role === 'head' ? auth.departmentIds : null };
}
