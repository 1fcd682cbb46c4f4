import { paletteShortcut } from '../../../../../renderer/features/inbox/shortcut';

describe('the command palette shortcut as printed', () => {
  it('shows Ctrl+K on Linux and Windows', () => {
    expect(paletteShortcut('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0')).toBe('Ctrl+K');
    expect(paletteShortcut('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0')).toBe('Ctrl+K');
  });

  it('shows ⌘K on a Mac', () => {
    expect(paletteShortcut('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15')).toBe('⌘K');
  });
});
