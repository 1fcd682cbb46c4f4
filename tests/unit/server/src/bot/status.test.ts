import { isOpen, type OwnAppeal, statusLine } from '../../../../../server/src/bot/status';

const registeredAt = Date.UTC(2026, 2, 2, 9);
const appeal = (overrides: Partial<OwnAppeal> = {}): OwnAppeal => ({
  appealId: 'appeal-1',
  conversationId: 'conversation-1',
  number: 'ОГ-2026-000007',
  registeredAt,
  status: 'in_progress',
  legalDeadline: '2026-04-01',
  answeredAt: null,
  result: null,
  withdrawnAt: null,
  ...overrides,
});

describe('«Мои обращения»: one appeal in a line', () => {
  it('while considered: the status and the deadline by law', () => {
    expect(statusLine('ru', appeal())).toBe(
      '№ ОГ-2026-000007 от 02.03.2026 — В работе. Срок ответа: 01.04.2026.',
    );
    expect(isOpen(appeal())).toBe(true);
  });

  it('once answered: when, and no deadline', () => {
    const answered = appeal({ status: 'answered', answeredAt: Date.UTC(2026, 2, 20, 9) });
    expect(statusLine('ru', answered)).toBe('№ ОГ-2026-000007 от 02.03.2026 — дан ответ 20.03.2026.');
    expect(isOpen(answered)).toBe(false);
  });

  it('once closed, forwarded or merged: the result reported, or what happened to it', () => {
    expect(statusLine('ru', appeal({ status: 'closed', result: 'supported' }))).toBe(
      '№ ОГ-2026-000007 от 02.03.2026 — рассмотрение завершено: Поддержано.',
    );
    expect(statusLine('ru', appeal({ status: 'forwarded', result: 'forwarded_by_competence' }))).toContain(
      'рассмотрение завершено: Направлено по компетенции.',
    );
    expect(statusLine('ru', appeal({ status: 'merged' }))).not.toContain('Срок ответа');
  });

  it('once withdrawn by the citizen: so, and when', () => {
    const withdrawn = appeal({
      status: 'closed',
      result: 'left_without_answer',
      withdrawnAt: Date.UTC(2026, 2, 5, 9),
    });
    expect(statusLine('ru', withdrawn)).toBe(
      '№ ОГ-2026-000007 от 02.03.2026 — отозвано вами 05.03.2026, рассмотрение прекращено.',
    );
    expect(statusLine('en', withdrawn)).toContain('withdrawn by you on 05 Mar 2026');
    expect(isOpen(withdrawn)).toBe(false);
  });
});
