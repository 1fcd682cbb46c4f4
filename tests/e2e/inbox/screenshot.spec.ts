import { expect, test } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';
import {
  createAppeals,
  departmentsByCode,
  editAppeal,
  type NewAppeal,
  signIn,
  userIdByLogin,
} from '../support/okno-api';

// Writes the gallery docs/screenshots/{inbox,appeal,reception,control,archive}.png at 1440×900: the
// demo organisation with realistic appeals, in Russian, as a supervisor sees it. Seeds through the
// push API, so run it alone on a fresh server:
//   OKNO_SCREENSHOT=1 npx playwright test tests/e2e/inbox/screenshot.spec.ts
test.skip(process.env.OKNO_SCREENSHOT !== '1', 'screenshot only on request (OKNO_SCREENSHOT=1)');

const people = [
  ['Смирнова', 'Анна', 'Викторовна'],
  ['Кузьмин', 'Павел', 'Андреевич'],
  ['Орлова', 'Мария', 'Сергеевна'],
  ['Белов', 'Игорь', null],
  ['Захарова', 'Елена', 'Петровна'],
  ['Фёдоров', 'Николай', 'Иванович'],
] as const;

test('the gallery: inbox, appeal, reception, control and archive with demo appeals', async ({
  page,
  request,
}) => {
  const supervisor = await signIn(request, 'demo-supervisor');
  const d = await departmentsByCode(supervisor);
  const [roads, housing, social] = [d.ДТ!, d.ЖКХ!, d.СЗ!];
  const person = (i: number) => {
    const [lastName, firstName, patronymic] = people[i % people.length]!;
    return { lastName, firstName, patronymic };
  };
  const specs: NewAppeal[] = [
    {
      subject: 'Глубокая яма на ул. Ленина у дома 12',
      departmentId: roads,
      channel: 'vk',
      category: 'roads',
      receivedHoursAgo: 30,
    },
    {
      subject: 'Не горят фонари во дворе дома 5 по ул. Мира',
      departmentId: housing,
      channel: 'telegram',
      category: 'lighting',
      receivedHoursAgo: 3,
    },
    {
      subject: 'Не вывезен мусор с контейнерной площадки',
      departmentId: housing,
      channel: 'ok',
      category: 'waste',
      receivedHoursAgo: 52,
      urgent: true,
    },
    {
      subject: 'Прошу установить пешеходный переход у школы № 3',
      departmentId: roads,
      regime: 'formal',
      channel: 'reception',
      category: 'roads',
      receivedHoursAgo: 400,
    },
    {
      subject: 'Отсутствует горячая вода третьи сутки',
      departmentId: housing,
      channel: 'max',
      category: 'utilities',
      receivedHoursAgo: 6,
      urgent: true,
    },
    {
      subject: 'Автобус № 12 не ходит по расписанию',
      departmentId: roads,
      regime: 'portal',
      channel: 'portal',
      category: 'public-transport',
      receivedHoursAgo: 100,
    },
    {
      subject: 'Протекает крыша над подъездом',
      departmentId: housing,
      regime: 'portal',
      channel: 'portal',
      category: 'housing',
      receivedHoursAgo: 20,
    },
    {
      subject: 'О выплате пособия многодетной семье',
      departmentId: social,
      regime: 'formal',
      channel: 'post',
      category: 'social-support',
      receivedHoursAgo: 700,
    },
    {
      subject: 'Не убран снег на тротуаре ул. Садовой',
      departmentId: roads,
      channel: 'vk',
      category: 'roads',
      receivedHoursAgo: 2,
    },
    {
      subject: 'Жалоба на управляющую компанию',
      departmentId: housing,
      regime: 'formal',
      channel: 'email',
      category: 'housing',
      receivedHoursAgo: 200,
    },
    {
      subject: 'Сломана детская площадка во дворе',
      departmentId: housing,
      channel: 'telegram',
      category: 'courtyards',
      receivedHoursAgo: 12,
    },
    {
      subject: 'Прошу продлить маршрут автобуса до микрорайона',
      departmentId: roads,
      regime: 'formal',
      channel: 'vk',
      category: 'public-transport',
      receivedHoursAgo: 50,
    },
    {
      subject: 'Нет пандуса у входа в поликлинику',
      departmentId: social,
      regime: 'portal',
      channel: 'portal',
      category: 'social-support',
      receivedHoursAgo: 160,
    },
    {
      subject: 'Светофор на перекрёстке мигает жёлтым',
      departmentId: roads,
      channel: 'phone',
      category: 'roads',
      receivedHoursAgo: 1,
      urgent: true,
    },
    {
      subject: 'Запись в детский сад: нет мест',
      departmentId: social,
      regime: 'formal',
      channel: 'reception',
      category: 'education',
      receivedHoursAgo: 90,
    },
    {
      subject: 'Бездомные собаки у школы № 7',
      departmentId: housing,
      channel: 'ok',
      category: 'landscaping',
      receivedHoursAgo: 26,
    },
    {
      subject: 'Разбита дорога к садовому товариществу',
      departmentId: roads,
      regime: 'portal',
      channel: 'portal',
      category: 'roads',
      receivedHoursAgo: 240,
    },
    {
      subject: 'Холодные батареи в квартире',
      departmentId: housing,
      channel: 'max',
      category: 'utilities',
      receivedHoursAgo: 9,
    },
    {
      subject: 'Помощь пожилому соседу с доставкой продуктов',
      departmentId: social,
      channel: 'telegram',
      category: 'social-support',
      receivedHoursAgo: 4,
    },
    {
      subject: 'Не работает уличное освещение на ул. Заречной',
      departmentId: roads,
      regime: 'formal',
      channel: 'email',
      category: 'lighting',
      receivedHoursAgo: 30,
    },
    {
      subject: 'Незаконная свалка за гаражами',
      departmentId: housing,
      regime: 'portal',
      channel: 'portal',
      category: 'waste',
      receivedHoursAgo: 70,
    },
    {
      subject: 'Очередь на капремонт дома',
      departmentId: housing,
      regime: 'formal',
      channel: 'post',
      category: 'housing',
      receivedHoursAgo: 500,
    },
  ];
  const created = await createAppeals(
    supervisor,
    specs.map((spec, i) => ({ ...spec, text: `${spec.subject}. Прошу принять меры.`, applicant: person(i) })),
  );
  // Some are already in work: assigned to the demo operator (roads) or the head.
  const operatorId = await userIdByLogin(supervisor, 'Исполнитель Иванова А. С.');
  const headId = await userIdByLogin(supervisor, 'Начальник отдела Петров В. Н.');
  for (const index of [0, 3, 5, 8, 11])
    await editAppeal(supervisor, created[index].id, { assigneeId: operatorId });
  for (const index of [1, 6, 9]) await editAppeal(supervisor, created[index].id, { assigneeId: headId });

  // The archive: three appeals closed in the last weeks, with the outcomes officials record.
  const day = 24 * 3_600_000;
  const closed = await createAppeals(
    supervisor,
    [
      ['Ремонт тротуара на ул. Гагарина', roads, 'roads'],
      ['Перерасчёт платы за отопление', housing, 'utilities'],
      ['Неразборчивое письмо без обратного адреса', social, 'other'],
    ].map(([subject, departmentId, category], i) => ({
      subject: subject!,
      text: `${subject}. Прошу рассмотреть.`,
      departmentId: departmentId!,
      regime: 'formal' as const,
      channel: 'post' as const,
      category: category!,
      receivedAt: Date.now() - (40 - i * 10) * day,
      applicant: person(i + 2),
    })),
  );
  const outcomes = ['no_answer', 'left_without_answer_obscene', 'unreadable'] as const;
  for (const [i, appeal] of closed.entries()) {
    const answer = await editAppeal(supervisor, appeal.id, {
      status: 'closed',
      art11Outcome: outcomes[i],
      result: 'left_without_answer',
      classifierCode: '0001.0001.0001.0001',
      closedAt: Date.now() - (10 - i * 3) * day,
    });
    expect(answer.refusals).toEqual([]);
  }

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByLabel('Логин').fill('demo-supervisor');
  await page.getByLabel(/^Пароль/).fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByTestId('inbox-row'))
    .toHaveCount(Math.min(specs.length, 10), { timeout: 15_000 })
    .catch(() => {});
  await expect(page.getByTestId('inbox-count')).toHaveText(`Обращений: ${specs.length}`);
  await expect(page.getByTestId('sync-chip')).toHaveText('Синхронизировано');
  await page.getByTestId('inbox-row').nth(1).click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshots/inbox.png' });

  // The appeal card of a formal appeal in work.
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('пешеходный переход');
  await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 1');
  await page.getByTestId('inbox-row').first().dblclick();
  await expect(page.getByRole('heading', { level: 1, name: /пешеходный переход/ })).toBeVisible();
  await expect(page.getByTestId('appeal-kind')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshots/appeal.png' });
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill('');

  for (const [section, file] of [
    ['reception', 'reception'],
    ['supervisor', 'control'],
    ['archive', 'archive'],
  ] as const) {
    const entry = page.getByTestId(`nav-${section}`);
    // The archive joins the rail with its own screen; until then the gallery has four pictures.
    if ((await entry.count()) === 0) continue;
    await entry.click();
    await expect(entry).toHaveAttribute('aria-current', 'page');
    await page.waitForLoadState('networkidle');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screenshots/${file}.png` });
  }
});
