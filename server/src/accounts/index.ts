export { createDepartment, type Department, listDepartments, resolveDepartments } from './departments';
export {
  AccountsError,
  createOrganisation,
  findOrganisation,
  type Organisation,
  type OrganisationSettings,
  requireOrganisation,
  settingsFor,
} from './organisations';
export { type CreateUserInput, createUser, findUser, listUsers, type PublicUser } from './users';
