/**
 * Demo appeals for the demo organisation: a few dozen realistic appeals across channels, regimes
 * and departments, with the citizens' messages, so `npm start` opens on a working inbox.
 *
 * They enter exactly as a desktop's work would: each appeal is pushed through the replication
 * authority as the demo supervisor (registration numbers, deadlines, audit from the server), later
 * steps (taking it into work) are the shared status machine's actions pushed the same way, and the
 * conversations and messages are written as the server's own documents. No outbound messages are
 * created, so the outbox has nothing to send.
 */
import type pg from 'pg';
import { applyAction } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { Conversation, Message } from '../../../shared/model/conversation';
import { newAppeal } from '../../../shared/model/new-appeal';
import type { Channel, Regime } from '../../../shared/model/vocabulary';
import { linkConversation } from '../appeals/scope';
import type { AuthContext } from '../auth';
import { collectionNamed } from '../collections';
import { inTransaction } from '../db/pool';
import { newId } from '../ids';
import type { SyncDoc } from '../sync/docs';
import { applyPush } from '../sync/push';
import { writeServerDocs } from '../sync/server-writes';

interface DemoAppealSpec {
  regime: Regime;
  channel: Channel;
  department: string;
  /** Days before now the appeal arrived. */
  ageDays: number;
  applicant: [lastName: string, firstName: string, patronymic: string | null];
  category: string;
  subject: string;
  text: string;
  /** Taken into work by the demo operator (departments ДТ only) or assigned by the supervisor. */
  inWork?: boolean;
}

