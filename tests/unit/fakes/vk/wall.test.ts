import { vkContract } from '../../../fakes/vk/contract';
import { startVkFake, type VkFake } from '../../../fakes/vk/server';
import { vkWallReplyDelete, vkWallReplyEdit, vkWallReplyNew } from '../../../fakes/vk/wall';

let vk: VkFake;
beforeAll(async () => {
  vk = await startVkFake({ token: 'group-token', groupId: 777 });
});
afterAll(() => vk.close());
beforeEach(() => vk.reset());

async function createComment(params: Record<string, string>) {
  const response = await fetch(`${vk.apiBaseUrl}/wall.createComment`, {
    method: 'POST',
    headers: { authorization: 'Bearer group-token', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ v: '5.199', ...params }),
  });
  return (await response.json()) as { response?: { comment_id: number }; error?: { error_code: number } };
}

describe('the VK fake’s wall', () => {
  it('answers under a comment as the community, once per guid', async () => {
    const post = vk.wall.publish('Пост');
    const comment = vk.wall.comment(post, 1001, 'Вопрос');
    const params = {
      owner_id: '-777',
      post_id: String(post),
      from_group: '777',
      reply_to_comment: String(comment.id),
      message: 'Ответ',
      guid: 'g-1',
    };
    const first = await createComment(params);
    const again = await createComment(params);
    expect(again.response?.comment_id).toBe(first.response?.comment_id);
    expect(vk.wall.replies).toMatchObject([{ replyToComment: comment.id, fromGroup: 777, message: 'Ответ' }]);
    expect(vk.wall.comments.get(first.response!.comment_id)).toMatchObject({
      from_id: -777,
      parents_stack: [comment.id],
    });
    expect(vk.violations).toEqual([]);
  });

  it('refuses another wall, a post or comment it does not hold and an empty message, as violations', async () => {
    const post = vk.wall.publish('Пост');
    const other = vk.wall.publish('Другой пост');
    const comment = vk.wall.comment(other, 1001, 'Под другим постом');
    const refused: Record<string, string>[] = [
      { owner_id: '-4242', post_id: String(post), message: 'x' },
      { owner_id: '-777', post_id: '999', message: 'x' },
      { owner_id: '-777', post_id: String(post), reply_to_comment: String(comment.id), message: 'x' },
      { owner_id: '-777', post_id: String(post) },
      { owner_id: '-777', post_id: String(post), from_group: '1', message: 'x' },
    ];
    for (const params of refused) expect((await createComment(params)).error?.error_code).toBe(100);
    expect(vk.violationsOf('protocol')).toHaveLength(refused.length);
    await createComment({ owner_id: '-777', post_id: String(post), message: 'x', signature: '1' });
    expect(vk.violationsOf('unknown-parameter')).toHaveLength(1);
    expect(vk.wall.replies).toHaveLength(1);
  });

  it('builds comment events the contract accepts, and a broken one it refuses', () => {
    const post = vk.wall.publish('Пост');
    const comment = vk.wall.comment(post, 1001, 'Текст');
    const options = { groupId: 777 };
    for (const event of [
      vkWallReplyNew(comment, options),
      vkWallReplyEdit(comment, 'Новый', options),
      vkWallReplyDelete(comment, 1001, options),
    ])
      expect(vkContract().validateEvent(event)).toEqual([]);
    expect(
      vkContract().validateEvent({ ...vkWallReplyNew(comment, options), object: { id: 1 } }),
    ).not.toEqual([]);
    expect(
      vkContract().validateEvent({ ...vkWallReplyDelete(comment, 1001, options), object: { id: 1 } }),
    ).not.toEqual([]);
  });
});
