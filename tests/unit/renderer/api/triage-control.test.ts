import type { ApiResult } from '../../../../renderer/api/client';
import { triageControlApi } from '../../../../renderer/api/triage-control';
import { fakeApi, ok } from './fake-api';

describe('the «Подсказки» API calls', () => {
  it('reads the accuracy overall and by department, and refuses a malformed answer', async () => {
    const { api } = fakeApi(triageControlApi, {
      'GET /api/v1/triage/accuracy': ok({
        days: 30,
        decisions: 4,
        suggested: 3,
        departmentTop1: 0.667,
        incident: { decisions: 5, suggested: 5, accuracy: 0.8 },
      }),
      'GET /api/v1/triage/accuracy/departments': ok({
        departments: [{ departmentId: 'd1', decisions: 4, suggested: 3, departmentTop1: null }, { junk: 1 }],
      }),
    });
    expect(await api.accuracy()).toEqual({
      ok: true,
      value: {
        total: { days: 30, decisions: 4, suggested: 3, departmentTop1: 0.667 },
        departments: [{ departmentId: 'd1', decisions: 4, suggested: 3, departmentTop1: null }],
        incident: { decisions: 5, suggested: 5, accuracy: 0.8 },
      },
    });
    const broken = fakeApi(triageControlApi, {
      'GET /api/v1/triage/accuracy': ok({ days: 30 }),
      'GET /api/v1/triage/accuracy/departments': ok({ departments: [] }),
    });
    expect(await broken.api.accuracy()).toMatchObject({ ok: false });
  });

  it('sends a threshold, an undo, a mapping and a reset to their routes, portal names encoded', async () => {
    const portal = 'Ямы и выбоины / дворы';
    const { api, calls } = fakeApi(triageControlApi, {
      'PUT /api/v1/triage/auto-routing/utilities': ok({ category: 'utilities', threshold: 0.8 }),
      'POST /api/v1/triage/auto-routing/decisions/a%2F1/undo': ok({ appealId: 'a/1', departmentId: 'd2' }),
      'PUT /api/v1/triage/category-map': ok({ portal, subcategory: 'roads.potholes', old: 'other.other' }),
      [`DELETE /api/v1/triage/category-map?portal=${encodeURIComponent(portal)}`]: ok({
        portal,
        subcategory: 'courtyards.yard-repair',
        reset: true,
      }),
    });
    expect(await api.setThreshold('utilities', 0.8)).toEqual({ ok: true, value: null });
    expect(await api.undo('a/1')).toEqual({ ok: true, value: { departmentId: 'd2' } });
    expect(await api.setMapping(portal, 'roads.potholes')).toEqual({ ok: true, value: null });
    expect(await api.resetMapping(portal)).toEqual({ ok: true, value: 'courtyards.yard-repair' });
    expect(calls.map((c) => c.body)).toEqual([
      { threshold: 0.8 },
      {},
      { portal, subcategory: 'roads.potholes' },
      undefined,
    ]);
  });

  it('passes a refusal through with its code, and reads decisions and mapping rows defensively', async () => {
    const refused: ApiResult<unknown> = {
      ok: false,
      error: { kind: 'server', status: 409, code: 'moved_since' },
    };
    const { api } = fakeApi(triageControlApi, {
      'POST /api/v1/triage/auto-routing/decisions/x/undo': refused,
      'GET /api/v1/triage/auto-routing/decisions': ok({
        decisions: [{ appealId: 'x', outcome: 'weird', confidence: 0.9 }, { outcome: 'undone' }],
      }),
      'GET /api/v1/triage/category-map': ok({
        rows: [{ portal: 'Безнадзорные животные', subcategory: 'landscaping.stray-animals' }, { portal: '' }],
        departments: [{ category: 'roads', departmentId: 'd2', updatedAt: 5 }, { category: 'roads' }],
      }),
    });
    expect(await api.undo('x')).toEqual(refused);
    const decisions = await api.decisions();
    expect(decisions.ok && decisions.value).toEqual([
      expect.objectContaining({ appealId: 'x', outcome: 'standing', confidence: 0.9, subject: '' }),
    ]);
    const mapping = await api.categoryMap();
    expect(mapping.ok && mapping.value).toEqual({
      rows: [
        {
          portal: 'Безнадзорные животные',
          defaultSubcategory: 'landscaping.stray-animals',
          subcategory: 'landscaping.stray-animals',
          edited: false,
          updatedAt: null,
        },
      ],
      departments: [{ category: 'roads', departmentId: 'd2', updatedAt: 5 }],
    });
  });

  it('sends a responsible department and its removal to their routes, codes encoded', async () => {
    const { api, calls } = fakeApi(triageControlApi, {
      'PUT /api/v1/triage/category-map/department': ok({ category: 'roads.potholes', departmentId: 'd2' }),
      'DELETE /api/v1/triage/category-map/department?category=roads.potholes': ok({ reset: true }),
      'GET /api/v1/triage/category-map': ok({ rows: [] }),
    });
    expect(await api.setCategoryDepartment('roads.potholes', 'd2')).toEqual({ ok: true, value: null });
    expect(await api.removeCategoryDepartment('roads.potholes')).toEqual({ ok: true, value: null });
    expect(calls.map((c) => c.body)).toEqual([{ category: 'roads.potholes', departmentId: 'd2' }, undefined]);
    // An answer of a server without responsible departments: none.
    expect(await api.categoryMap()).toEqual({ ok: true, value: { rows: [], departments: [] } });
  });
});
