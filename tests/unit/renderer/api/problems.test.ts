import type { ApiResult } from '../../../../renderer/api/client';
import { problemsApi } from '../../../../renderer/api/problems';
import { fakeApi, ok } from './fake-api';

const member = {
  id: 'a-2',
  registrationNumber: null,
  subject: 'Нет воды',
  status: 'new',
  channel: 'vk',
  receivedAt: 5,
};

describe('the problem-group API calls', () => {
  it('reads candidates with their evidence, dropping evidence and entries it does not know', async () => {
    const { api } = fakeApi(problemsApi, {
      'GET /api/v1/appeals/a%2F1/problem-candidates': ok({
        problem: null,
        candidates: [
          {
            ...member,
            problemId: null,
            evidence: [
              { kind: 'place', match: 'house', place: 'ул. Ленина, 5' },
              { kind: 'text', similarity: 0.62 },
              { kind: 'weather' },
            ],
          },
          { junk: true },
        ],
      }),
    });
    expect(await api.candidates('a/1')).toEqual({
      ok: true,
      value: {
        problem: null,
        candidates: [
          {
            ...member,
            problemId: null,
            evidence: [
              { kind: 'place', match: 'house', place: 'ул. Ленина, 5' },
              { kind: 'text', similarity: 0.62 },
            ],
          },
        ],
      },
    });
    expect(
      await fakeApi(problemsApi, { 'GET /api/v1/appeals/x/problem-candidates': ok({}) }).api.candidates('x'),
    ).toMatchObject({
      ok: false,
    });
  });

  it('groups, takes out and answers all on their routes, and reads what the server did', async () => {
    const group = { id: 'p-1', count: 2, members: [member, { ...member, id: 'a-1' }] };
    const { api, calls } = fakeApi(problemsApi, {
      'POST /api/v1/problems': ok({ problem: group }),
      'DELETE /api/v1/problems/p-1/members/a-2': ok({ removed: 'a-2' }),
      'POST /api/v1/problems/p-1/answer': ok({ answered: ['a-1', 'a-2'], skipped: [] }),
    });
    expect(await api.group(['a-1', 'a-2'])).toEqual({ ok: true, value: group });
    expect(await api.remove('p-1', 'a-2')).toEqual({ ok: true, value: null });
    expect(await api.answerAll('p-1', 'Ответ')).toEqual({
      ok: true,
      value: { answered: ['a-1', 'a-2'], skipped: [] },
    });
    expect(await api.answerAll('p-1', 'Ответ с графиком', ['f-1'])).toMatchObject({ ok: true });
    expect(calls.map(({ method, path, body }) => [method, path, body])).toEqual([
      ['POST', '/api/v1/problems', { appealIds: ['a-1', 'a-2'] }],
      ['DELETE', '/api/v1/problems/p-1/members/a-2', undefined],
      ['POST', '/api/v1/problems/p-1/answer', { text: 'Ответ' }],
      ['POST', '/api/v1/problems/p-1/answer', { text: 'Ответ с графиком', fileIds: ['f-1'] }],
    ]);
  });

  it('passes a refusal on as a value', async () => {
    const refused: ApiResult<unknown> = {
      ok: false,
      error: { kind: 'server', status: 409, code: 'nothing_to_answer' },
    };
    const { api } = fakeApi(problemsApi, { 'POST /api/v1/problems/p-1/answer': refused });
    expect(await api.answerAll('p-1', 'Ответ')).toEqual(refused);
  });
});
