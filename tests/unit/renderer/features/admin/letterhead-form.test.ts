import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../../renderer/app/i18n';
import {
  classifierRefusalText,
  letterheadRefusalText,
  moveSignatory,
  outgoingExample,
  readEditionFile,
} from '../../../../../renderer/features/admin/letterhead-form';

const i18n = createI18n('ru');
const translate = i18n.t as unknown as (key: string, params?: Record<string, unknown>) => string;
const t = (key: string, params?: Record<string, unknown>) => translate(key, params);

const head = { name: 'П. П. Петров', position: 'Глава' };
const deputy = { name: 'А. А. Сидорова', position: 'Заместитель главы' };
const clerk = { name: 'В. В. Васильев', position: 'Управляющий делами' };

describe('the signatories list', () => {
  it('moves a signatory up to sign by default, and down again', () => {
    expect(moveSignatory([head, deputy, clerk], 1, -1)).toEqual([deputy, head, clerk]);
    expect(moveSignatory([head, deputy, clerk], 1, 1)).toEqual([head, clerk, deputy]);
  });

  it('leaves the list as it is when the move would leave it', () => {
    expect(moveSignatory([head, deputy], 0, -1)).toEqual([head, deputy]);
    expect(moveSignatory([head, deputy], 1, 1)).toEqual([head, deputy]);
  });
});

describe('the live example of the outgoing number', () => {
  it('numbers the 17th letter of the year by the pattern', () => {
    expect(outgoingExample('01-{N:5}/{YY}', 2027)).toEqual({ ok: true, example: '01-00017/27' });
    expect(outgoingExample('Исх-{N}/{YYYY}', 2026)).toEqual({ ok: true, example: 'Исх-17/2026' });
  });

  it('names what is wrong with a pattern in the administrator’s words', () => {
    const noYear = outgoingExample('Исх-{N}', 2026);
    expect(noYear.ok).toBe(false);
    if (!noYear.ok) expect(t(noYear.key, noYear.params)).not.toContain('registrationNumber');
    const department = outgoingExample('{DEPT}-{N}/{YYYY}', 2026);
    expect(department.ok || t(department.key)).toContain('{DEPT}');
  });
});

describe('a refused letterhead in Russian', () => {
  const server = (status: number, code: string, details?: Record<string, unknown>) => ({
    kind: 'server' as const,
    status,
    code,
    ...(details ? { details } : {}),
  });

  it('names the field of an empty signatory position by its number', () => {
    const text = letterheadRefusalText(
      t,
      server(400, 'invalid_letterhead', { problem: 'required', field: 'signatories.1.position' }),
    );
    expect(text).toBe('Заполните поле «подписывающий № 2: должность».');
  });

  it('words the pattern problem by the registration-number key, and the logo refusals', () => {
    expect(
      letterheadRefusalText(
        t,
        server(400, 'invalid_letterhead', {
          problem: 'pattern',
          field: 'outgoingPattern',
          patternKey: 'validation:registrationNumber.yearTokenMissing',
        }),
      ),
    ).toBe(t('validation:registrationNumber.yearTokenMissing'));
    expect(letterheadRefusalText(t, server(413, 'logo_too_large'))).toContain('512 КБ');
    expect(letterheadRefusalText(t, server(400, 'logo_type'))).toContain('PNG или JPEG');
    expect(letterheadRefusalText(t, server(400, 'logo_unreadable'))).toContain('повреждено');
  });

  it('says when the server is unreachable or the role does not allow it', () => {
    expect(letterheadRefusalText(t, { kind: 'network' })).toContain('Сервер недоступен');
    expect(letterheadRefusalText(t, server(403, 'forbidden'))).toContain('администратор');
  });
});

describe('loading a classifier edition', () => {
  it('reads a JSON file and says why another is not', () => {
    expect(readEditionFile('{"format":"okno-classifier/1"}')).toEqual({
      ok: true,
      value: { format: 'okno-classifier/1' },
    });
    expect(readEditionFile('code;title').ok).toBe(false);
  });

  it('words the loader’s reason the server sent, and a file too large', () => {
    const refused = classifierRefusalText(
      t,
      {
        kind: 'server',
        status: 400,
        code: 'classifier_invalid',
        details: { key: 'domain:classifier.parentMissing', params: { code: '0005.0005.0099.0001' } },
      },
      8,
    );
    expect(refused).toBe(
      'Редакция не принята: Для кода «0005.0005.0099.0001» в редакции нет вышестоящего уровня.',
    );
    expect(classifierRefusalText(t, { kind: 'server', status: 413, code: 'payload_too_large' }, 8)).toBe(
      'Файл больше 8 МБ.',
    );
  });
});
