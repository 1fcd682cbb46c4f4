import { editedDraft } from '../../../../../server/src/bot/wizard/draft-edit';

const first = 'Во дворе дома 5 третью неделю не вывозят мусор.';
const second = 'Контейнерная площадка у третьего подъезда.';

describe('an edit of the appeal’s text before registration (issue 12)', () => {
  const draft = {
    text: `${first}\n${second}`,
    textMessageIds: ['m1', 'm2'],
    textParts: [
      { messageId: 'm1', text: first },
      { messageId: 'm2', text: second },
    ],
  };

  it('replaces only the edited message’s part of the draft', () => {
    const edited = editedDraft(draft, {
      externalMessageId: 'm2',
      text: '  У второго подъезда.  ',
      editedAt: 1,
    });
    expect(edited).toMatchObject({ text: `${first}\nУ второго подъезда.` });
    expect(
      editedDraft(draft, { externalMessageId: 'm1', text: 'Дом 7: мусор не вывозят.', editedAt: 1 }),
    ).toMatchObject({
      text: `Дом 7: мусор не вывозят.\n${second}`,
    });
  });

  it('ignores a message that is not the text (the passport line, another step’s answer)', () => {
    expect(
      editedDraft(draft, { externalMessageId: 'passport', text: '46 07 111111', editedAt: 1 }),
    ).toBeNull();
    expect(editedDraft({}, { externalMessageId: 'm1', text: first, editedAt: 1 })).toBeNull();
  });

  it('keeps the later edit when an earlier one arrives after it', () => {
    const later = editedDraft(draft, {
      externalMessageId: 'm1',
      text: 'Дом 7: мусор не вывозят.',
      editedAt: 20,
    });
    expect(later).not.toBeNull();
    expect(
      editedDraft(later as typeof draft, {
        externalMessageId: 'm1',
        text: 'Дом 6: мусор не вывозят.',
        editedAt: 10,
      }),
    ).toBeNull();
  });

  it('refuses an edit that leaves the text shorter than the wizard takes', () => {
    const one = { text: first, textMessageIds: ['m1'], textParts: [{ messageId: 'm1', text: first }] };
    expect(editedDraft(one, { externalMessageId: 'm1', text: 'мусор', editedAt: 1 })).toBe('tooShort');
  });

  it('takes the edit in a draft kept before the text was stored by message (its one message is the text)', () => {
    expect(
      editedDraft(
        { text: first, textMessageIds: ['m1'] },
        { externalMessageId: 'm1', text: second, editedAt: 5 },
      ),
    ).toEqual({
      text: second,
      textMessageIds: ['m1'],
      textParts: [{ messageId: 'm1', text: second, editedAt: 5 }],
    });
  });
});
