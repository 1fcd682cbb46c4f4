import { commandsOf } from '../../../../../server/src/bot/commands';

describe('yes and no in the words people use', () => {
  it.each([
    'да',
    'Да!',
    'верно',
    'Верно.',
    'ок',
    'OK',
    'подтверждаю',
    'Всё верно',
    'ВСЕ ВЕРНО!!!',
    'да, всё верно',
    'правильно',
    'yes',
  ])('%j is a yes', (text) => {
    expect(commandsOf(text)).toContain('confirm');
  });

  it.each(['нет', 'Нет.', 'не так', 'Неверно!', 'неправильно', 'no', 'Исправить'])('%j is a no', (text) => {
    expect(commandsOf(text)).toContain('fix');
    expect(commandsOf(text)).not.toContain('confirm');
  });

  it('«нет» still refuses a contact, and a sentence is neither', () => {
    expect(commandsOf('нет')).toContain('no');
    expect(commandsOf('да, но в другом доме')).toEqual([]);
  });
});

describe('«Назад» goes back', () => {
  it.each(['Назад', 'назад!', 'вернуться', 'Back'])('%j is back', (text) => {
    expect(commandsOf(text)).toEqual(['back']);
  });
});

describe('after filing: an addition, a withdrawal, a copy of the answer', () => {
  it.each([
    ['Дополнить обращение', 'add'],
    ['дополнить', 'add'],
    ['Add to an appeal', 'add'],
    ['Отозвать обращение', 'withdraw'],
    ['отозвать', 'withdraw'],
    ['Копия ответа (PDF)', 'copy'],
    ['копия', 'copy'],
    ['PDF', 'copy'],
  ])('%j is %s', (text, command) => {
    expect(commandsOf(text)).toEqual([command]);
  });

  it('a sentence that starts with the word is an addition’s text, not the command', () => {
    expect(commandsOf('Дополнить обращение хочу фотографией ямы')).toEqual([]);
    expect(commandsOf('Отозвать не могу, проблема осталась')).toEqual([]);
  });
});
