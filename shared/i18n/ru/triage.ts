// Namespace "triage" (Russian, the reference language): the desktop's side of triage (issue 13) —
// the inbox's «Не инциденты» and suggestions in the rows, and the reception form's offline suggestion.
export default {
  inbox: {
    decide: 'Выбранное сообщение',
    makeIncident: 'Это инцидент (I)',
    closeNotIncident: 'Не инцидент, закрыть (N)',
    madeIncident: 'Сообщение возвращено в работу как инцидент',
    closed: 'Сообщение закрыто: не инцидент',
    refused: 'Не удалось: у вашей роли нет такого действия или сообщение уже изменено',
    hint: 'I — это инцидент (в работу), N — не инцидент (закрыть без ответа), Alt+A — принять подсказку',
    accepted: 'Подсказка принята',
    acceptRefused: 'Подсказку не удалось принять: у вашей роли нет такого действия',
  },
  department: {
    fromChannel: 'организация ещё не распределяла такие обращения — это отдел по умолчанию для канала',
    fromCategoryMap: 'по справочнику категорий',
  },
  row: {
    label: 'Подсказка разбора: {{what}}',
    urgent: 'срочно',
  },
  reception: {
    title: 'Подсказка по тексту',
    category: 'Категория: {{category}}',
    department: 'Отдел: {{department}}',
    urgent: 'Срочно: {{signs}}',
    notUrgent: 'Признаков срочности нет',
    confidence: 'уверенность {{percent}} %',
    apply: 'Применить подсказку (Alt+A)',
    applied: 'Категория и отдел взяты из подсказки — проверьте их',
    fromCopy: 'Модель разбора на этом компьютере получена {{date}}; подсказка работает и без связи.',
    noModel:
      'Подсказки нет: модель разбора ещё не получена на этот компьютер. Она загрузится при следующем подключении к серверу.',
    notIncident: 'Похоже, это не обращение по существу (благодарность, вопрос, реклама…)',
  },
} as const;
