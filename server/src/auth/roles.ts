/** The role policy is shared with the desktop and the status machine: shared/model/roles.ts. */
export { isRole, organisationWideRoles, type Role } from '../../../shared/model/roles';
