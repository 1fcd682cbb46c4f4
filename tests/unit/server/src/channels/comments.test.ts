import fc from 'fast-check';
import { commentChatId, commentMessageId, commentPlace } from '../../../../../server/src/channels/comments';

describe('a comment’s chat id', () => {
  it('reads back the place it was made from, for any wall, post and comment', () => {
    const id = fc.bigInt({ min: 1n, max: 10n ** 15n }).map(String);
    fc.assert(
      fc.property(fc.boolean(), id, id, id, (negative, wall, postId, commentId) => {
        const place = { wall: negative ? `-${wall}` : wall, postId, commentId };
        expect(commentPlace(commentChatId(place))).toEqual(place);
      }),
    );
  });

  it('is no comment’s for a dialog, a group or anything malformed', () => {
    for (const chatId of [
      '1001',
      '-1002222222222',
      '2000000001',
      'comment:-1:2',
      'comment:a:1:2',
      'comment:-1:2:3:4',
      '',
    ])
      expect(commentPlace(chatId)).toBeNull();
  });

  it('keeps a comment’s message id apart from the account’s dialog message ids', () => {
    expect(commentMessageId({ wall: '-779001', commentId: '15' })).toBe('comment:-779001:15');
  });
});
