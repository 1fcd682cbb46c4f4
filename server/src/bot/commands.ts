/**
 * Reading commands: a button press (its label arrives as text, or VK's payload carries the
 * command) and typed commands in Russian or English are the same thing. A command is recognised
 * only when it is the whole message, so an appeal text that starts with «Статус…» stays text.
 */
import { resources } from '../../../shared/i18n/resources';

const commands = [
  'start',
  'file',
  'status',
  'mine',
  'operator',
  'cancel',
  'agree',
  'confirm',
  'fix',
  'citizen',
  'organisation',
  'individual',
  'collective',
  'done',
  'no',
  'send',
  'back',
  'add',
  'withdraw',
  'copy',
] as const;
export type Command = (typeof commands)[number];

const synonyms: Record<Command, string[]> = {
  start: ['start', 'старт', 'начать', 'меню', 'menu', 'help', 'помощь', 'привет', 'здравствуйте'],
  file: ['подать', 'file', 'подать обращение'],
  status: ['статус', 'status'],
  mine: ['мои', 'my', 'мои обращения'],
  operator: ['оператор', 'operator'],
  cancel: ['отмена', 'отменить', 'cancel', 'стоп', 'stop'],
  agree: ['согласен', 'согласна', 'да', 'yes', 'agree'],
  // Yes and no in the words people use, at every confirmation (the summary «Всё верно?» included).
  confirm: [
    'подтверждаю',
    'да',
    'ага',
    'верно',
    'все верно',
    'да все верно',
    'да верно',
    'правильно',
    'все правильно',
    'ок',
    'окей',
    'хорошо',
    'yes',
    'ok',
    'okay',
    'right',
    'confirm',
  ],
  fix: ['исправить', 'нет', 'не так', 'неверно', 'не верно', 'неправильно', 'no', 'wrong', 'correct', 'fix'],
  citizen: ['гражданин', 'citizen'],
  organisation: ['организация', 'organisation', 'organization'],
  individual: ['индивидуальное', 'individual'],
  collective: ['коллективное', 'collective'],
  done: ['готово', 'далее', 'done', 'next', 'пропустить', 'skip'],
  no: ['нет', 'no', '-', '—'],
  send: ['отправить', 'submit', 'send'],
  back: ['назад', 'вернуться', 'шаг назад', 'back', 'go back'],
  // After filing (issue 12): an addition, a withdrawal, a copy of the answer.
  add: ['дополнить', 'дополнение', 'добавить', 'add', 'addition'],
  withdraw: ['отозвать', 'отзыв', 'отозвать обращение', 'withdraw'],
  copy: ['копия', 'копия ответа', 'копию ответа', 'pdf', 'ответ pdf', 'copy', 'answer copy'],
};

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/^\//, '')
    .replace(/@\w+$/, '') // Telegram: /start@okno_bot
    .replace(/[^\p{L}\p{N}\s\-—]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const table = new Map<string, Command[]>();
for (const command of commands) {
  const labels = Object.values(resources).map((language) =>
    command === 'start' ? '' : ((language.bot.button as Record<string, string>)[command] ?? ''),
  );
  for (const word of [...synonyms[command], ...labels]) {
    const key = normalise(word);
    const known = table.get(key) ?? [];
    if (!key || known.includes(command)) continue;
    table.set(key, [...known, command]);
  }
}

/** Commands the message could mean (`да` is both agree and confirm; the step decides). */
export function commandsOf(text: string, payloadCommand?: string | null): Command[] {
  if (payloadCommand && (commands as readonly string[]).includes(payloadCommand))
    return [payloadCommand as Command];
  return table.get(normalise(text)) ?? [];
}

/** «статус ОГ-2026-000001» / «status 12/2026»: the number, when a status request carries one. */
export function statusNumberOf(text: string): string | null {
  const match = /^\/?(?:статус|status)\s+(.{1,40})$/iu.exec(text.trim());
  return match?.[1]?.trim() ?? null;
}
