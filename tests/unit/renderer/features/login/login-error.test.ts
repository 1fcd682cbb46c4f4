import i18next, { type TFunction } from 'i18next';
import {
  isPasswordChangeRequired,
  passwordChangeError,
  passwordChangeErrorText,
} from '../../../../../renderer/features/login/login-error';
import { resources } from '../../../../../shared/i18n/resources';

describe('the sign-in after a password reset', () => {
  it('knows the server asked for a new password only by its code', () => {
    expect(isPasswordChangeRequired({ kind: 'server', status: 403, code: 'password_change_required' })).toBe(
      true,
    );
    expect(isPasswordChangeRequired({ kind: 'server', status: 403, code: 'forbidden' })).toBe(false);
    expect(isPasswordChangeRequired({ kind: 'invalid-credentials' })).toBe(false);
  });

  it('words the server refusals of a new password in Russian and English', async () => {
    const translator = i18next.createInstance();
    await translator.init({ lng: 'ru', resources, ns: ['app'], defaultNS: 'app' });
    const t = translator.t as unknown as TFunction;
    const say = (error: Parameters<typeof passwordChangeError>[0]) =>
      passwordChangeErrorText(t, passwordChangeError(error));
    expect(say({ kind: 'server', status: 400, code: 'weak_password' })).toBe(
      'Пароль должен быть не короче 8 символов.',
    );
    expect(say({ kind: 'server', status: 400, code: 'same_password' })).toBe(
      'Новый пароль должен отличаться от выданного администратором.',
    );
    expect(say({ kind: 'invalid-credentials' })).toBe('Неверный логин или пароль.');
    await translator.changeLanguage('en');
    expect(say({ kind: 'server', status: 400, code: 'weak_password' })).toBe(
      'The password must have at least 8 characters.',
    );
    expect(say({ kind: 'network' })).toMatch(/cannot be reached/);
  });
});
