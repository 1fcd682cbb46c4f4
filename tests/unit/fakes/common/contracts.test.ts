import path from 'node:path';
import { ContractsMissingError, contractsRoot, repoRoot } from '../../../fakes/common/contracts';
import { MaxContract } from '../../../fakes/max/contract';
import { TelegramContract } from '../../../fakes/telegram/contract';
import { VkContract } from '../../../fakes/vk/contract';

describe('published schemas', () => {
  it('issue 8: are read from tests/contracts inside the repository, so a clone needs nothing beside it', () => {
    const root = contractsRoot();
    expect(root).toBe(path.join(repoRoot, 'tests', 'contracts'));
    expect(path.relative(repoRoot, root).startsWith('..')).toBe(false);
    expect(() => new VkContract(root)).not.toThrow();
    expect(() => new TelegramContract(root)).not.toThrow();
    expect(() => new MaxContract(root)).not.toThrow();
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
