/**
 * The demo organisation's territories and a year of its appeals (issue 14), so «Аналитика» tells a
 * story: potholes in Берёзовка (Северный район) in spring, no hot water in Сосновка (Заречный район)
 * in autumn, and this week no heating in Ключи — a surge the rise alert reports. The year's appeals
 * are closed incidents from the social networks (a few a day, ~550), written in one statement as the
 * server's own documents (seq under the organisation's lock, NOTIFY): no registration, no outbox, no
 * audit — they stand for the organisation's history, not for work done in this demo. Deterministic
 * (a fixed pseudo-random sequence), dated back from `now`.
 */
import type pg from 'pg';
import type { Appeal } from '../../../shared/model/appeal';
import { newAppeal } from '../../../shared/model/new-appeal';
import { inTransaction } from '../db/pool';
import { newId } from '../ids';
import { notifyChange } from '../sync/notifier';
import { createTerritory } from './store';

const day = 86_400_000;
const week = 7 * day;

interface DemoSettlement {
  name: string;
  district: string;
  variants: string[];
  streets: string[];
  /** the usual appeals a week of all categories */
  weekly: number;
}

const districts = ['Центральный район', 'Заречный район', 'Северный район'];
const settlements: DemoSettlement[] = [
  {
    name: 'Демо',
    district: 'Центральный район',
    variants: ['г. Демо'],
    streets: ['Ленина', 'Мира', 'Садовая', 'Центральная'],
    weekly: 4,
  },
  {
    name: 'Сосновка',
    district: 'Заречный район',
    variants: ['пос. Сосновый'],
    streets: ['Лесная', 'Речная'],
    weekly: 1.5,
  },
  { name: 'Ключи', district: 'Заречный район', variants: [], streets: ['Родниковая', 'Полевая'], weekly: 1 },
  {
    name: 'Берёзовка',
    district: 'Северный район',
    variants: [],
    streets: ['Школьная', 'Зелёная'],
    weekly: 1.5,
  },
  { name: 'Горки', district: 'Северный район', variants: [], streets: ['Нагорная'], weekly: 0.7 },
];

const subjects: Record<string, { department: string; texts: string[] }> = {
  roads: { department: 'ДТ', texts: ['Яма на дороге', 'Разбит асфальт', 'Не чистят дорогу от снега'] },
  'public-transport': {
    department: 'ДТ',
    texts: ['Автобус не пришёл по расписанию', 'Сломан павильон остановки'],
  },
  utilities: {
    department: 'ЖКХ',
    texts: ['Нет горячей воды', 'Слабый напор холодной воды', 'Течь в подвале'],
  },
  waste: { department: 'ЖКХ', texts: ['Не вывозят мусор', 'Переполнена контейнерная площадка'] },
  lighting: { department: 'ЖКХ', texts: ['Не горят фонари', 'Темно во дворе'] },
  courtyards: { department: 'ЖКХ', texts: ['Разбита детская площадка', 'Во дворе не убран снег'] },
  landscaping: { department: 'ЖКХ', texts: ['Не скошена трава', 'Аварийное дерево у дома'] },
};
const categories = Object.keys(subjects);
const people = [
  ['Смирнова', 'Анна'],
  ['Кузьмин', 'Павел'],
  ['Орлова', 'Мария'],
  ['Белов', 'Игорь'],
  ['Захарова', 'Елена'],
  ['Фёдоров', 'Николай'],
  ['Никитина', 'Ольга'],
  ['Громов', 'Сергей'],
] as const;

/** A fixed pseudo-random sequence (a linear congruential generator): the same demo every start. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Planned {
  settlement: DemoSettlement;
  category: string;
  subject: string;
  /** overrides the random street and house: the repeat place */
  place?: string;
  receivedAt: number;
}

