// Namespace "sync" (Russian): why the server refused or merged a user's change (the codes: shared/sync/contract.ts;
// the desktop shows them through renderer/app/RefusalReason.tsx).
export default {
  refusal: {
    outOfScope: 'Обращение больше не относится к вашим отделам; изменение не принято.',
    readOnly: 'Эти данные нельзя изменять с рабочего места.',
    roleMayNotChange: 'Ваша роль не позволяет изменять эти поля.',
    serverOwned: 'Эти поля (регистрационный номер, сроки, статус доставки) задаёт сервер.',
    statusTransition:
      'Переход статуса «$t(domain:status.{{from}})» → «$t(domain:status.{{to}})» недопустим для вашей роли.',
    concurrentEdit: 'Эти поля одновременно изменил другой сотрудник; сохранено его значение.',
    invalidDocument: 'Изменение не прошло проверку данных.',
    immutable: 'Отправленные сообщения нельзя изменить или удалить.',
    closedAppeal: 'Обращение закрыто: тема, категория и срочность остаются такими, какими были при закрытии.',
    replyViaMissing: 'Не указан способ отправки ответа (исходный канал, электронная почта или почта).',
    replyViaChannel:
      'Ответ не принят: у обращения нет беседы в исходном канале (или ответ адресован другой беседе). Выберите электронную почту или почтовое письмо.',
    replyViaEmail:
      'Ответ не принят: заявитель не указал адрес электронной почты. Выберите другой способ ответа.',
    replyViaPost: 'Ответ не принят: заявитель не указал почтовый адрес. Выберите другой способ ответа.',
  },
  /** A refusal code this desktop does not know (a newer server). */
  otherRefusal: 'Сервер отклонил изменение.',
  delivery: {
    printRequired: 'Почтовый ответ: распечатайте письмо и отправьте его заявителю почтой.',
  },
} as const;