const specs: DemoAppealSpec[] = [
  {
    regime: 'incident',
    channel: 'vk',
    department: 'ДТ',
    ageDays: 0.1,
    applicant: ['Смирнов', 'Алексей', null],
    category: 'roads',
    subject: 'Яма на дороге',
    text: 'На ул. Ленина у дома 15 огромная яма, вчера пробил колесо. Когда заделают?',
  },
  {
    regime: 'incident',
    channel: 'telegram',
    department: 'ДТ',
    ageDays: 0.4,
    applicant: ['Кузьмина', 'Ольга', null],
    category: 'public-transport',
    subject: 'Автобус №7 не ходит',
    text: 'Автобус №7 второй день не выходит на маршрут утром, люди не могут уехать на работу.',
  },
  {
    regime: 'incident',
    channel: 'max',
    department: 'ЖКХ',
    ageDays: 2,
    applicant: ['Орлов', 'Дмитрий', null],
    category: 'waste',
    subject: 'Не вывозят мусор',
    text: 'Контейнерная площадка на ул. Мира, 3 переполнена, мусор не вывозят неделю.',
  },
  {
    regime: 'incident',
    channel: 'ok',
    department: 'ЖКХ',
    ageDays: 1,
    applicant: ['Васильева', 'Нина', null],
    category: 'lighting',
    subject: 'Не горят фонари',
    text: 'Во дворе домов 10–12 по ул. Садовой не горят фонари, вечером очень темно.',
  },
  {
    regime: 'incident',
    channel: 'vk',
    department: 'ДТ',
    ageDays: 5,
    applicant: ['Никитин', 'Павел', null],
    category: 'roads',
    subject: 'Не почищен тротуар',
    text: 'Тротуар вдоль школы №4 не чищен от снега, дети идут по проезжей части.',
    inWork: true,
  },
  {
    regime: 'portal',
    channel: 'portal',
    department: 'ДТ',
    ageDays: 3,
    applicant: ['Фёдорова', 'Анна', 'Игоревна'],
    category: 'roads',
    subject: 'Разметка на перекрёстке',
    text: 'На перекрёстке ул. Гагарина и пр. Победы стёрлась разметка пешеходного перехода.',
  },
  {
    regime: 'portal',
    channel: 'portal',
    department: 'ЖКХ',
    ageDays: 16,
    applicant: ['Белов', 'Сергей', 'Андреевич'],
    category: 'courtyards',
    subject: 'Сломана детская площадка',
    text: 'Во дворе дома 8 по ул. Чехова сломаны качели, торчат болты — опасно для детей.',
  },
  {
    regime: 'portal',
    channel: 'portal',
    department: 'СЗ',
    ageDays: 4,
    applicant: ['Григорьева', 'Елена', 'Викторовна'],
    category: 'social-support',
    subject: 'Компенсация за газ',
    text: 'Подала документы на компенсацию за газификацию в сентябре, ответа нет.',
  },
  {
    regime: 'formal',
    channel: 'reception',
    department: 'ЖКХ',
    ageDays: 1,
    applicant: ['Соколов', 'Иван', 'Петрович'],
    category: 'utilities',
    subject: 'Нет горячей воды',
    text: 'Прошу принять меры: в доме 5 по ул. Советской третью неделю нет горячей воды. Управляющая компания не отвечает.',
  },
  {
    regime: 'formal',
    channel: 'telegram',
    department: 'ДТ',
    ageDays: 2,
    applicant: ['Морозова', 'Татьяна', 'Сергеевна'],
    category: 'roads',
    subject: 'Ремонт дороги в посёлке',
    text: 'Прошу включить в план ремонта дорогу по ул. Лесной в пос. Заречный: асфальта нет с 2010 года.',
    inWork: true,
  },
  {
    regime: 'formal',
    channel: 'vk',
    department: 'СЗ',
    ageDays: 0.5,
    applicant: ['Лебедев', 'Николай', 'Иванович'],
    category: 'social-support',
    subject: 'Помощь ветерану',
    text: 'Прошу оказать материальную помощь на ремонт крыши дома ветерану труда.',
  },
  {
    regime: 'formal',
    channel: 'post',
    department: 'ЖКХ',
    ageDays: 3,
    applicant: ['Новикова', 'Галина', 'Фёдоровна'],
    category: 'housing',
    subject: 'Аварийный дом',
    text: 'Прошу признать дом 14 по ул. Заводской аварийным: трещины в несущих стенах, обследование прилагаю.',
  },
  {
    regime: 'formal',
    channel: 'portal',
    department: 'ДТ',
    ageDays: 1,
    applicant: ['Попов', 'Андрей', 'Олегович'],
    category: 'public-transport',
    subject: 'Новая остановка',
    text: 'Предлагаю организовать остановку общественного транспорта у нового микрорайона «Северный».',
  },
  {
    regime: 'formal',
    channel: 'phone',
    department: 'СЗ',
    ageDays: 2,
    applicant: ['Зайцева', 'Людмила', 'Павловна'],
    category: 'healthcare',
    subject: 'Запись к врачу',
    text: 'Не могу записаться к эндокринологу в поликлинику №2 больше месяца, прошу разобраться.',
  },
  {
    regime: 'incident',
    channel: 'telegram',
    department: 'ЖКХ',
    ageDays: 0.2,
    applicant: ['Егоров', 'Максим', null],
    category: 'utilities',
    subject: 'Прорыв трубы',
    text: 'На ул. Пушкина, 22 прорвало трубу, вода течёт по улице, срочно!',
  },
  {
    regime: 'incident',
    channel: 'vk',
    department: '',
    ageDays: 0.05,
    applicant: ['Ковалёва', 'Ирина', null],
    category: 'landscaping',
    subject: 'Упало дерево',
    text: 'В парке у фонтана упало дерево на дорожку, пройти нельзя.',
  },
  {
    regime: 'portal',
    channel: 'portal',
    department: '',
    ageDays: 0.3,
    applicant: ['Тихонов', 'Роман', 'Алексеевич'],
    category: 'education',
    subject: 'Очередь в детский сад',
    text: 'Как узнать номер в очереди в детский сад? В личном кабинете ошибка.',
  },
  {
    regime: 'incident',
    channel: 'max',
    department: 'ДТ',
    ageDays: 8,
    applicant: ['Степанов', 'Олег', null],
    category: 'roads',
    subject: 'Светофор не работает',
    text: 'Светофор на пересечении ул. Кирова и ул. Мира мигает жёлтым уже три дня.',
    inWork: true,
  },
];

const networkChannels = new Set<Channel>(['vk', 'ok', 'telegram', 'max']);
const day = 86_400_000;

