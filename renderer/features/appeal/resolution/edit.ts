import type { RxCollection } from 'rxdb';
import type { Appeal } from '../../../../shared/model/appeal';

/**
 * One change of the резолюция on the local copy, on its latest revision (`incrementalModify`, so a
 * concurrent pull is not overwritten). `updatedAt` never goes back. The server decides what it
 * accepts (server/src/appeals/resolution.ts) and merges lists by id.
 */
export async function editResolution(
  appeals: RxCollection<Appeal>,
  appealId: string,
  change: (doc: Appeal) => void,
  now: () => number = Date.now,
): Promise<void> {
  const document = await appeals.findOne(appealId).exec();
  await document?.incrementalModify((doc) => {
    change(doc);
    doc.updatedAt = Math.max(now(), doc.updatedAt + 1);
    return doc;
  });
}
