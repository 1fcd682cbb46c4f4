/**
 * Automatic checks of a staff answer before it goes out (issue 14): warnings the executor sees in
 * the composer and the head sees when approving; they never block sending. Measured on the team's
 * labelled set (tests/unit/shared/quality/labelled-answers.ts; precision and recall per check in
 * docs/DOMAIN.md «Качество ответов»):
 * - `tooShort`: an answer to a formal (59-FZ) appeal shorter than a minimum;
 * - `offTopic`: none of the appeal's key terms (stems of its content words) appears in the answer;
 * - `brushOff`: a bureaucratic brush-off phrase (the organisation's list) and nothing concrete —
 *   no number, date or deed done or planned;
 * - `refusalWithoutReason`, `refusalWithoutAppeal`: a refusal must give its ground and how to
 *   appeal it (59-FZ art. 10 part 1 item 4; art. 5 item 5).
 * Each warning's code is the i18n key `quality:checks.<code>`.
 */
import { termsOf } from '../search/tokens';

export type AnswerWarning =
  | { code: 'tooShort'; params: { min: number } }
  | { code: 'offTopic'; params: { terms: string } }
  | { code: 'brushOff'; params: { phrase: string } }
  | { code: 'refusalWithoutReason'; params: Record<string, never> }
  | { code: 'refusalWithoutAppeal'; params: Record<string, never> };

export type AnswerCheck = AnswerWarning['code'];
export const answerChecks: readonly AnswerCheck[] = [
  'tooShort',
  'offTopic',
  'brushOff',
  'refusalWithoutReason',
  'refusalWithoutAppeal',
];

/** Characters below which a formal answer is suspect (a 59-FZ answer states facts, grounds, deeds). */
const defaultMinimumLength = 120;

/** The brush-offs an organisation starts with; its administrators edit the list. */
export const defaultBrushOffPhrases: readonly string[] = [
  'к сведению',
  'будет рассмотрен в установленном порядке',
  'будет рассмотрено в установленном порядке',
  'в рамках компетенции',
  'по мере возможности',
  'по мере финансирования',
  'при наличии финансирования',
  'вопрос находится на контроле',
  'находится на контроле',
  'работа ведется',
  'ведется работа',
  'меры будут приняты',
  'будут приняты меры',
  'не представляется возможным',
];

interface AnswerCheckInput {
  /** The appeal's regime: `tooShort` applies to formal appeals only. */
  regime: string;
  /** The appeal's subject and text: where its key terms come from. */
  appealText: string;
  answer: string;
  brushOffPhrases?: readonly string[];
  minimumLength?: number;
}

/** Words that say nothing about the matter of an appeal (stems, as `termsOf` makes them). */
const stopTerms = new Set(
  termsOf(
    `здравствуйте добрый день уважаемый уважаемая прошу просим пожалуйста спасибо заранее
     помогите помочь сделать можно нужно надо очень уже ещё еще когда где почему какой какая
     который которая этот эта этом наш нашем мой моей мне нас вас вам ваш ваше вашего
     обращение обращаюсь жалоба заявление вопрос администрация администрации город города
     дом дома улица улице также только было были будет есть нет год года день дней время
     месяц неделю несколько раз просьба ответ ответить сообщаем сообщаю`,
  ),
);

/** The appeal's key terms: stems of its words of four letters or more that are not stop words. */
export function keyTerms(text: string): string[] {
  return termsOf(text.replace(/[\p{L}]+/gu, (word) => (word.length >= 4 ? word : ' '))).filter(
    (term) => term.length >= 3 && !/^\d+$/.test(term) && !stopTerms.has(term),
  );
}

const normalised = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

/** Something concrete: a number, a date, or a deed done or planned. */
const substance =
  /\d|выполнен|проведен|устранен|отремонтир|заменен|замен[аи]т|запланирован|включен|вывезен|убран|очищен|установлен|направлен|выдан|назначен|восстановлен|подключен|приступ|состоится|произведен|закупл|обследован|будет (?:выполнен|проведен|отремонтирован|заменен|установлен|устранен)/;

const refusal =
  /отказ|не может быть удовлетворен|не подлежит удовлетворению|оснований для [^.]{0,40}(?:нет|не имеется|отсутствуют)|отклонен|не представляется возможным|не можем/;
const refusalReason =
  /в связи с|поскольку|так как|по причине|в соответствии с|согласно|на основании|ввиду|вследствие|потому что/;
const appealRoute = /обжалова|вышестоящ|в суд|судебном порядке|прокуратур|может быть оспорен|вправе оспорить/;

export function checkAnswer(input: AnswerCheckInput): AnswerWarning[] {
  const answer = normalised(input.answer);
  const warnings: AnswerWarning[] = [];
  const minimum = input.minimumLength ?? defaultMinimumLength;
  if (input.regime === 'formal' && input.answer.trim().length < minimum) {
    warnings.push({ code: 'tooShort', params: { min: minimum } });
  }
  const terms = keyTerms(input.appealText);
  if (terms.length >= 2) {
    const answerTerms = new Set(termsOf(answer));
    if (!terms.some((term) => answerTerms.has(term))) {
      warnings.push({ code: 'offTopic', params: { terms: terms.slice(0, 5).join(', ') } });
    }
  }
  const phrases = (input.brushOffPhrases ?? defaultBrushOffPhrases)
    .map((p) => normalised(p).trim())
    .filter((p) => p !== '');
  const phrase = phrases.find((p) => answer.includes(p));
  // The brush-offs' own words («в установленном порядке») are no substance.
  const rest = phrases.reduce((text, p) => text.split(p).join(' '), answer);
  if (phrase && !substance.test(rest)) warnings.push({ code: 'brushOff', params: { phrase } });
  if (refusal.test(answer)) {
    if (!refusalReason.test(answer)) warnings.push({ code: 'refusalWithoutReason', params: {} });
    if (!appealRoute.test(answer)) warnings.push({ code: 'refusalWithoutAppeal', params: {} });
  }
  return warnings;
}
