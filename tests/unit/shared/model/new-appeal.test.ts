import { Ajv } from 'ajv';
import { newAppeal } from '../../../../shared/model/new-appeal';
import { noDueAt } from '../../../../shared/model/primitives';
import { regimes } from '../../../../shared/model/vocabulary';
import { appealSchema } from '../../../../shared/schemas/appeals';

const base = {
  id: 'appeal-1',
  orgId: 'org-1',
  channel: 'reception' as const,
  applicant: {
    applicantId: null,
    name: { lastName: 'Соколов', firstName: 'Иван', patronymic: 'Петрович' },
    contacts: { phone: '+79161234567', email: null, postalAddress: '123456, г. Демо, ул. Мира, 1' },
    identification: 'in-person-document' as const,
    passportMasked: '45 ** ***456',
    nameMatch: { verdict: 'not_checked' as const, profileName: null, checkedAt: null },
  },
  subject: 'Нет горячей воды',
  text: 'Третью неделю нет горячей воды.',
  receivedAt: Date.UTC(2026, 10, 20, 9),
  departmentId: 'dept-1',
  conversationId: '',
};

describe('newAppeal', () => {
  const validate = new Ajv({ strict: false }).compile(appealSchema);

  it.each(regimes)(
    'starts a %s in its initial status, unregistered, unassigned, with no deadline',
    (regime) => {
      const appeal = newAppeal({ ...base, regime });
      expect(appeal.status).toBe(regime === 'formal' ? 'received' : 'new');
      expect(appeal.registrationNumber).toBeNull();
      expect(appeal.assigneeId).toBe('');
      expect(appeal.dueAt).toBe(noDueAt);
      expect(appeal.legalDeadline).toBeNull();
      expect(appeal.updatedAt).toBe(base.receivedAt);
      expect(validate(appeal), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('keeps the default of a kind field given as undefined, and takes the given ones', () => {
    const appeal = newAppeal({
      ...base,
      regime: 'formal',
      kind: { form: undefined, collective: true, complaintAgainst: 'МУП «Водоканал»' },
    });
    expect(appeal.kind).toEqual({
      collective: true,
      applicantType: 'citizen',
      form: null,
      organisationName: null,
      inn: null,
      coSigners: [],
      complaintAgainst: 'МУП «Водоканал»',
    });
    expect(validate(appeal), JSON.stringify(validate.errors)).toBe(true);
  });
});
