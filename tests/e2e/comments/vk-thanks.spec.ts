/**
 * Issue 13, «a comment under a VK post with thanks stays out of the queues»: the demo organisation's
 * administrator connects a VK community of its own (against the project's VK fake, started here, which
 * checks every call against the vendored schema), a citizen thanks the community under its post, and
 * the comment, triaged as no incident, is not among the open appeals («Все открытые») but in «Не
 * инциденты», where its card links to the comment. Own community and unique text per run; nothing of
 * the shared organisation is counted.
 */
import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startVkFake, VkCallbackDriver, type VkFake, vkWallReplyNew } from '../../fakes';
import { inboxRow, search, signInToInbox, uniqueTail } from '../support/inbox-page';
import { apiLogin, type Json, pullAll, serverUrl, uniqueSubject } from '../support/okno-api';

let vk: VkFake;
test.beforeAll(async () => {
  vk = await startVkFake({
    groupId: randomInt(100_000_000, 900_000_000),
    users: { 7301: { first_name: 'Галина', last_name: 'Орлова' } },
  });
});
test.afterAll(async () => vk?.close());

test('issue 13: a thanks comment under a VK post stays out of the open appeals and waits in «Не инциденты» with the link to the comment', async ({
  page,
}) => {
  const admin = await apiLogin('demo-admin');
  const secret = `vk-e2e-${randomInt(1_000_000)}`;
  const created = await admin.request.post('/api/v1/admin/channels', {
    headers: { authorization: `Bearer ${admin.accessToken}` },
    data: {
      network: 'vk',
      accountId: String(vk.groupId),
      title: 'Сообщество для комментариев',
      apiBaseUrl: vk.apiBaseUrl,
      token: vk.token,
      webhookSecret: secret,
      confirmationCode: 'e2e-confirm',
    },
  });
  expect(created.status()).toBe(201);
  const { channel } = (await created.json()) as Json;
  const driver = new VkCallbackDriver({
    url: `${serverUrl}${channel.webhookPath}`,
    groupId: vk.groupId,
    secret,
  });

  const thanks = uniqueSubject('Спасибо большое за новую детскую площадку, дети счастливы!');
  const postId = vk.wall.publish('Открыли детскую площадку на Садовой');
  const comment = vk.wall.comment(postId, 7301, thanks);
  expect((await driver.send(vkWallReplyNew(comment, { groupId: vk.groupId }))).accepted).toBe(true);

  const supervisor = await apiLogin('demo-supervisor');
  let candidate: Json;
  await expect
    .poll(
      async () => {
        candidate = (await pullAll(supervisor, 'appeals')).find(
          (a) => a.sourcePost?.commentId === String(comment.id),
        );
        return candidate?.triage?.incident?.value;
      },
      { timeout: 20_000, message: 'the comment’s candidate, triaged' },
    )
    .toBe(false);

  await signInToInbox(page, 'demo-supervisor');
  await page.getByRole('button', { name: 'Все открытые' }).click();
  await search(page, uniqueTail(thanks));
  await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 0');
  await expect(inboxRow(page, thanks)).toHaveCount(0);

  await page.getByRole('button', { name: 'Не инциденты' }).click();
  await search(page, uniqueTail(thanks));
  await expect(inboxRow(page, thanks)).toBeVisible();
  await inboxRow(page, thanks).dblclick();
  const source = page.getByTestId('source-post');
  await expect(source).toContainText('Комментарий под записью');
  await expect(source.getByTestId('source-post-url')).toHaveText(
    `https://vk.com/wall-${vk.groupId}_${postId}?reply=${comment.id}`,
  );
  await expect(source.getByRole('button', { name: 'Написать лично' })).toBeEnabled();
  expect(vk.violations).toEqual([]);
});