function appealDoc(spec: DemoAppealSpec, orgId: string, departmentId: string, now: number): Appeal {
  const receivedAt = Math.round(now - spec.ageDays * day);
  const [lastName, firstName, patronymic] = spec.applicant;
  const viaNetwork = networkChannels.has(spec.channel);
  const formal = spec.regime === 'formal';
  return newAppeal({
    id: newId(receivedAt),
    orgId,
    regime: spec.regime,
    channel: spec.channel,
    kind: { form: formal ? 'application' : null },
    applicant: {
      applicantId: '',
      name: { lastName, firstName, patronymic },
      contacts: {
        phone: `+7912${String(receivedAt % 10_000_000).padStart(7, '0')}`,
        email: null,
        postalAddress: formal ? '123456, г. Демо, ул. Центральная, д. 1' : null,
      },
      identification: !formal
        ? 'none'
        : viaNetwork
          ? 'social-passport'
          : spec.channel === 'portal'
            ? 'esia'
            : 'in-person-document',
      passportMasked: formal && spec.channel !== 'portal' ? '45 ** ***456' : null,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
    subject: spec.subject,
    text: spec.text,
    category: spec.category,
    departmentId,
    receivedAt,
    conversationId: viaNetwork ? newId(receivedAt - 1) : '',
  });
}

async function push(db: pg.Pool, auth: AuthContext, doc: SyncDoc, assumed: SyncDoc | null): Promise<SyncDoc> {
  const { conflicts, refusals } = await applyPush(db, collectionNamed('appeals'), auth, [
    { id: String(doc.id), newDoc: doc, assumed },
  ]);
  if (refusals.length > 0) throw new Error(`demo appeal refused: ${JSON.stringify(refusals[0])}`);
  return conflicts[0] ?? doc;
}

/** Creates the demo appeals; `departments` maps a department code to its id. */
export async function seedDemoAppeals(
  db: pg.Pool,
  orgId: string,
  departments: ReadonlyMap<string, string>,
  supervisor: AuthContext,
  operatorId: string,
  now = Date.now(),
): Promise<number> {
  const conversations: SyncDoc[] = [];
  const messages: SyncDoc[] = [];
  for (const spec of specs) {
    const departmentId = spec.department ? (departments.get(spec.department) ?? '') : '';
    const created = { ...appealDoc(spec, orgId, departmentId, now), _deleted: false } as SyncDoc;
    // Pushed as a desktop would (no conversation: the link is the server's), linked below.
    let master = await push(db, supervisor, { ...created, conversationId: '' }, null);
    if (spec.inWork && departmentId) {
      const assigned = applyAction(
        master as never,
        'assign',
        { role: 'supervisor', userId: supervisor.userId },
        { assigneeId: operatorId },
        now,
      );
      if (!assigned.ok) throw new Error(`demo assign refused: ${assigned.error.code}`);
      const next = { ...master, ...assigned.value.changes, status: assigned.value.status, updatedAt: now };
      master = await push(db, supervisor, next as SyncDoc, master);
    }
    if (!created.conversationId) continue;
    await inTransaction(db, (tx) =>
      linkConversation(tx, orgId, String(created.id), String(created.conversationId)),
    );
    const name = `${spec.applicant[1]} ${spec.applicant[0]}`;
    const receivedAt = Number(created.receivedAt);
    const conversation: Conversation = {
      id: String(created.conversationId),
      orgId,
      channel: spec.channel,
      peer: {
        chatId: String(receivedAt % 1_000_000_000),
        userId: String(receivedAt % 1_000_000_000),
        communityId: 'demo',
      },
      applicantId: '',
      applicantDisplayName: name,
      subject: spec.subject,
      lastMessageAt: receivedAt,
      updatedAt: now,
    };
    const message: Message = {
      id: newId(receivedAt + 1),
      orgId,
      conversationId: conversation.id,
      appealId: String(created.id),
      direction: 'in',
      author: { kind: 'applicant', userId: null, displayName: name },
      text: spec.text,
      attachments: [],
      createdAt: receivedAt,
      replyVia: null,
      deliveryStatus: 'delivered',
      deliveryError: null,
      updatedAt: now,
    };
    conversations.push({ ...conversation, _deleted: false } as unknown as SyncDoc);
    messages.push({ ...message, _deleted: false } as unknown as SyncDoc);
  }
  await writeServerDocs(db, 'conversations', orgId, conversations);
  await writeServerDocs(db, 'messages', orgId, messages);
  return specs.length;
}
