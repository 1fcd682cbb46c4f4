import i18next from 'i18next';
import { type HistoryEntry, parseHistory } from '../../../../../renderer/api/client';
import { describeEntry } from '../../../../../renderer/features/appeal/Timeline';
import { resources } from '../../../../../shared/i18n/resources';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: '1',
  at: 0,
  actorUserId: null,
  action: 'appeal.update',
  fields: [],
  actions: [],
  refused: false,
  ...overrides,
});

describe('timeline entries read as events that happened', () => {
  const translator = i18next.createInstance();
  beforeAll(async () => {
    await translator.init({ lng: 'ru', resources, ns: ['app', 'domain', 'work'], defaultNS: 'app' });
  });
  const t = (key: string, params?: Record<string, unknown>) =>
    (translator.t as unknown as (key: string, params?: Record<string, unknown>) => string)(key, params);

  it('says «Создано · Зарегистрировано», not the button label «Зарегистрировать»', () => {
    expect(describeEntry(entry({ action: 'appeal.create', actions: ['register'] }), t)).toBe(
      'Создано · Зарегистрировано',
    );
  });

  it('names every status-machine action in the past tense, in Russian and English', async () => {
    expect(describeEntry(entry({ actions: ['take'] }), t)).toBe('Взято в работу');
    await translator.changeLanguage('en');
    expect(describeEntry(entry({ actions: ['extend', 'answer'] }), t)).toBe('Term extended · Answered');
    await translator.changeLanguage('ru');
  });

  it('says a repeat was marked or unmarked, not that nothing changed', () => {
    expect(describeEntry(entry({ action: 'appeal.repeat_mark' }), t)).toBe(
      'Отмечено как повторное обращение',
    );
    expect(describeEntry(entry({ action: 'appeal.repeat_unmark' }), t)).toBe(
      'Снята отметка о повторном обращении',
    );
  });

  it('defect 9: the passport recorded at a reception registration is not «Изменено 0 полей»', () => {
    const recorded = describeEntry(entry({ action: 'passport.record' }), t);
    expect(recorded).toBe('Паспорт проверен и записан');
    expect(recorded).not.toMatch(/0 полей/);
  });

  it('names the changed fields in the official’s words, never their raw names', () => {
    expect(describeEntry(entry({ fields: ['subject', 'updatedAt', 'comments'] }), t)).toBe(
      'Изменено: тема, внутренние комментарии',
    );
    expect(describeEntry(entry({ fields: ['updatedAt'] }), t)).toBe('Изменено');
  });

  it('says the applicant sent an addition (issue 12), not «Изменено»', () => {
    expect(describeEntry(entry({ action: 'appeal.addition' }), t)).toBe(
      'Дополнение от заявителя (в переписке по обращению)',
    );
  });

  it('says an addition that came while documents were requested is what the official may have waited for', () => {
    const awaited = describeEntry(entry({ action: 'appeal.addition', documentsRequested: true }), t);
    expect(awaited).toMatch(/^Заявитель прислал дополнение, пока обращение ждёт документов/);
    expect(awaited).toContain('«Документы получены»');
  });

  it('reads the awaited mark of an addition from the server’s history entry', () => {
    const [awaited, plain] = parseHistory({
      entries: [
        {
          id: '8',
          at: 1,
          action: 'appeal.addition',
          details: { actor: 'applicant', documentsRequested: true },
        },
        { id: '9', at: 2, action: 'appeal.addition', details: { actor: 'applicant' } },
      ],
    });
    expect(awaited?.documentsRequested).toBe(true);
    expect(plain).not.toHaveProperty('documentsRequested');
  });

  it('says the applicant withdrew the appeal', () => {
    expect(describeEntry(entry({ actions: ['withdraw'], fields: ['status', 'closedAt'] }), t)).toBe(
      'Отозвано заявителем',
    );
  });
});
