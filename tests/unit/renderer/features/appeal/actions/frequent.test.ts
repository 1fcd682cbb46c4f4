import { describe, expect, it } from 'vitest';
import { splitActions } from '../../../../../../renderer/features/appeal/actions/frequent';

describe('the action bar puts frequent actions first', () => {
  it('defect 11: a head’s eight actions are three buttons, the rest in a menu', () => {
    const { primary, more } = splitActions([
      'request_documents',
      'extend',
      'forward',
      'answer_interim',
      'close',
      'apply_art11',
      'assign',
      'reassign',
    ]);
    expect(primary).toEqual(['assign', 'reassign', 'close']);
    expect(more).toEqual(['extend', 'request_documents', 'answer_interim', 'forward', 'apply_art11']);
  });

  it('keeps four actions or fewer as buttons', () => {
    expect(splitActions(['close', 'take'])).toEqual({ primary: ['take', 'close'], more: [] });
    expect(splitActions(['extend', 'close', 'assign', 'take']).more).toEqual([]);
  });
});
