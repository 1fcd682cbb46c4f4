import { departmentsToPick } from '../../../../shared/model/staff';

const departments = [
  { id: 'd-roads', name: 'Дороги', disabled: false },
  { id: 'd-old', name: 'Упразднённый отдел', disabled: true },
  { id: 'd-housing', name: 'ЖКХ', disabled: false },
];

describe('the departments an official may pick', () => {
  it('leaves out a department the administrator disabled', () => {
    expect(departmentsToPick(departments).map((d) => d.id)).toEqual(['d-roads', 'd-housing']);
  });

  it('keeps a disabled department that is already chosen, so the picker still shows it', () => {
    expect(departmentsToPick(departments, ['d-old']).map((d) => d.id)).toEqual([
      'd-roads',
      'd-old',
      'd-housing',
    ]);
  });
});
