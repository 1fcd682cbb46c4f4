import { describe, expect, it } from 'vitest';
import {
  parseVerdictCommand,
  verdictCommand,
  verdictKeyboard,
} from '../../../../../server/src/quality/verdict';

describe('the verdict buttons (issue 14)', () => {
  it('reads back every verdict a button carries', () => {
    for (const value of ['yes', 'partly', 'no'] as const) {
      expect(parseVerdictCommand(verdictCommand('0123456789abcdef', value))).toEqual({
        code: '0123456789abcdef',
        value,
      });
    }
  });

  it('takes nothing else for a verdict: other commands, other codes, other letters', () => {
    for (const command of [
      null,
      undefined,
      '',
      'status',
      'q:0123456789abcdef:x',
      'q:0123:y',
      'q:0123456789ABCDEF:y',
      ' q:0123456789abcdef:n',
    ])
      expect(parseVerdictCommand(command)).toBeNull();
  });

  it('asks with Да / Частично / Нет under the message, each command short enough for Telegram and the bot', () => {
    const keyboard = verdictKeyboard('ru', 'fedcba9876543210');
    expect(keyboard.inline).toBe(true);
    expect(keyboard.buttons.flat().map((b) => b.label)).toEqual(['Да', 'Частично', 'Нет']);
    for (const button of keyboard.buttons.flat()) expect(button.command.length).toBeLessThanOrEqual(32);
    expect(
      verdictKeyboard('en', 'fedcba9876543210')
        .buttons.flat()
        .map((b) => b.label),
    ).toEqual(['Yes', 'Partly', 'No']);
  });
});
