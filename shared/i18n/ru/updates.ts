// Namespace "updates" (Russian, the reference): the desktop's version and its updates from the
// organisation's server (main/os/updates.ts), and the supervisor's list of desktops by version.
export default {
  profile: {
    title: 'Версия и обновления',
    appVersion: 'Версия программы',
    offeredVersion: 'Сервер предлагает',
    state: 'Обновление',
    checkedAt: 'Проверено {{time}}',
    check: 'Проверить обновления',
    none: '—',
  },
  phase: {
    idle: 'Ещё не проверялось',
    unavailable: 'Эта сборка не обновляется сама (запуск для разработки или браузер)',
    checking: 'Проверяется…',
    'no-release': 'Сервер организации пока не предлагает выпусков для этой системы',
    'up-to-date': 'Установлена версия, которую предлагает сервер',
    downloading: 'Загружается версия {{version}}: {{percent}} %',
    ready: 'Версия {{version}} загружена и будет установлена при следующем запуске программы',
    readyWaiting:
      'Версия {{version}} загружена. Она установится при следующем запуске после того, как все изменения уйдут на сервер',
    failed: 'Обновление не удалось',
  },
  downgrade: 'Администратор отозвал вашу версию: программа вернётся к версии {{version}}',
  failure: {
    checksum:
      'Загруженный файл обновления повреждён (контрольная сумма не совпала) и отброшен. Проверка повторится.',
    network: 'Сервер обновлений недоступен. Проверка повторится позже.',
    server: 'Сервер отказал в обновлении. Обратитесь к администратору.',
  },
  desktops: {
    title: 'Рабочие места',
    intro:
      'Какая версия программы работает на каждом рабочем месте и когда оно последний раз синхронизировалось.',
    user: 'Сотрудник',
    version: 'Версия',
    system: 'Система',
    lastSeen: 'Последнее обращение',
    lastSync: 'Последняя синхронизация',
    never: 'не было',
    empty: 'Рабочие места ещё не обращались к серверу.',
    failed: 'Список рабочих мест не загрузился.',
    retry: 'Обновить',
    count_one: '{{count}} рабочее место на версии {{version}}',
    count_few: '{{count}} рабочих места на версии {{version}}',
    count_many: '{{count}} рабочих мест на версии {{version}}',
    count_other: '{{count}} рабочего места на версии {{version}}',
    systems: { win: 'Windows', linux: 'Linux', unknown: '—' },
  },
} as const;
