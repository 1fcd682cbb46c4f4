import { extractContacts } from '../../../../../shared/domain/applicant/contact-line';

describe('extractContacts', () => {
  it('reads a phone and an e-mail separated by a comma', () => {
    expect(extractContacts('+7 912 345-67-89, ivan.petrov@example.ru')).toEqual({
      phone: '+79123456789',
      email: 'ivan.petrov@example.ru',
    });
  });

  it('reads labelled contacts: «тел 89123456789 почта ivan@mail.ru»', () => {
    expect(extractContacts('тел 89123456789 почта ivan@mail.ru')).toEqual({
      phone: '+79123456789',
      email: 'ivan@mail.ru',
    });
  });

  it('reads a postal address with a phone after it', () => {
    expect(
      extractContacts('620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 12, тел. 8 912 345 67 89'),
    ).toEqual({
      phone: '+79123456789',
      postal: { index: '620014', text: '620014, г. Екатеринбург, ул. Ленина, д. 5, кв. 12' },
    });
  });

  it('reads a phone written right after the flat number', () => {
    expect(extractContacts('620014 Екатеринбург ул. Ленина д. 5 кв 12 89123456789')).toEqual({
      phone: '+79123456789',
      postal: { index: '620014', text: '620014 Екатеринбург ул. Ленина д. 5 кв 12' },
    });
  });

  it('reads all three and a trailing full stop after the e-mail', () => {
    expect(
      extractContacts(
        'Телефон: +7 (912) 345-67-89; адрес: 101000, Москва, ул. Мясницкая, д. 1; почта ivan@mail.ru.',
      ),
    ).toEqual({
      phone: '+79123456789',
      email: 'ivan@mail.ru',
      postal: { index: '101000', text: '101000, Москва, ул. Мясницкая, д. 1' },
    });
  });

  it('reads one contact alone', () => {
    expect(extractContacts('8 912 345 67 89')).toEqual({ phone: '+79123456789' });
    expect(extractContacts('ivan@mail.ru')).toEqual({ email: 'ivan@mail.ru' });
  });

  it('finds nothing in a sentence, a short number or a malformed e-mail', () => {
    expect(extractContacts('позвоните мне, пожалуйста, вечером')).toEqual({});
    expect(extractContacts('912 345')).toEqual({});
    expect(extractContacts('ivan@mail')).toEqual({});
    expect(extractContacts('')).toEqual({});
    expect(extractContacts(42)).toEqual({});
  });

  it('does not take a foreign number for a phone', () => {
    expect(extractContacts('+49 30 1234567, hans@example.de')).toEqual({ email: 'hans@example.de' });
  });
});
