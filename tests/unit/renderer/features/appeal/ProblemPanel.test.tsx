import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ProblemCandidate, ProblemGroup } from '../../../../../renderer/api/problems';
import { createI18n } from '../../../../../renderer/app/i18n';
import {
  ProblemCandidatesView,
  ProblemGroupView,
} from '../../../../../renderer/features/appeal/ProblemPanel';

const candidate: ProblemCandidate = {
  id: 'a-2',
  registrationNumber: null,
  subject: 'Нет горячей воды',
  status: 'new',
  channel: 'telegram',
  receivedAt: Date.UTC(2026, 0, 12),
  problemId: null,
  evidence: [
    { kind: 'place', match: 'house', place: 'ул. Ленина, 5' },
    { kind: 'category', category: 'utilities' },
    { kind: 'text', similarity: 0.62 },
    { kind: 'days', days: 3 },
  ],
};

const group: ProblemGroup = {
  id: 'p-1',
  count: 3,
  members: [
    { ...candidate, id: 'a-1', subject: 'Это обращение' },
    { ...candidate, id: 'a-2', registrationNumber: 'И-12', subject: 'Горячей воды нет третий день' },
  ],
};

const text = (markup: string) =>
  markup
    .replace(/<style[^>]*>.*?<\/style>/gs, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const formatDate = () => '12.01.2026';
const none = () => {};

function renderBoth(language: 'ru' | 'en') {
  return text(
    renderToStaticMarkup(
      <I18nextProvider i18n={createI18n(language)}>
        <ProblemCandidatesView
          candidates={[candidate]}
          busy={false}
          formatDate={formatDate}
          onOpen={none}
          onMerge={none}
        />
        <ProblemGroupView
          problem={group}
          appealId="a-1"
          busy={false}
          formatDate={formatDate}
          onOpen={none}
          onRemove={none}
          onAnswerAll={none}
        />
      </I18nextProvider>,
    ),
  );
}

describe('the problem group on the appeal card', () => {
  it('names each candidate’s evidence and offers to group it', () => {
    const shown = renderBoth('ru');
    expect(shown).toContain('Возможно, та же проблема');
    expect(shown).toContain('тот же адрес: ул. Ленина, 5');
    expect(shown).toContain('та же категория');
    expect(shown).toContain('похожий текст 0.62');
    expect(shown).toContain('разница 3 дн.');
    expect(shown).toContain('Объединить');
  });

  it('lists the group’s other members, its count and those outside the user’s departments', () => {
    const shown = renderBoth('ru');
    expect(shown).toContain('Обращений в группе: 3 · ещё 1 — вне ваших отделов');
    expect(shown).toContain('И-12 · 12.01.2026 · «Горячей воды нет третий день»');
    expect(shown).not.toContain('Это обращение');
    expect(shown).toContain('Ответить всем');
  });

  it('in English too, with no key left untranslated', () => {
    const shown = renderBoth('en');
    expect(shown).toContain('same address: ул. Ленина, 5');
    expect(shown).toContain('Appeals in the group: 3');
    expect(shown).toContain('Answer all');
    expect(shown).not.toMatch(/problems[:.]/);
  });
});
