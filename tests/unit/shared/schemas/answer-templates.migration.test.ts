import {
  answerTemplateMigrationStrategies,
  answerTemplateSchemaV0,
  migrateAnswerTemplateV0toV1,
  oknoCollections,
} from '../../../../shared/schemas';
import { openDatabase, uniqueDatabaseName } from './rxdb-harness';

describe('answer templates schema v0 → v1 (department, author, personal)', () => {
  it('migrates a stored v0 template into a shared template of the whole organisation', async () => {
    const name = uniqueDatabaseName('templatemigration');
    const v0 = await openDatabase(name);
    await v0.addCollections({ answerTemplates: { schema: answerTemplateSchemaV0 } });
    const stored = {
      id: 't-1',
      orgId: 'org-1',
      title: 'Разъяснение о сроках',
      body: 'Уважаемый(ая) {{applicantName}}!',
      categoryCode: null,
      updatedAt: 1_700_000_000_000,
    };
    await v0.answerTemplates!.insert(stored);
    await v0.close();

    const v1 = await openDatabase(name);
    await v1.addCollections({ answerTemplates: oknoCollections.answerTemplates });
    const migrated = await v1.answerTemplates!.findOne('t-1').exec();
    expect(migrated!.toJSON()).toEqual({ ...stored, departmentId: null, authorId: null, personal: false });
    // A valid v1 document: the official can make it a department's.
    await migrated!.incrementalPatch({ departmentId: 'dept-1' });
    await v1.remove();
  });

  it('registers the strategy for version 1', () => {
    expect(answerTemplateMigrationStrategies[1]).toBe(migrateAnswerTemplateV0toV1);
  });
});
