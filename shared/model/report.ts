/**
 * The reports the server computes (server/src/reports, issue 14) as its routes serve them and the
 * desktop shows, prints and keeps for offline reading: the monthly ССТУ.РФ report and on-time
 * performance. Times are epoch milliseconds; periods are [from, to) instants of the organisation's zone.
 */
import { type SstuResult, sstuResults } from '../domain/classifier/results';

const reportKinds = ['sstu', 'on-time'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** A result column of the ССТУ report; `none` counts appeals closed without a recorded result. */
export type SstuColumn = SstuResult | 'none';
export const sstuColumns: readonly SstuColumn[] = [...sstuResults, 'none'];
export type SstuCounts = Record<SstuColumn, number> & { total: number };

/** «Поддержано» on the portal includes «в т.ч. меры приняты». */
const supportedTotal = (counts: SstuCounts) => counts.supported + counts.supported_measures_taken;

/**
 * The result columns of the ССТУ table on the screen and in the XLSX, after «Всего» and «Поддержано
 * (всего)»: every result in the order of shared/domain/classifier/results.ts but `supported`, which
 * the «всего» column already holds, then `none`.
 */
export const sstuResultColumns: readonly SstuColumn[] = sstuColumns.filter(
  (column) => column !== 'supported',
);

/** The numbers of a ССТУ row in column order: «Всего», «Поддержано (всего)», then `sstuResultColumns`. */
export const sstuCountCells = (counts: SstuCounts): number[] => [
  counts.total,
  supportedTotal(counts),
  ...sstuResultColumns.map((column) => counts[column]),
];

export interface SstuRow {
  /** the question code; null: forwarded without a code */
  code: string | null;
  title: string | null;
  /** section, subject, topic titles above the question */
  path: string[];
  counts: SstuCounts;
}

export interface SstuCorrection {
  appealId: string;
  registrationNumber: string | null;
  classifierCode: string | null;
  closedAt: number;
  departmentId: string;
}

export interface SstuNumbers {
  rows: SstuRow[];
  sections: { code: string; title: string; counts: SstuCounts }[];
  totals: SstuCounts;
  corrections: SstuCorrection[];
}

export interface ReportFinal {
  version: number;
  madeAt: number;
  madeById: string;
  madeByName: string | null;
  edition: string;
  total: number;
}

export interface ReportHeading {
  organisationName: string;
  timeZone: string;
  period: { from: number; to: number };
  /** when the server computed it */
  computedAt: number;
  /** a head's report covers their departments only; null: the organisation */
  departmentIds: string[] | null;
}

export interface SstuReport extends ReportHeading, SstuNumbers {
  kind: 'sstu';
  month: string;
  edition: { edition: string; sample: boolean };
  final: ReportFinal | null;
  departmentNames: Record<string, string>;
}

export const onTimeDimensions = ['department', 'executor', 'channel', 'regime'] as const;
export type OnTimeDimension = (typeof onTimeDimensions)[number];

export interface OnTimeRow {
  /** department or user id, channel or regime; '' — not routed / nobody assigned; null on the total row */
  key: string | null;
  answered: number;
  onTime: number;
  late: number;
  withoutTerm: number;
  /** per cent of answered with a term, one decimal; null when none */
  onTimeShare: number | null;
  /** hours, one decimal; null when none answered */
  averageHours: number | null;
  p90Hours: number | null;
  extended: number;
  forwarded: number;
  overdueNow: number;
}

/** The number columns of an on-time table on the screen and in the XLSX, after the row's label. */
export const onTimeColumns = [
  'answered',
  'onTime',
  'late',
  'withoutTerm',
  'onTimeShare',
  'averageHours',
  'p90Hours',
  'extended',
  'forwarded',
  'overdueNow',
] as const satisfies readonly (keyof OnTimeRow)[];

export interface OnTimeReport extends ReportHeading {
  kind: 'on-time';
  from: string;
  to: string;
  breakdowns: Record<OnTimeDimension, OnTimeRow[]>;
  departmentNames: Record<string, string>;
  executorNames: Record<string, string>;
}

export type Report = SstuReport | OnTimeReport;

/** The i18n key (with its namespace) naming a row of an on-time breakdown; `name` for departments and executors. */
export function onTimeRowLabel(
  report: Pick<OnTimeReport, 'departmentNames' | 'executorNames'>,
  dimension: OnTimeDimension,
  key: string | null,
): { key: string } | { name: string } {
  if (key === null) return { key: 'reports:onTime.total' };
  switch (dimension) {
    case 'department':
      if (key === '') return { key: 'reports:onTime.unrouted' };
      return key in report.departmentNames
        ? { name: report.departmentNames[key]! }
        : { key: 'reports:onTime.unknown' };
    case 'executor':
      if (key === '') return { key: 'reports:onTime.unassigned' };
      return key in report.executorNames
        ? { name: report.executorNames[key]! }
        : { key: 'reports:onTime.unknown' };
    case 'channel':
      return { key: `domain:channel.${key}` };
    case 'regime':
      return { key: `domain:regime.${key}` };
  }
}
