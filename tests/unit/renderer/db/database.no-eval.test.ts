import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase } from '../../../../renderer/db/database';
import { appealFixture } from '../../shared/model/fixtures';

/**
 * Runs `work` with eval and the Function constructor refusing, as a page whose Content-Security-Policy
 * has no 'unsafe-eval' makes them (the web shell's index.html, the Electron window's header).
 */
async function withoutEval<T>(work: () => Promise<T>): Promise<T> {
  const { eval: originalEval, Function: OriginalFunction } = globalThis;
  const refuse = (): never => {
    throw new EvalError('Evaluating a string as JavaScript is refused (no unsafe-eval)');
  };
  globalThis.eval = refuse;
  globalThis.Function = new Proxy(OriginalFunction, { apply: refuse, construct: refuse });
  try {
    return await work();
  } finally {
    globalThis.eval = originalEval;
    globalThis.Function = OriginalFunction;
  }
}

// A file of its own: RxDB keeps each schema's compiled validator while it is loaded, so a database opened
// earlier in the same file would have compiled it before eval was refused.
describe('the local database under the window’s CSP', () => {
  it('finding (issue 8, the web shell the README names): the validating database opens and validates where eval is refused', async () => {
    await withoutEval(async () => {
      const db = await createOknoDatabase({
        name: `db${randomToken(8).toLowerCase()}`,
        storage: getRxStorageMemory(),
        validate: true,
      });
      try {
        await db.appeals.insert(appealFixture({ id: 'a-3' }));
        await expect(
          db.appeals.insert({ ...appealFixture({ id: 'a-4' }), status: 'lost' as never }),
        ).rejects.toThrow();
      } finally {
        await db.remove();
      }
    });
  });
});
