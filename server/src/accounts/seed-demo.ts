/**
 * The demo organisation for trying Okno out (`npm run server:admin -- seed-demo`, or the server
 * with OKNO_DEMO=1). Demo only: its accounts share one documented password. Idempotent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { repoRoot } from '../config';
import { saveLetterhead } from '../letters/letterhead';
import { seedDemoYear } from '../territories/demo';
import { createDepartment, type Department } from './departments';
import { AccountsError, createOrganisation, findOrganisation, type Organisation } from './organisations';
import { seedDemoAppeals } from './seed-demo-appeals';
import { seedDemoTemplates } from './seed-demo-templates';
import { createUser, type PublicUser } from './users';

export const demoOrganisationName = 'Администрация г. Демо';
export const demoPassword = 'okno-demo';

const demoDepartments = [
  { code: 'ДТ', name: 'Дороги и транспорт' },
  { code: 'ЖКХ', name: 'ЖКХ' },
  { code: 'СЗ', name: 'Социальная защита' },
];

const demoUsers = [
  { login: 'demo-operator', displayName: 'Исполнитель Иванова А. С.', role: 'operator', departments: ['ДТ'] },
  {
    login: 'demo-head',
    displayName: 'Начальник отдела Петров В. Н.',
    role: 'head',
    departments: ['ДТ', 'ЖКХ'],
  },
  {
    login: 'demo-supervisor',
    displayName: 'Куратор ЦУР Сидорова Е. М.',
    role: 'supervisor',
    departments: [],
  },
  { login: 'demo-admin', displayName: 'Администратор Кузнецов Д. И.', role: 'admin', departments: [] },
];

/** The demo letterhead (server/src/letters/letterhead.ts); the logo is Okno's icon. */
export const demoLetterhead = {
  fullName: 'Администрация города Демо Демской области',
  address: 'ул. Ленина, д. 1, г. Демо, Демская обл., 123456',
  contacts: 'тел. (4852) 00-00-00, e-mail: info@demo-city.example, сайт: demo-city.example',
  executorPhone: '(4852) 00-00-01',
  signatories: [
    { position: 'Заместитель главы администрации города', name: 'О. П. Смирнова' },
    { position: 'Глава города Демо', name: 'А. А. Орлов' },
  ],
  outgoingPattern: 'Исх-{N}/{YYYY}',
};

/** What the login screen and `npm start` show while the server runs the demo (OKNO_DEMO=1). */
export const demoHint = {
  organisation: demoOrganisationName,
  password: demoPassword,
  accounts: demoUsers.map(({ login, role, displayName }) => ({ login, role, fullName: displayName })),
};

async function departmentIdsByCode(db: pg.Pool, orgId: string): Promise<Map<string, string>> {
  const result = await db.query<{ code: string; id: string }>(
    'SELECT code, id FROM departments WHERE org_id = $1',
    [orgId],
  );
  return new Map(result.rows.map((row) => [row.code, row.id]));
}

export interface DemoSeed {
  created: boolean;
  organisation: Organisation;
  departments: Department[];
  users: PublicUser[];
}

/**
 * `appeals: false` creates the organisation and its staff only (an empty inbox); `year` adds its
 * territories and a year of closed appeals for «Аналитика» (../territories/demo.ts; with the appeals by default).
 */
export async function seedDemo(
  db: pg.Pool,
  opts: { appeals?: boolean; year?: boolean } = {},
): Promise<DemoSeed> {
  const existing = await findOrganisation(db, demoOrganisationName);
  if (existing) {
    // A demo seeded before the templates existed gets them now (those present are left as they are).
    await seedDemoTemplates(db, existing.id, await departmentIdsByCode(db, existing.id));
    return { created: false, organisation: existing, departments: [], users: [] };
  }
  let organisation: Organisation;
  try {
    organisation = await createOrganisation(db, { name: demoOrganisationName, timeZone: 'Europe/Moscow' });
  } catch (error) {
    // Another process seeded at the same moment.
    if (error instanceof AccountsError && error.code === 'duplicate') {
      return {
        created: false,
        organisation: (await findOrganisation(db, demoOrganisationName))!,
        departments: [],
        users: [],
      };
    }
    throw error;
  }
  const departments: Department[] = [];
  for (const department of demoDepartments) {
    departments.push(await createDepartment(db, { orgId: organisation.id, ...department }));
  }
  await seedDemoTemplates(
    db,
    organisation.id,
    new Map(departments.map((department) => [department.code, department.id])),
  );
  await saveLetterhead(db, organisation.id, {
    ...demoLetterhead,
    logo: readFileSync(path.join(repoRoot, 'resources', 'icons', 'okno.png')),
  });
  const users: PublicUser[] = [];
  for (const user of demoUsers) {
    const created = await createUser(db, { orgId: organisation.id, ...user, password: demoPassword });
    users.push(created.user);
  }
  if (opts.appeals !== false) {
    const supervisor = users.find((user) => user.role === 'supervisor')!;
    const operator = users.find((user) => user.role === 'operator')!;
    await seedDemoAppeals(
      db,
      organisation.id,
      new Map(departments.map((department) => [department.code, department.id])),
      {
        userId: supervisor.id,
        orgId: organisation.id,
        role: 'supervisor',
        departmentIds: [],
        deviceId: null,
      },
      operator.id,
    );
  }
  if (opts.year ?? opts.appeals !== false) {
    await seedDemoYear(
      db,
      organisation.id,
      new Map(departments.map((department) => [department.code, department.id])),
    );
  }
  return { created: true, organisation, departments, users };
}
