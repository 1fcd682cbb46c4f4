import { describe, expect, it } from 'vitest';
import { commandMatches } from '../../../../../renderer/app/palette/match';

describe('finding a command in the palette', () => {
  it.each(['прием', 'приём', 'приёма', 'Приема', 'при', 'карточка приёма'])(
    '«%s» finds «Новая карточка личного приёма»',
    (typed) => {
      expect(commandMatches('Новая карточка личного приёма', typed)).toBe(true);
    },
  );

  it('finds a screen by its name in the rail, given as keywords', () => {
    expect(commandMatches('Панель руководителя Контроль', 'контроля')).toBe(true);
  });

  it('needs every typed word', () => {
    expect(commandMatches('Перейти к поиску', 'поиск ответ')).toBe(false);
    expect(commandMatches('Перейти к поиску', 'ответ')).toBe(false);
  });

  it('an empty query finds everything', () => {
    expect(commandMatches('Синхронизировать сейчас', '  ')).toBe(true);
  });
});
