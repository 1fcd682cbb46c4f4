import type { RemoteAttachment } from '../../../../../../server/src/channels/attachments';
import type { ChannelAccount } from '../../../../../../server/src/channels/types';
import { normaliseVkComment, vkCommentUrl } from '../../../../../../server/src/channels/vk/comments';

const account = {
  id: 'acc-1',
  accountId: '779001',
  network: 'vk',
  administrators: [],
} as unknown as ChannelAccount;
const noFiles = (): RemoteAttachment[] => [];
const comment = (fields: Record<string, unknown> = {}) => ({
  id: 15,
  from_id: 4101,
  date: 1_780_000_000,
  text: 'Не вывозят мусор',
  post_id: 3,
  owner_id: -779001,
  parents_stack: [],
  ...fields,
});

describe('VK wall comments', () => {
  it('a new comment is a citizen’s message in the comment’s own conversation, with the link to it', () => {
    expect(normaliseVkComment(account, 'e1', 'wall_reply_new', comment(), noFiles)).toEqual({
      kind: 'message',
      externalId: 'e1',
      message: {
        peer: { accountId: '4101', chatId: 'comment:-779001:3:15' },
        externalMessageId: 'comment:-779001:15',
        text: 'Не вывозят мусор',
        receivedAt: 1_780_000_000_000,
        sourcePost: {
          network: 'vk',
          postId: '3',
          commentId: '15',
          url: 'https://vk.com/wall-779001_3?reply=15',
        },
      },
      attachments: [],
    });
  });

  it('a reply in a thread links to the thread it is in', () => {
    expect(vkCommentUrl(-779001, 3, 17, 15)).toBe('https://vk.com/wall-779001_3?reply=17&thread=15');
    const event = normaliseVkComment(
      account,
      'e2',
      'wall_reply_new',
      comment({ id: 17, parents_stack: [15] }),
      noFiles,
    );
    expect(event.kind === 'message' && event.message.sourcePost?.url).toBe(
      'https://vk.com/wall-779001_3?reply=17&thread=15',
    );
  });

  it('an edit and a restoration carry the comment’s text; a deletion marks it deleted', () => {
    const edit = normaliseVkComment(
      account,
      'e3',
      'wall_reply_edit',
      comment({ text: 'Новый текст' }),
      noFiles,
    );
    expect(edit).toMatchObject({
      kind: 'edit',
      chatId: 'comment:-779001:3:15',
      externalMessageId: 'comment:-779001:15',
      text: 'Новый текст',
    });
    const deletion = { owner_id: -779001, id: 15, user_id: 4101, post_id: 3 };
    expect(normaliseVkComment(account, 'e4', 'wall_reply_delete', deletion, noFiles)).toMatchObject({
      kind: 'edit',
      externalMessageId: 'comment:-779001:15',
      text: '[Комментарий удалён в сети]',
    });
    expect(normaliseVkComment(account, 'e5', 'wall_reply_restore', comment(), noFiles)).toMatchObject({
      kind: 'edit',
      text: 'Не вывозят мусор',
    });
  });

  it('ignores another wall, the community’s own comments and incomplete objects', () => {
    const reason = (object: Record<string, unknown>) => {
      const event = normaliseVkComment(account, 'e6', 'wall_reply_new', object, noFiles);
      return event.kind === 'ignored' ? event.reason : event.kind;
    };
    expect(reason(comment({ owner_id: -4242 }))).toBe('comment-foreign-wall');
    expect(reason(comment({ owner_id: 779001 }))).toBe('comment-foreign-wall');
    expect(reason(comment({ from_id: -779001 }))).toBe('comment-from-community');
    expect(reason(comment({ from_id: undefined }))).toBe('no-sender');
    expect(reason(comment({ post_id: '3' }))).toBe('wall_reply_new-incomplete');
    expect(reason({})).toBe('wall_reply_new-incomplete');
  });
});
