/**
 * How «Журнал администратора» words an entry's changes: one line per field, old → new, with
 * department ids as their codes, roles and yes/no in words. Pure, so it is unit-tested.
 */
import type { JournalEntry, JournalFilters, JournalKind } from '../../api/admin';

export interface ChangeWords {
  /** the field's name as the journal says it (`admin:journal.fields.*`), or the raw name */
  field(name: string): string;
  department(id: string): string;
  role(role: string): string;
  yes: string;
  no: string;
  none: string;
  /** a secret that is set (the journal never holds its value) */
  secret: string;
  /** a secret that was set anew */
  secretChanged: string;
  /** a file the journal names by size and SHA-256 (a letterhead's logo), never by its bytes */
  file(bytes: number, sha256: string): string;
  /** an organisation setting's value in words (a day off, a shift rule), or undefined to show it as is */
  setting?(name: string, value: unknown): string | undefined;
  change(field: string, oldValue: string, newValue: string): string;
  created(field: string, newValue: string): string;
}

const isFile = (value: unknown): value is { bytes: number; sha256: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { bytes?: unknown }).bytes === 'number' &&
  typeof (value as { sha256?: unknown }).sha256 === 'string';

function valueText(name: string, value: unknown, words: ChangeWords): string {
  if (value === null || value === undefined || value === '') return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (value === '[secret]') return words.secret;
  if (value === '[secret changed]') return words.secretChanged;
  const setting = words.setting?.(name, value);
  if (setting !== undefined) return setting;
  if ((name === 'defaultDepartmentId' || name === 'departmentId') && typeof value === 'string')
    return words.department(value);
  // A template's text: its beginning is enough to recognise it.
  if (name === 'body' && typeof value === 'string' && value.length > 120) return `${value.slice(0, 120)}…`;
  if (isFile(value)) return words.file(value.bytes, value.sha256);
  if (name === 'role' && typeof value === 'string') return words.role(value);
  if (Array.isArray(value)) {
    const items =
      name === 'departmentIds' ? value.map((id) => words.department(String(id))) : value.map(String);
    return items.length === 0 ? words.none : items.join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The entry's changed fields, each as «поле: было → стало» (or «поле: значение» when created). */
export function changeLines(entry: Pick<JournalEntry, 'fields'>, words: ChangeWords): string[] {
  return Object.entries(entry.fields).map(([name, change]) => {
    const field = words.field(name);
    const after = valueText(name, change.new, words);
    return change.old === null
      ? words.created(field, after)
      : words.change(field, valueText(name, change.old, words), after);
  });
}

/** The journal's filters from the screen's fields: `YYYY-MM-DD` dates as whole local days. */
export function journalFilters(input: {
  from: string;
  to: string;
  kind: JournalKind | '';
  actorId: string;
}): JournalFilters {
  const day = (value: string) => new Date(`${value}T00:00:00`).getTime();
  const nextDay = (value: string) => {
    const date = new Date(`${value}T00:00:00`);
    date.setDate(date.getDate() + 1);
    return date.getTime();
  };
  return {
    ...(input.from && !Number.isNaN(day(input.from)) ? { from: day(input.from) } : {}),
    ...(input.to && !Number.isNaN(day(input.to)) ? { to: nextDay(input.to) } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
  };
}
