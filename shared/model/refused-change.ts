import type { EpochMs } from './primitives';

/**
 * A local change the server refused (docs/ARCHITECTURE.md, "Nothing refused is lost"). Kept only on the
 * desktop that made it, until the user copies, re-sends or discards it; never replicated.
 */
export interface RefusedChange {
  id: string;
  /** The replicated collection the change was for, e.g. `appeals` (`collection` is reserved by RxDB). */
  collectionName: string;
  documentId: string;
  /** Why, as an i18n key with parameters (same shape as a DomainError). */
  reason: { code: string; params?: Record<string, string | number> };
  /** The refused document state, exactly as the user left it. */
  content: Record<string, unknown>;
  at: EpochMs;
}
