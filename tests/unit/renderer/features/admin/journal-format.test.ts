import { parseAdminUser, parseJournalEntry } from '../../../../../renderer/api/admin';
import {
  type ChangeWords,
  changeLines,
  journalFilters,
} from '../../../../../renderer/features/admin/journal-format';

const words: ChangeWords = {
  field: (name) => ({ role: 'роль', departmentIds: 'отделы', disabled: 'отключён' })[name] ?? name,
  department: (id) => ({ 'd-1': 'ЖКХ', 'd-2': 'ДТ' })[id] ?? id,
  role: (role) => ({ operator: 'Исполнитель', head: 'Начальник отдела' })[role] ?? role,
  yes: 'да',
  no: 'нет',
  none: '—',
  secret: 'задан',
  secretChanged: 'задан новый',
  file: (bytes, sha256) => `${bytes} байт, SHA-256 ${sha256.slice(0, 12)}…`,
  change: (field, old, next) => `${field}: ${old} → ${next}`,
  created: (field, next) => `${field}: ${next}`,
};

describe('«Журнал администратора»: change lines', () => {
  it('words roles, departments and flags, old → new', () => {
    const lines = changeLines(
      {
        fields: {
          role: { old: 'operator', new: 'head' },
          departmentIds: { old: ['d-1'], new: ['d-1', 'd-2'] },
          disabled: { old: false, new: true },
          position: { old: '', new: 'Начальник' },
        },
      },
      words,
    );
    expect(lines).toEqual([
      'роль: Исполнитель → Начальник отдела',
      'отделы: ЖКХ → ЖКХ, ДТ',
      'отключён: нет → да',
      'position: — → Начальник',
    ]);
  });

  it('a channel token is worded as set or set anew, never quoted; the default department is its code', () => {
    const lines = changeLines(
      {
        fields: {
          apiToken: { old: '[secret]', new: '[secret changed]' },
          webhookSecret: { old: null, new: '[secret changed]' },
          defaultDepartmentId: { old: '', new: 'd-1' },
        },
      },
      words,
    );
    expect(lines).toEqual([
      'apiToken: задан → задан новый',
      'webhookSecret: задан новый',
      'defaultDepartmentId: — → ЖКХ',
    ]);
  });

  it('a letterhead change: the logo by size and SHA-256, signatories as lines, a removed logo as a dash', () => {
    const sha = 'ab12cd34ef56'.repeat(5).slice(0, 64);
    const lines = changeLines(
      {
        fields: {
          logo: { old: null, new: { bytes: 20480, sha256: sha } },
          signatories: {
            old: ['Глава — П. П. Петров'],
            new: ['Заместитель — А. А. Сидорова', 'Глава — П. П. Петров'],
          },
        },
      },
      words,
    );
    expect(lines).toEqual([
      'logo: 20480 байт, SHA-256 ab12cd34ef56…',
      'signatories: Глава — П. П. Петров → Заместитель — А. А. Сидорова, Глава — П. П. Петров',
    ]);
    expect(changeLines({ fields: { logo: { old: { bytes: 1, sha256: sha }, new: null } } }, words)).toEqual([
      'logo: 1 байт, SHA-256 ab12cd34ef56… → —',
    ]);
  });

  it('a created value has no old side; an empty list is a dash; an unknown department shows its id', () => {
    const lines = changeLines(
      { fields: { login: { old: null, new: 'ivanova' }, departmentIds: { old: null, new: [] } } },
      words,
    );
    expect(lines).toEqual(['login: ivanova', 'отделы: —']);
    expect(changeLines({ fields: { departmentIds: { old: ['gone'], new: [] } } }, words)).toEqual([
      'отделы: gone → —',
    ]);
  });
});

describe('«Журнал администратора»: answer templates', () => {
  it('names a template’s department by its code and shows only the beginning of a long text', () => {
    const long = `Уважаемый(ая) {{applicantName}}! ${'Работы выполнены. '.repeat(20)}`;
    const lines = changeLines(
      {
        fields: {
          departmentId: { old: null, new: 'd-2' },
          personal: { old: true, new: false },
          body: { old: 'Коротко', new: long },
        },
      },
      words,
    );
    expect(lines).toEqual([
      'departmentId: ДТ',
      'personal: да → нет',
      `body: Коротко → ${long.slice(0, 120)}…`,
    ]);
  });
});

describe('«Журнал администратора»: filters', () => {
  it('turns dates into whole local days and leaves out what is not chosen', () => {
    const filters = journalFilters({ from: '2026-03-01', to: '2026-03-01', kind: 'users', actorId: '' });
    expect(filters.from).toBe(new Date(2026, 2, 1).getTime());
    expect(filters.to).toBe(new Date(2026, 2, 2).getTime());
    expect(filters).toMatchObject({ kind: 'users' });
    expect('actorId' in filters).toBe(false);
    expect(journalFilters({ from: '', to: 'не дата', kind: '', actorId: 'u1' })).toEqual({ actorId: 'u1' });
  });
});

describe('admin answers read without trusting them', () => {
  it('keeps what is well-formed and defaults the rest', () => {
    expect(parseAdminUser({ id: 'u1', login: 'a', departmentIds: ['d', 3], disabled: 'yes' })).toMatchObject({
      id: 'u1',
      departmentIds: ['d'],
      disabled: false,
      activeSessions: 0,
    });
    expect(parseAdminUser({ login: 'no id' })).toBeNull();
    expect(
      parseJournalEntry({ id: '7', action: 'user.update', fields: { role: 'bad', name: { old: 'a' } } }),
    ).toMatchObject({ fields: { name: { old: 'a', new: null } }, actorName: null, details: {} });
  });
});
