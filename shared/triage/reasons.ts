/**
 * The reason (`because`) of a department suggestion made before the organisation's learner knows
 * anything: the channel account's default department (server/src/triage `triageAppeal`). Not a stem:
 * the desktop names it in words (i18n `triage:department.fromChannel`).
 */
export const departmentFromChannel = '@channel-default';