function plan(now: number): Planned[] {
  const random = sequence(14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const planned: Planned[] = [];
  const add = (
    settlement: DemoSettlement,
    category: string,
    weekStart: number,
    subject?: string,
    place?: string,
  ) =>
    planned.push({
      settlement,
      category,
      subject: subject ?? pick(subjects[category]!.texts),
      ...(place ? { place } : {}),
      receivedAt: Math.round(Math.min(now - 3600_000, weekStart + random() * week)),
    });
  const byName = (name: string) => settlements.find((s) => s.name === name)!;
  for (let back = 52; back >= 0; back -= 1) {
    const start = now - (back + 1) * week + (back === 0 ? week - 4 * day : 0);
    const month = new Date(start + 3 * day).getUTCMonth() + 1;
    for (const settlement of settlements) {
      const count = Math.floor(settlement.weekly + random());
      for (let i = 0; i < count; i += 1) add(settlement, pick(categories), start);
    }
    // Spring: potholes after the thaw in Берёзовка, most of them on Школьная street by the school.
    if (back > 0 && (month === 3 || month === 4)) {
      for (let i = 0; i < 5; i += 1)
        add(byName('Берёзовка'), 'roads', start, 'Яма на дороге', i < 3 ? 'ул. Школьная, 7' : undefined);
    }
    // Autumn: no hot water in Сосновка while the boiler house is repaired.
    if (back > 0 && (month === 9 || month === 10)) {
      for (let i = 0; i < 4; i += 1)
        add(byName('Сосновка'), 'utilities', start, 'Нет горячей воды', i < 2 ? 'ул. Лесная, 12' : undefined);
    }
  }
  // This week: no heating in Ключи — a surge against its usual level.
  for (let i = 0; i < 8; i += 1)
    planned.push({
      settlement: byName('Ключи'),
      category: 'utilities',
      subject: 'Нет отопления',
      place: i < 4 ? 'ул. Родниковая, 3' : 'ул. Полевая, 8',
      receivedAt: now - Math.round((0.2 + i * 0.35) * day),
    });
  return planned;
}

function appealOf(
  item: Planned,
  index: number,
  orgId: string,
  departments: ReadonlyMap<string, string>,
  now: number,
): Appeal {
  const random = sequence(1000 + index);
  const street = item.settlement.streets[Math.floor(random() * item.settlement.streets.length)]!;
  const place = item.place ?? `ул. ${street}, ${1 + Math.floor(random() * 40)}`;
  const [lastName, firstName] = people[index % people.length]!;
  const answeredAt = Math.min(now - 60_000, item.receivedAt + Math.round((0.2 + random() * 2) * day));
  const channel = index % 3 === 0 ? 'telegram' : 'vk';
  const appeal = newAppeal({
    id: newId(item.receivedAt),
    orgId,
    regime: 'incident',
    channel,
    applicant: {
      applicantId: '',
      name: { lastName, firstName, patronymic: null },
      contacts: { phone: null, email: null, postalAddress: null },
      identification: 'none',
      passportMasked: null,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
    subject: `${item.subject}: ${item.settlement.name}`,
    text: `${item.subject}. ${item.settlement.name}, ${place}.`,
    category: item.category,
    departmentId: departments.get(subjects[item.category]!.department) ?? '',
    receivedAt: item.receivedAt,
    conversationId: '',
  });
  return { ...appeal, status: 'closed', answeredAt, closedAt: answeredAt, updatedAt: answeredAt };
}

/** Adds the demo territories and the year of appeals; returns how many appeals. */
export async function seedDemoYear(
  db: pg.Pool,
  orgId: string,
  departments: ReadonlyMap<string, string>,
  now = Date.now(),
): Promise<number> {
  const actor = { userId: null, deviceId: null };
  const districtIds = new Map<string, string>();
  for (const name of districts)
    districtIds.set(
      name,
      (
        await createTerritory(
          db,
          orgId,
          { kind: 'district', parentId: null, name, variants: [], streets: [] },
          actor,
        )
      ).id,
    );
  for (const s of settlements)
    await createTerritory(
      db,
      orgId,
      {
        kind: 'settlement',
        parentId: districtIds.get(s.district)!,
        name: s.name,
        variants: s.variants,
        streets: s.streets,
      },
      actor,
    );
  const appeals = plan(now).map((item, index) => appealOf(item, index, orgId, departments, now));
  const rows = appeals.map((appeal) => ({
    id: appeal.id,
    doc: { ...appeal, _deleted: false },
    departmentIds: appeal.departmentId ? [appeal.departmentId] : [],
  }));
  await inTransaction(db, async (tx) => {
    await tx.query('SELECT okno_sync_lock($1)', [orgId]);
    await tx.query(
      `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids)
       SELECT $1, r.id, okno_sync_next_seq($1), r.doc, ARRAY(SELECT jsonb_array_elements_text(r."departmentIds"))
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, doc jsonb, "departmentIds" jsonb)`,
      [orgId, JSON.stringify(rows)],
    );
    await notifyChange(tx, orgId);
  });
  return appeals.length;
}
