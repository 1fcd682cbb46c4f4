import fc from 'fast-check';
import { normalizeEmail } from '../../../../../shared/domain/applicant';
import { errorOf, hostileInputs, successOf } from './support';

describe('normalizeEmail', () => {
  it.each([
    ['ivan.petrov@mail.ru', 'ivan.petrov@mail.ru'],
    ['Ivan.Petrov@Mail.RU', 'Ivan.Petrov@mail.ru'],
    ['  ivan+appeals@yandex.ru ', 'ivan+appeals@yandex.ru'],
    ['info@почта.рф', 'info@почта.рф'],
    ['info@ПОЧТА.РФ', 'info@почта.рф'],
    ['иван@почта.рф', 'иван@почта.рф'],
    ['admin@adm.москва', 'admin@adm.москва'],
    ['info@xn--80a1acny.xn--p1ai', 'info@xn--80a1acny.xn--p1ai'],
    ["o'brien@example.com", "o'brien@example.com"],
    ['user@sub-domain.example.org', 'user@sub-domain.example.org'],
  ])('accepts %j as %j', (email, normalised) => {
    expect(successOf(normalizeEmail(email))).toBe(normalised);
  });

  it.each([
    ['', 'validation:email.required'],
    ['ivan.petrov', 'validation:email.format'],
    ['@mail.ru', 'validation:email.format'],
    ['ivan@@mail.ru', 'validation:email.format'],
    ['ivan@petrov@mail.ru', 'validation:email.format'],
    ['ivan petrov@mail.ru', 'validation:email.format'],
    ['.ivan@mail.ru', 'validation:email.format'],
    ['ivan..petrov@mail.ru', 'validation:email.format'],
    ['"ivan"@mail.ru', 'validation:email.format'],
    [`${'a'.repeat(65)}@mail.ru`, 'validation:email.format'],
    ['ivan@', 'validation:email.domain'],
    ['ivan@localhost', 'validation:email.domain'],
    ['ivan@mail.ru.', 'validation:email.domain'],
    ['ivan@-mail.ru', 'validation:email.domain'],
    ['ivan@mail..ru', 'validation:email.domain'],
    ['ivan@mail.r', 'validation:email.domain'],
    ['ivan@mail.ru1', 'validation:email.domain'],
    ['ivan@[127.0.0.1]', 'validation:email.domain'],
    [`ivan@${'a'.repeat(64)}.ru`, 'validation:email.domain'],
    ['ivan@pоchta.ru', 'validation:email.mixedScripts'],
    ['ivаn@mail.ru', 'validation:email.mixedScripts'],
    [`ivan@${'a.'.repeat(130)}ru`, 'validation:email.tooLong'],
  ])('refuses %j as %s', (email, code) => {
    expect(errorOf(normalizeEmail(email)).code).toBe(code);
  });

  it('states the length limit in the error', () => {
    expect(errorOf(normalizeEmail(`ivan@${'a.'.repeat(130)}ru`)).params).toEqual({ max: 254 });
  });

  it.each(hostileInputs)('gives a clear error for %s', (_, value) => {
    expect(errorOf(normalizeEmail(value)).code).toMatch(/^validation:email\./);
  });

  it('lower-cases the domain and keeps the local part of every accepted address', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const result = normalizeEmail(email);
        if (!result.ok) return;
        const at = email.lastIndexOf('@');
        expect(result.value).toBe(`${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`);
        expect(normalizeEmail(result.value)).toEqual(result);
      }),
    );
  });
});
