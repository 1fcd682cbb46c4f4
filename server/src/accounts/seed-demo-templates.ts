/**
 * The demo organisation's answer templates (issue 10): a few every desk uses and some for each demo
 * department, written as the server (sync/server-writes.ts) so desktops pull them like any other
 * template. Idempotent: fixed ids, and a template already there — edited or deleted by someone trying
 * the demo — is left as it is.
 */
import type pg from 'pg';
import type { AnswerTemplate } from '../../../shared/model/answer-template';
import { writeServerDocs } from '../sync/server-writes';

type DemoTemplate = Pick<AnswerTemplate, 'title' | 'body' | 'categoryCode'> & {
  id: string;
  /** Demo department code; null: the whole organisation. */
  department: string | null;
};

const signature = '\n\nИсполнитель: {{officialName}}, {{departmentName}}';

const demoTemplates: readonly DemoTemplate[] = [
  {
    id: 'demo-template-registered',
    department: null,
    categoryCode: null,
    title: 'Обращение зарегистрировано',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nВаше обращение «{{subject}}» зарегистрировано {{registeredAt}} под номером ' +
      '{{registrationNumber}}. В соответствии с Федеральным законом от 02.05.2006 № 59-ФЗ ответ будет дан ' +
      'не позднее {{legalDeadline}}.' +
      signature,
  },
  {
    id: 'demo-template-more-details',
    department: null,
    categoryCode: null,
    title: 'Запрос уточнений у заявителя',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nДля рассмотрения Вашего обращения № {{registrationNumber}} просим уточнить ' +
      'адрес (улица, номер дома, подъезд) и, если возможно, приложить фотографию. Срок рассмотрения обращения ' +
      'при этом не прерывается.' +
      signature,
  },
  {
    id: 'demo-template-forwarded',
    department: null,
    categoryCode: null,
    title: 'Вопрос не относится к компетенции администрации',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nВопрос, поставленный в обращении «{{subject}}», не относится к компетенции ' +
      'администрации города. В соответствии с ч. 3 ст. 8 Федерального закона № 59-ФЗ обращение направлено ' +
      'по компетенции, о чём Вам сообщено отдельно.' +
      signature,
  },
  {
    id: 'demo-template-potholes',
    department: 'ДТ',
    categoryCode: 'roads',
    title: 'Ямочный ремонт включён в план работ',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nПо Вашему обращению № {{registrationNumber}} от {{registeredAt}} проведено ' +
      'обследование участка дороги. Ямочный ремонт включён в план работ подрядной организации на текущий ' +
      'сезон; работы выполняются при температуре воздуха не ниже +5 °C.' +
      signature,
  },
  {
    id: 'demo-template-snow',
    department: 'ДТ',
    categoryCode: 'roads',
    title: 'Уборка снега: заявка передана подрядчику',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nИнформация, изложенная в обращении «{{subject}}», передана подрядной ' +
      'организации, содержащей улично-дорожную сеть. Уборка снега на указанном участке будет выполнена ' +
      'в течение трёх суток. Контроль исполнения возложен на отдел «{{departmentName}}».' +
      signature,
  },
  {
    id: 'demo-template-bus-schedule',
    department: 'ДТ',
    categoryCode: 'public-transport',
    title: 'Расписание маршрута: проверка перевозчика',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nПо Вашему обращению № {{registrationNumber}} перевозчику направлено ' +
      'требование о соблюдении расписания движения. Проверка соблюдения расписания будет проведена ' +
      'в течение месяца, о её результатах Вы будете проинформированы.' +
      signature,
  },
  {
    id: 'demo-template-hot-water',
    department: 'ЖКХ',
    categoryCode: 'utilities',
    title: 'Отключение горячей воды: плановые работы',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nОтключение горячего водоснабжения по Вашему адресу связано с плановыми ' +
      'работами ресурсоснабжающей организации по подготовке к отопительному периоду. Продолжительность ' +
      'отключения не превышает 14 суток (СанПиН 2.1.3684-21).' +
      signature,
  },
  {
    id: 'demo-template-management-company',
    department: 'ЖКХ',
    categoryCode: 'housing',
    title: 'Обязанности управляющей компании',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nСодержание общего имущества многоквартирного дома является обязанностью ' +
      'управляющей организации. По Вашему обращению № {{registrationNumber}} в управляющую организацию ' +
      'направлено требование устранить нарушения; при их неустранении Вы вправе обратиться в Государственную ' +
      'жилищную инспекцию.' +
      signature,
  },
  {
    id: 'demo-template-social-documents',
    department: 'СЗ',
    categoryCode: 'social-support',
    title: 'Меры социальной поддержки: перечень документов',
    body:
      'Уважаемый(ая) {{applicantName}}!\n\nДля назначения мер социальной поддержки необходимо представить заявление, ' +
      'паспорт, СНИЛС и документы, подтверждающие право на меру поддержки. Документы принимаются в МФЦ ' +
      'или через портал Госуслуг.' +
      signature,
  },
];

/** Writes the demo templates the organisation does not have yet; answers how many were written. */
export async function seedDemoTemplates(
  db: pg.Pool,
  orgId: string,
  departmentIds: ReadonlyMap<string, string>,
  now: number = Date.now(),
): Promise<number> {
  const present = await db.query<{ id: string }>(
    'SELECT id FROM sync_answer_templates WHERE org_id = $1 AND id = ANY($2::text[])',
    [orgId, demoTemplates.map((template) => template.id)],
  );
  const have = new Set(present.rows.map((row) => row.id));
  const docs = demoTemplates
    .filter((template) => !have.has(template.id))
    .map(({ id, department, title, body, categoryCode }) => ({
      id,
      orgId,
      title,
      body,
      categoryCode,
      departmentId: department === null ? null : (departmentIds.get(department) ?? null),
      authorId: null,
      personal: false,
      updatedAt: now,
      _deleted: false,
    }));
  await writeServerDocs(db, 'answerTemplates', orgId, docs);
  return docs.length;
}
