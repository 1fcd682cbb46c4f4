import { describe, expect, it } from 'vitest';
import { triageText } from '../../../../../server/src/triage';

describe('triageText', () => {
  it('reads a subject the text does not begin with, then the text', () => {
    expect(triageText('Освещение', 'Во дворе не горят фонари')).toBe('Освещение\nВо дворе не горят фонари');
    expect(triageText('Во дворе', 'Во дворе не горят фонари')).toBe('Во дворе не горят фонари');
  });

  it('finding: a chat message whose first line is longer than a subject was read twice over its first 117 characters', () => {
    // Intake's subject of a chat message: its first line, trimmed, clipped to 117 characters and «…».
    const text =
      'Добрый день, у нас во дворе уже неделю не работает уличное освещение, фонари не горят, дети идут из школы в темноте, а ещё на дороге у остановки яма';
    expect(triageText(`${text.slice(0, 117)}…`, text)).toBe(text);
    expect(triageText('Яма у остановки', `\n ${'Яма у остановки'}`)).toBe('\n Яма у остановки');
  });
});
