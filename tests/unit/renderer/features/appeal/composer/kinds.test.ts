import { immediateActions, offeredActions } from '../../../../../../renderer/appeal-actions/plan';
import { actionOfKind, composerKinds } from '../../../../../../renderer/features/appeal/composer/kinds';
import type { Actor } from '../../../../../../shared/domain/status-machine';
import { appealFixture } from '../../../../shared/model/fixtures';

const operator: Actor = { role: 'operator', userId: 'user-op', departmentIds: ['dept-housing'] };
const incidentInWork = appealFixture({
  regime: 'incident',
  status: 'in_progress',
  assigneeId: 'user-op',
  registrationNumber: null,
});

describe('what the composer sends', () => {
  it('defect 4: «Дать промежуточный ответ» is no one-click status change: it is a text sent from the composer', () => {
    expect(offeredActions(incidentInWork, operator)).not.toContain('answer_interim');
    expect(immediateActions).not.toContain('answer_interim');
    expect(composerKinds(incidentInWork, operator)).toEqual(['answer', 'interim']);
    expect(actionOfKind.interim).toBe('answer_interim');
  });

  it('defect 8: after the answer the composer offers a follow-up message, not «ответ не отправляется»', () => {
    const answered = appealFixture({ status: 'answered', assigneeId: 'user-op' });
    expect(composerKinds(answered, operator)).toEqual(['followUp']);
    expect(actionOfKind.followUp).toBeNull();
  });

  it('offers nothing before the appeal is taken into work', () => {
    expect(composerKinds(appealFixture({ status: 'registered' }), operator)).toEqual([]);
  });
});
