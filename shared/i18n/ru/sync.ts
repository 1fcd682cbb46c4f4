// Namespace "sync" (Russian): why the server refused or merged a user's change (server/src/sync/refusal.ts).
export default {
  refusal: {
    outOfScope: 'Обращение больше не относится к вашим отделам; изменение не принято.',
    readOnly: 'Эти данные нельзя изменять с рабочего места.',
    roleMayNotChange: 'Ваша роль не позволяет изменять эти поля.',
    serverOwned: 'Эти поля (регистрационный номер, сроки, статус доставки) задаёт сервер.',
    statusTransition: 'Переход статуса «{{from}}» → «{{to}}» недопустим для вашей роли.',
    concurrentEdit: 'Эти поля одновременно изменил другой сотрудник; сохранено его значение.',
    invalidDocument: 'Изменение не прошло проверку данных.',
    immutable: 'Отправленные сообщения нельзя изменить или удалить.',
  },
} as const;
