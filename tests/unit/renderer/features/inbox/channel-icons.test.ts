import { describe, expect, it } from 'vitest';
import { createOknoTheme } from '../../../../../renderer/app/theme';
import { channelColours } from '../../../../../renderer/features/inbox/channel-icons';
import { channels } from '../../../../../shared/model/vocabulary';

/** WCAG 2.x relative luminance of `#rrggbb`. */
function luminance(colour: string): number {
  const hex = colour.length === 4 ? `#${[...colour.slice(1)].map((c) => c + c).join('')}` : colour;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('channel icons stand out from the list in both themes', () => {
  // 3:1 is WCAG's floor for graphics; on the dark theme, where VK and the portal were hard to tell
  // apart, the icons are held to the 4.5:1 of text.
  it.each([
    ['light', 3],
    ['dark', 4.5],
  ] as const)(
    'defect 14: every channel icon has at least the contrast asked on the %s background (%s:1)',
    (mode, least) => {
      const background = createOknoTheme(mode).palette.background.default;
      for (const channel of channels)
        expect(contrast(channelColours[channel][mode], background), channel).toBeGreaterThanOrEqual(least);
    },
  );
});
