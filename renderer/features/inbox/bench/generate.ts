/** 100,000 plausible appeals for the inbox benchmark: deterministic, every channel, regime and status. */

import type { Appeal } from '../../../../shared/model/appeal';
import { newAppeal } from '../../../../shared/model/new-appeal';
import { noDueAt } from '../../../../shared/model/primitives';
import { type AppealStatus, channels, type Regime } from '../../../../shared/model/vocabulary';

export const benchDepartments = Array.from({ length: 12 }, (_, i) => `dept-${i}`);
export const benchUsers = Array.from({ length: 60 }, (_, i) => `user-${i}`);

const subjects = [
  'Яма на дороге',
  'Не вывезен мусор',
  'Не горят фонари',
  'Нет горячей воды',
  'Холодные батареи',
  'Сломана детская площадка',
  'Не убран снег',
  'Автобус не ходит по расписанию',
  'Протекает крыша',
  'Бездомные собаки',
  'Незаконная свалка',
  'Нет пандуса',
  'Запись в детский сад',
  'Разбит тротуар',
  'Не работает светофор',
  'Шум от стройки ночью',
  'Затоплен подвал',
  'Упало дерево',
];
const places = [
  'на ул. Ленина',
  'во дворе дома',
  'у школы',
  'на ул. Мира',
  'в микрорайоне Северный',
  'у остановки',
  'на набережной',
  'в садовом товариществе',
];
const phrases = [
  'Прошу принять меры как можно скорее.',
  'Обращаюсь уже не первый раз.',
  'Жители дома очень недовольны.',
  'Фотографии прилагаю.',
  'Ситуация опасна для детей.',
  'Управляющая компания не реагирует.',
  'Проблема длится больше месяца.',
  'Просим сообщить сроки устранения.',
];
const lastNames = [
  'Иванов',
  'Смирнова',
  'Кузнецов',
  'Попова',
  'Соколов',
  'Лебедева',
  'Козлов',
  'Новикова',
  'Морозов',
  'Петрова',
  'Волков',
  'Соловьёва',
];
const firstNames = ['Анна', 'Иван', 'Мария', 'Пётр', 'Елена', 'Олег', 'Ольга', 'Сергей'];
const categories = [
  'roads',
  'waste',
  'lighting',
  'utilities',
  'courtyards',
  'public-transport',
  'housing',
  'social-support',
  'landscaping',
  'education',
];
const statusesOf: Record<Regime, AppealStatus[]> = {
  incident: ['new', 'new', 'in_progress', 'in_progress', 'interim_answered', 'answered', 'closed', 'closed'],
  portal: ['new', 'in_progress', 'in_progress', 'answered', 'closed', 'closed'],
  formal: ['registered', 'in_progress', 'in_progress', 'documents_requested', 'answered', 'closed', 'closed'],
};

/** A small deterministic generator, so every run benchmarks the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchAppeals(count: number, now: number): Appeal[] {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const appeals: Appeal[] = [];
  for (let i = 0; i < count; i++) {
    const regime = pick(['incident', 'incident', 'portal', 'formal'] as const);
    const status = pick(statusesOf[regime]);
    const closed = status === 'closed';
    const receivedAt = now - Math.floor(next() * 365 * 24 * 3_600_000);
    const span = regime === 'incident' ? 3 * 24 * 3_600_000 : 40 * 24 * 3_600_000;
    const dueAt = closed ? noDueAt : now - span / 2 + Math.floor(next() * span);
    const departmentId = pick(benchDepartments);
    const assigneeId = status === 'new' || status === 'registered' ? '' : pick(benchUsers);
    const subject = `${pick(subjects)} ${pick(places)}`;
    const text = `${subject}. ${pick(phrases)} ${pick(phrases)} ${pick(phrases)}`;
    const registered = regime === 'formal';
    appeals.push({
      ...newAppeal({
        id: `bench-${i.toString(36).padStart(6, '0')}`,
        orgId: 'org-bench',
        regime,
        channel: pick(channels),
        urgent: next() < 0.05,
        applicant: {
          applicantId: null,
          name: { lastName: pick(lastNames), firstName: pick(firstNames), patronymic: null },
          contacts: { phone: '+79000000000', email: null, postalAddress: null },
          identification: 'none',
          passportMasked: null,
          nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
        },
        subject,
        text,
        category: pick(categories),
        departmentId,
        receivedAt,
        conversationId: '',
      }),
      // A year of work: appeals in every status, as replication would deliver them.
      assigneeId,
      status,
      registrationNumber: registered ? `ОГ-2026-${String(i).padStart(6, '0')}` : null,
      registeredAt: registered ? receivedAt : null,
      dueAt,
      closedAt: closed ? receivedAt : null,
    });
  }
  return appeals;
}
