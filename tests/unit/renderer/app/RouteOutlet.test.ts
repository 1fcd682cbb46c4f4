import { describe, expect, it } from 'vitest';
import { sectionsFor } from '../../../../renderer/app/RouteOutlet';

describe('the navigation rail by role', () => {
  it('offers operators the inbox and reception', () => {
    expect(sectionsFor('operator')).toEqual(['inbox', 'reception']);
  });

  it('offers heads and supervisors the control screen too', () => {
    expect(sectionsFor('head')).toEqual(['inbox', 'reception', 'supervisor']);
    expect(sectionsFor('supervisor')).toEqual(['inbox', 'reception', 'supervisor']);
  });

  it('offers an unknown role nothing', () => {
    expect(sectionsFor('stranger')).toEqual([]);
  });
});
