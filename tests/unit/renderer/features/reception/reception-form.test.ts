import {
  emptyCoSigner,
  emptyReception,
  passportErrorPlace,
  type ReceptionInput,
  receptionAppeal,
  shownErrors,
  validateReception,
} from '../../../../../renderer/features/reception/reception-form';
import { oknoCollections } from '../../../../../shared/schemas/collections';
import { openDatabase, uniqueDatabaseName } from '../../../shared/schemas/rxdb-harness';

const card = (overrides: Partial<ReceptionInput> = {}): ReceptionInput => ({
  ...emptyReception,
  fullName: 'петров иван сергеевич',
  passportSeries: '45 03',
  passportNumber: '987654',
  phone: '8 (912) 345-67-89',
  postalAddress: '170000, г. Тверь, ул. Советская, д. 1, кв. 2',
  category: 'roads',
  text: 'Яма на дороге у дома 5.\nПрошу отремонтировать.',
  departmentId: 'dept-roads',
  ...overrides,
});
const rules = { departmentRequired: true, today: '2027-03-10' };

describe('reception card → formal appeal', () => {
  it('turns a valid in-person card into a received formal appeal without a number, with the passport masked', () => {
    const draft = validateReception(card(), rules);
    if (!draft.ok) throw new Error(JSON.stringify(draft.error));
    const appeal = receptionAppeal(draft.value, {
      id: 'a-1',
      orgId: 'org-1',
      now: 1_000,
      timeZone: 'Europe/Moscow',
    });
    expect(appeal).toMatchObject({
      regime: 'formal',
      channel: 'reception',
      status: 'received',
      receivedAt: 1_000,
      registrationNumber: null,
      departmentId: 'dept-roads',
      subject: 'Яма на дороге у дома 5.',
      applicant: {
        name: { lastName: 'Петров', firstName: 'Иван', patronymic: 'Сергеевич' },
        contacts: {
          phone: '+79123456789',
          email: null,
          postalAddress: '170000, г. Тверь, ул. Советская, д. 1, кв. 2',
        },
        identification: 'in-person-document',
        passportMasked: '45 ** ***654',
      },
    });
    expect(JSON.stringify(appeal)).not.toContain('987654');
  });

  it('is a document the local database accepts (schema-valid)', async () => {
    const db = await openDatabase(uniqueDatabaseName('reception'));
    try {
      await db.addCollections({ appeals: oknoCollections.appeals });
      const draft = validateReception(
        card({
          collective: true,
          coSigners: [{ ...emptyCoSigner, fullName: 'Сидорова Анна', phone: '+79990001122' }],
        }),
        rules,
      );
      if (!draft.ok) throw new Error(JSON.stringify(draft.error));
      await db.appeals!.insert(
        receptionAppeal(draft.value, {
          id: 'a-2',
          orgId: 'org-1',
          now: Date.now(),
          timeZone: 'Europe/Moscow',
        }),
      );
      expect((await db.appeals!.findOne('a-2').exec())!.kind.coSigners).toEqual([
        { name: { lastName: 'Сидорова', firstName: 'Анна', patronymic: null }, postalAddress: null },
      ]);
    } finally {
      await db.remove();
    }
  });

  it('marks every wrong field at once, inline', () => {
    const result = validateReception(
      card({
        fullName: 'И. И.',
        passportNumber: '12',
        phone: '',
        postalAddress: '',
        email: 'not-an-email',
        category: '',
        text: ' ',
        departmentId: '',
      }),
      rules,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual({
      fullName: { code: 'validation:name.initials' },
      passport: { code: 'validation:passport.numberFormat' },
      email: expect.objectContaining({ code: expect.stringMatching(/^validation:email\./) }),
      category: { code: 'app:reception.errors.categoryRequired' },
      text: { code: 'app:reception.errors.textRequired' },
      departmentId: { code: 'app:reception.errors.departmentRequired' },
    });
  });

  it('applies the contact rule: without a phone both a postal and an e-mail address are needed', () => {
    const result = validateReception(card({ phone: '' }), rules);
    expect(!result.ok && result.error.fields.contacts).toEqual({
      code: 'validation:contacts.emailOrPhoneMissing',
    });
  });

  it('asks no identity document for phone and postal appeals', () => {
    const result = validateReception(
      card({ channel: 'post', passportSeries: '', passportNumber: '' }),
      rules,
    );
    expect(result.ok && result.value.identification).toBe('none');
    expect(result.ok && result.value.passportMasked).toBeNull();
  });

  it('records another identity document without passport data', () => {
    const result = validateReception(
      card({ document: 'other', passportSeries: '', passportNumber: '' }),
      rules,
    );
    expect(result.ok && [result.value.identification, result.value.passportMasked]).toEqual([
      'in-person-document',
      null,
    ]);
  });

  it('checks an organisation’s name and INN', () => {
    const result = validateReception(
      card({ applicantType: 'organisation', organisationName: 'ООО «Ромашка»', inn: '7707083893' }),
      rules,
    );
    expect(result.ok && result.value.kind).toMatchObject({
      applicantType: 'organisation',
      organisationName: 'ООО «Ромашка»',
      inn: '7707083893',
    });
    const wrong = validateReception(
      card({ applicantType: 'organisation', organisationName: '', inn: '7707083895' }),
      rules,
    );
    expect(!wrong.ok && wrong.error.fields).toMatchObject({
      organisationName: { code: 'validation:organisation.nameRequired' },
      inn: { code: 'validation:inn.checksum' },
    });
  });

  it('lists co-signer errors by row, and needs at least one co-signer for a collective appeal', () => {
    const empty = validateReception(card({ collective: true, coSigners: [] }), rules);
    expect(!empty.ok && empty.error.fields.coSigners).toEqual({ code: 'validation:coSigners.empty' });
    const wrong = validateReception(
      card({
        collective: true,
        coSigners: [
          { ...emptyCoSigner, fullName: 'Сидорова Анна', phone: '1' },
          { ...emptyCoSigner, fullName: 'Кузнецов' },
        ],
      }),
      rules,
    );
    expect(!wrong.ok && wrong.error.coSigners).toEqual({
      0: { phone: expect.objectContaining({ code: expect.stringMatching(/^validation:phone\./) }) },
      1: {
        fullName: { code: 'validation:name.tooFewParts' },
        contacts: { code: 'validation:coSigners.contactMissing' },
      },
    });
  });

  it('lets a supervisor file an unrouted appeal', () => {
    expect(
      validateReception(card({ departmentId: '' }), { departmentRequired: false, today: '2027-03-10' }).ok,
    ).toBe(true);
  });
});

describe('defect 10: the reception card’s errors follow the fields', () => {
  it('an error disappears as soon as its field is fixed after a failed save', () => {
    const broken = card({ fullName: 'петров' });
    const failed = shownErrors(validateReception(broken, rules), true, new Set());
    expect(failed.fields.fullName).toBeDefined();
    const fixed = shownErrors(
      validateReception({ ...broken, fullName: 'петров иван' }, rules),
      true,
      new Set(),
    );
    expect(fixed.fields).toEqual({});
  });

  it('shows the postcode rule on leaving the address field, before any save', () => {
    const noPostcode = card({ postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2' });
    const checked = validateReception(noPostcode, rules);
    expect(shownErrors(checked, false, new Set()).fields).toEqual({});
    expect(shownErrors(checked, false, new Set(['postalAddress'])).fields.postalAddress).toBeDefined();
  });

  it('puts a passport series error under the series and a number error under the number', () => {
    const series = validateReception(card({ passportSeries: '45' }), rules);
    const number = validateReception(card({ passportNumber: '12' }), rules);
    if (series.ok || number.ok) throw new Error('expected passport errors');
    expect(passportErrorPlace(series.error.fields.passport)).toEqual({
      series: series.error.fields.passport,
    });
    expect(passportErrorPlace(number.error.fields.passport)).toEqual({
      number: number.error.fields.passport,
    });
  });

  it('takes the date a letter was received, never a future one, as the appeal’s receipt (noon in the organisation’s zone)', () => {
    const letter = validateReception(card({ channel: 'post', receivedOn: '2027-03-05' }), rules);
    if (!letter.ok) throw new Error(JSON.stringify(letter.error));
    const appeal = receptionAppeal(letter.value, {
      id: 'a-3',
      orgId: 'org-1',
      now: 1_000,
      timeZone: 'Europe/Moscow',
    });
    expect(appeal.receivedAt).toBe(Date.UTC(2027, 2, 5, 9, 0));
    const future = validateReception(card({ channel: 'post', receivedOn: '2027-03-11' }), rules);
    expect(future.ok ? null : future.error.fields.receivedOn).toEqual({
      code: 'work:reception.errors.receivedOnFuture',
    });
  });
});
