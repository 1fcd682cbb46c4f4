import { maskPersonalData } from './text';

/**
 * Urgency by rules a moderator can read: danger to life or health, and the loss of heating, water,
 * power or gas. Each sign names the words that matched, so the suggestion says why; people at risk
 * (a small child, an elderly person) raise the confidence but are not urgent by themselves.
 */
export type UrgencySign =
  | 'no-heating'
  | 'no-water'
  | 'no-power'
  | 'gas'
  | 'fire'
  | 'flooding'
  | 'collapse'
  | 'open-manhole'
  | 'fallen-wires'
  | 'animal-attack'
  | 'ice'
  | 'health';

export interface UrgencySuggestion {
  readonly urgent: boolean;
  readonly confidence: number;
  readonly signs: readonly UrgencySign[];
  /** The words of the message that matched, as written after masking. */
  readonly because: readonly string[];
}

const no =
  '(?:нет|не\\s+дали|не\\s+включ\\S*|не\\s+подают|не\\s+бывает|отключ\\S*|отсутств\\S*|пропал\\S*|без|сидим\\s+без)';
const gap = '(?:\\s+\\S+){0,3}?\\s+';
const signs: readonly [UrgencySign, RegExp][] = [
  [
    'no-heating',
    new RegExp(
      `${no}${gap}(?:отоплени\\S*|тепла|теплоснабжени\\S*)|(?:отоплени\\S*|батаре\\S*|радиатор\\S*)${gap}(?:нет|не\\s+дали|не\\s+работа\\S*|холодн\\S*|ледян\\S*|не\\s+грею\\S*)|холодн\\S*\\s+батаре\\S*|\\b1[0-6]\\s+градус`,
      'u',
    ),
  ],
  [
    'no-water',
    new RegExp(
      `${no}${gap}(?:горяч\\S*\\s+|холодн\\S*\\s+)?(?:вод\\S*|водоснабжени\\S*)|(?:горяч\\S*\\s+|холодн\\S*\\s+)?(?:воды|водоснабжения)\\s+нет`,
      'u',
    ),
  ],
  [
    'no-power',
    new RegExp(
      `${no}${gap}(?:свет\\S*|электричеств\\S*|электроэнерги\\S*|энергоснабжени\\S*)|(?:свет|электричеств\\S*)\\s+(?:нет|отключа\\S*|пропада\\S*)`,
      'u',
    ),
  ],
  ['gas', /запах\S*\s+газа|утечк\S*\s+газа|пахнет\s+газом|(?:нет|отключ\S*)\s+газ/u],
  [
    'fire',
    /пожар\S*|задымлени\S*|возгорани\S*|(?<!\p{L})дым(?!\p{L})|горит\s+(?:дом|мусор|свалк\S*|трава|подъезд)/u,
  ],
  ['flooding', /прорыв\S*|прорвал\S*|затопил\S*|затоплен\S*|кипят\S*|заливает/u],
  [
    'collapse',
    /обрушени\S*|рухн\S*|может\s+упасть|упал\S*\s+на|(?:дерев\S*|столб\S*|опор\S*)\s+упал\S*|провал\S*|трещин\S*\s+(?:в\s+)?(?:стен|доме)/u,
  ],
  [
    'open-manhole',
    /открыт\S*\s+(?:канализационн\S*\s+)?(?:колодец|люк)|без\s+(?:крышки\s+)?люка|нет\s+(?:крышки\s+)?люка|колодец\s+открыт/u,
  ],
  [
    'fallen-wires',
    /оборван\S*\s+провод|провод\S*\s+(?:оборван|висит|лежит|провис)|на\s+провода|на\s+линии\s+электропередачи/u,
  ],
  ['animal-attack', /покусал\S*|бросаются|бросается|кидаются|напал\S*|укусил\S*/u],
  ['ice', /гололед\S*|наледь\S*/u],
  [
    'health',
    /угроз\S*\s+жизни|опасн\S*\s+для\s+(?:жизни|детей|людей)|скорая|температур\S*\s+у\s+ребенка|высокая\s+температура|давлени\S*|травм\S*|поранит\S*|аварийн\S*\s+ситуаци\S*|авари(?:и|я|ю|й)(?!\p{L})|опасно|стало\s+хуже|светофор\S*(?:\s+\S+){0,2}?\s+(?:не\s+работа\S*|выключен\S*)|не\s+работа\S*\s+светофор/u,
  ],
];
const atRisk =
  /ребен\S*|ребят\S*|дет(?:и|ей|ям|ьми)|малыш\S*|пожил\S*|старик\S*|инвалид\S*|беремен\S*|лежач\S*/u;

export function suggestUrgency(text: string): UrgencySuggestion {
  const masked = maskPersonalData(text);
  const found: UrgencySign[] = [];
  const because: string[] = [];
  for (const [sign, pattern] of signs) {
    const match = pattern.exec(masked);
    if (!match) continue;
    found.push(sign);
    because.push(match[0].replace(/[^\p{L}\p{N}\s-]/gu, '').trim());
  }
  const risk = atRisk.exec(masked);
  if (risk && found.length > 0) because.push(risk[0]);
  const urgent = found.length > 0;
  const confidence = urgent
    ? Math.min(0.95, 0.75 + 0.1 * (found.length - 1) + (risk ? 0.1 : 0))
    : risk
      ? 0.6
      : 0.8;
  return { urgent, confidence, signs: found, because };
}
