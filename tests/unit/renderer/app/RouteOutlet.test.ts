import { describe, expect, it } from 'vitest';
import { sectionsFor } from '../../../../renderer/app/RouteOutlet';

describe('the navigation rail by role', () => {
  it('offers operators the inbox, reception and the archive', () => {
    expect(sectionsFor('operator')).toEqual(['inbox', 'reception', 'archive']);
  });

  it('offers heads and supervisors the control and workload screens too', () => {
    expect(sectionsFor('head')).toEqual(['inbox', 'reception', 'supervisor', 'workload', 'archive']);
    expect(sectionsFor('supervisor')).toEqual(['inbox', 'reception', 'supervisor', 'workload', 'archive']);
  });

  it('offers an unknown role nothing', () => {
    expect(sectionsFor('stranger')).toEqual([]);
  });
});
