import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  maskEmail,
  maskPhone,
  sealCoSignerContacts,
} from '../../../../../server/src/personal-data/co-signers';

describe('co-signers’ contacts', () => {
  it('masks a phone to the operator code and the last two digits', () => {
    expect(maskPhone('+79125554433')).toBe('+7912*****33');
    expect(maskPhone('+375291234567')).toBe('+3752******67');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks an e-mail to its first letter and its domain', () => {
    expect(maskEmail('maria.ivanova@example.ru')).toBe('m***@example.ru');
    expect(maskEmail('a@b.ru')).toBe('a***@b.ru');
    expect(maskEmail('@broken')).toBe('***');
  });

  it('seals under the current key, never in clear, and differently each time', () => {
    const config = {
      personalDataKeys: [
        { id: 'k2', key: randomBytes(32) },
        { id: 'k1', key: randomBytes(32) },
      ],
    };
    const owner = { orgId: 'org-1', coSignerId: 'cs-1' };
    const contacts = { phone: '+79125554433', email: 'maria.ivanova@example.ru' };
    const first = sealCoSignerContacts(config, owner, contacts);
    const second = sealCoSignerContacts(config, owner, contacts);
    expect(first.keyId).toBe('k2');
    expect(first.masked).toEqual({ phone: '+7912*****33', email: 'm***@example.ru' });
    const bytes = Buffer.from(first.ciphertext, 'base64').toString('latin1');
    expect(bytes).not.toContain('79125554433');
    expect(bytes).not.toContain('maria');
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
    expect(sealCoSignerContacts(config, owner, { phone: null, email: 'a@b.ru' }).masked).toEqual({
      phone: null,
      email: 'a***@b.ru',
    });
  });
});
