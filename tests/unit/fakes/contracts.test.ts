import path from 'node:path';
import { ContractsMissingError, contractsRoot, repoRoot } from '../../fakes/common/contracts';
import { MaxContract } from '../../fakes/max/contract';
import { TelegramContract } from '../../fakes/telegram/contract';
import { VkContract } from '../../fakes/vk/contract';

describe('published schemas', () => {
  it('are read from ../shared/contracts next to the repository, not vendored', () => {
    expect(contractsRoot()).toBe(path.resolve(repoRoot, '..', 'shared', 'contracts'));
  });

  it.each([
    ['VK', (root: string) => new VkContract(root)],
    ['Telegram', (root: string) => new TelegramContract(root)],
    ['MAX', (root: string) => new MaxContract(root)],
  ])('%s loader fails loudly when the contracts directory is missing', (_network, load) => {
    expect(() => load(path.join(repoRoot, 'no-such-contracts'))).toThrow(ContractsMissingError);
  });

  it('Telegram loader reports the Bot API version it checks against', () => {
    expect(new TelegramContract().version).toBe('Bot API 10.1');
  });
});
