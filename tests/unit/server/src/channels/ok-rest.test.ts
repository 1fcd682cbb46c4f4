import { okRestCredentials, okSignature } from '../../../../../server/src/channels/ok/rest';

describe('OK REST request signature', () => {
  // The worked example of the aiookru client's documentation (konstantintogoi.github.io/aiookru/api):
  // session secret md5(access_token + application_secret_key) = b1a2b897…, then md5 of the sorted
  // `key=value` parameters without the session, followed by that secret.
  it('matches a published worked example', () => {
    const sig = okSignature(
      {
        application_key: 'ABCDEFGHIGKLMNOPK',
        format: 'json',
        method: 'events.get',
        access_token: '-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7',
      },
      '-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7',
      'ABC123DEF456GHI789JKL123',
    );
    expect(sig).toBe('232c8eb921951c4dba9b72606f9ddb4c');
  });

  it('reads the credentials only when the key, the secret and the token are all there', () => {
    expect(okRestCredentials({ rest: { applicationKey: 'K', applicationSecretKey: 'S' } })).toBeNull();
    expect(okRestCredentials({})).toBeNull();
    expect(
      okRestCredentials({ rest: { applicationKey: 'K', applicationSecretKey: 'S', accessToken: 'T' } }),
    ).toEqual({
      applicationKey: 'K',
      applicationSecretKey: 'S',
      accessToken: 'T',
      apiServer: 'https://api.ok.ru/',
    });
  });
});
