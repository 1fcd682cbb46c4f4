import { describe, expect, it } from 'vitest';
import { sectionsFor } from '../../../../renderer/app/RouteOutlet';

describe('the navigation rail by role', () => {
  it('offers operators the inbox, reception, the archive, the letters to mail and the answer templates', () => {
    expect(sectionsFor('operator')).toEqual(['inbox', 'reception', 'archive', 'mailing', 'templates']);
  });

  it('offers heads and supervisors the control and workload screens too', () => {
    expect(sectionsFor('head')).toEqual([
      'inbox',
      'reception',
      'supervisor',
      'workload',
      'reports',
      'analytics',
      'archive',
      'mailing',
      'templates',
      'quality',
    ]);
    expect(sectionsFor('supervisor')).toEqual([
      'inbox',
      'reception',
      'supervisor',
      'triage',
      'workload',
      'reports',
      'analytics',
      'archive',
      'mailing',
      'templates',
      'quality',
    ]);
  });

  it('offers «Подсказки» (triage accuracy, automatic routing, category mapping) to supervisors and administrators only', () => {
    expect(sectionsFor('admin')).toContain('triage');
    for (const role of ['operator', 'head']) expect(sectionsFor(role)).not.toContain('triage');
  });

  it('offers «Администрирование» to administrators only, last', () => {
    expect(sectionsFor('admin').at(-1)).toBe('admin');
    for (const role of ['operator', 'head', 'supervisor']) expect(sectionsFor(role)).not.toContain('admin');
  });

  it('offers an unknown role nothing', () => {
    expect(sectionsFor('stranger')).toEqual([]);
  });
});
