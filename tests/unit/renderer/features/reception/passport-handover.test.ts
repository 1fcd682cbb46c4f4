import type { ApiResult } from '../../../../../renderer/api/client';
import {
  afterFailure,
  type HandOverState,
  PassportHandOver,
} from '../../../../../renderer/features/reception/passport-handover';

const passport = { series: '45 03', number: '987654' };

function scripted(...answers: ApiResult<unknown>[]) {
  const calls: { appealId: string; passport: unknown }[] = [];
  const record = async (appealId: string, sent: { series: string; number: string }) => {
    calls.push({ appealId, passport: sent });
    return answers.shift() ?? { ok: true as const, value: {} };
  };
  return { calls, record };
}

function latest(handOver: PassportHandOver, appealId: string): HandOverState | undefined {
  let state: HandOverState | undefined;
  handOver
    .stateOf(appealId)
    .subscribe((value) => {
      state = value;
    })
    .unsubscribe();
  return state;
}

describe('handing the reception passport over to the server', () => {
  it('retries while the appeal has not reached the server or the network is down, then records it once', async () => {
    const server = scripted(
      { ok: false, error: { kind: 'server', status: 404, code: 'not_found' } },
      { ok: false, error: { kind: 'network' } },
      { ok: true, value: { applicantId: 'a1' } },
    );
    const handOver = new PassportHandOver(server.record);
    await handOver.add('appeal-1', passport);
    expect(latest(handOver, 'appeal-1')).toEqual({ state: 'pending' });
    await handOver.flush();
    expect(latest(handOver, 'appeal-1')).toEqual({ state: 'pending' });
    await handOver.flush();
    expect(latest(handOver, 'appeal-1')).toEqual({ state: 'recorded' });
    await handOver.flush();
    expect(server.calls).toHaveLength(3);
    expect(server.calls[2]).toEqual({ appealId: 'appeal-1', passport });
  });

  it('stops on a refusal and says why; a passport already on file counts as recorded', async () => {
    const server = scripted(
      { ok: false, error: { kind: 'server', status: 409, code: 'passport_mismatch' } },
      { ok: false, error: { kind: 'server', status: 409, code: 'passport_already_recorded' } },
    );
    const handOver = new PassportHandOver(server.record);
    await handOver.add('appeal-1', passport);
    await handOver.add('appeal-2', passport);
    expect(latest(handOver, 'appeal-1')).toEqual({ state: 'refused', code: 'passport_mismatch' });
    expect(latest(handOver, 'appeal-2')).toEqual({ state: 'recorded' });
    await handOver.flush();
    expect(server.calls).toHaveLength(2);
  });

  it('forgets every clear value when stopped (signing out)', async () => {
    const server = scripted({ ok: false, error: { kind: 'network' } });
    const handOver = new PassportHandOver(server.record);
    await handOver.add('appeal-1', passport);
    handOver.stop();
    await handOver.flush();
    expect(server.calls).toHaveLength(1);
  });

  it('classifies failures', () => {
    expect(afterFailure({ kind: 'unauthorized' })).toEqual({ state: 'pending' });
    expect(afterFailure({ kind: 'server', status: 503 })).toEqual({ state: 'pending' });
    expect(afterFailure({ kind: 'server', status: 403 })).toEqual({ state: 'refused', code: 'http_403' });
    expect(afterFailure({ kind: 'server', status: 400, code: 'invalid_passport' })).toEqual({
      state: 'refused',
      code: 'invalid_passport',
    });
  });
});
