import type { ApiResult, AppealApi } from '../../../../renderer/api/client';

/**
 * An API module (`make`) over a fake server whose answers are given per "METHOD path"; what is not
 * given is a 404. Each call is recorded.
 */
export function fakeApi<Module>(
  make: (api: AppealApi) => Module,
  answers: Record<string, ApiResult<unknown>>,
) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const api = {
    async call(method: string, path: string, body?: unknown) {
      calls.push({ method, path, body });
      return answers[`${method} ${path}`] ?? { ok: false, error: { kind: 'server', status: 404 } };
    },
  } as unknown as AppealApi;
  return { api: make(api), calls };
}

export const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });
