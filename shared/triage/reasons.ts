/**
 * The reason (`because`) of a department suggestion made before the organisation's learner knows
 * anything: the channel account's default department (server/src/triage `triageAppeal`). Not a stem:
 * the desktop names it in words (i18n `triage:department.fromChannel`).
 */
export const departmentFromChannel = '@channel-default';

/**
 * The reason of a department suggestion taken from the organisation's category map: the responsible
 * department of the suggested working category (shared/triage/department-choice.ts), named in words by
 * the desktop (i18n `triage:department.fromCategoryMap`).
 */
export const departmentFromCategoryMap = '@category-map';
