// Namespace "deadlines" (Russian, the reference language).
export default {
  warnings: {
    calendarMissing:
      'Нет производственного календаря на {{year}} год: учтены только выходные и праздники ст. 112 ТК РФ, без переносов. Проверьте срок.',
    registrationAssumed:
      'Обращение ещё не зарегистрировано: срок рассчитан от последнего допустимого дня регистрации.',
    registeredLate: 'Обращение зарегистрировано позже срока регистрации ({{registrationDue}}).',
    portalCategoryDefault:
      'Для категории «{{category}}» срок не настроен: применён срок по умолчанию, {{days}} рабочих дней.',
  },
  errors: {
    invalidInput: 'Неполные данные для расчёта срока.',
    invalidDate: 'Поле «{{field}}»: дата не в формате ISO (ГГГГ-ММ-ДД или ГГГГ-ММ-ДДTчч:мм±чч:мм).',
    dateOutOfRange: 'Поле «{{field}}»: дата вне допустимого диапазона ({{first}}–{{last}} гг.).',
    unknownTimeZone: 'Неизвестный часовой пояс организации: {{timeZone}}.',
    unknownRegime: 'Неизвестный режим обращения: {{regime}}.',
    invalidShiftRule: 'Правило переноса контрольной даты должно быть «next» или «previous».',
    invalidWorkingHours: 'Неверные часы работы: нужен формат чч:мм, и рабочий день длиннее одного часа.',
    invalidSetting: 'Неверная настройка сроков организации: {{setting}}.',
    invalidCalendar: 'Производственный календарь организации повреждён или не содержит рабочих дней.',
    extensionOutOfRange: 'Продление срока — целое число дней от 0 до {{max}} (указано: {{extensionDays}}).',
    unknownSpecial: 'Неизвестный особый случай срока.',
    notApplicable: 'Поле «{{field}}» не применяется к режиму «{{regime}}».',
    registeredBeforeReceived: 'Дата регистрации раньше даты поступления обращения.',
    calendarMalformed: 'Файл не похож на производственный календарь в формате xmlcalendar.',
    calendarTooLarge: 'Файл календаря слишком большой (не более {{maxBytes}} байт).',
    calendarUnsafe: 'Файл календаря содержит DTD или сущности XML и не может быть загружен.',
    calendarYear: 'В календаре не указан допустимый год (указано: {{year}}).',
    calendarDay: 'Календарь на {{year}} год: неверная запись дня {{day}}.',
    calendarDuplicateDay: 'Календарь на {{year}} год: день {{day}} указан дважды.',
    calendarFewWorkingDays:
      'Календарь на {{year}} год: всего {{workingDays}} рабочих дней (в производственном календаре не меньше {{min}}).',
  },
} as const;
