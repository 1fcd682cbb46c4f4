import { describe, expect, it } from 'vitest';
import { demoHint } from '../../../../../server/src/accounts/seed-demo';
import { resources } from '../../../../../shared/i18n/resources';
import { roles } from '../../../../../shared/model/roles';

describe('the demo accounts', () => {
  it('defect 13: each demo official is called by the one name of their role', () => {
    for (const account of demoHint.accounts) {
      const role = account.role as (typeof roles)[number];
      expect(account.fullName.startsWith(resources.ru.domain.role[role])).toBe(true);
    }
  });

  it('defect 13: the app bar and the domain vocabulary name each role alike', () => {
    for (const language of ['ru', 'en'] as const)
      for (const role of roles)
        expect(resources[language].app.roles[role]).toBe(resources[language].domain.role[role]);
  });
});
