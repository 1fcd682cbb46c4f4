export { createDepartment, type Department, listDepartments, resolveDepartments } from './departments';
export {
  AccountsError,
  createOrganisation,
  defaultSettings,
  findOrganisation,
  type Organisation,
  type OrganisationSettings,
  requireOrganisation,
} from './organisations';
export { type CreateUserInput, createUser, findUser, listUsers, type PublicUser } from './users';
