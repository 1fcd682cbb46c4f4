import {
  defaultWindowState,
  fitToDisplays,
  parseWindowState,
  serializeWindowState,
} from '../../../../main/os/window-state';

const laptop = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('remembered window state', () => {
  it('round-trips position, size and maximised state', () => {
    const json = serializeWindowState({ x: 100, y: 50, width: 1400, height: 900 }, true);
    expect(parseWindowState(json)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });

  it.each([
    null,
    '',
    'not json',
    '[]',
    '{"width":"big"}',
    '{"width":10,"height":10}',
    '{"width":1e9,"height":800}',
  ])('falls back to the default for %j', (json) => {
    expect(parseWindowState(json)).toEqual(defaultWindowState);
  });

  it('keeps the size but drops a position on a monitor that is no longer connected', () => {
    const remembered = parseWindowState('{"x":2500,"y":100,"width":1200,"height":800}');
    expect(fitToDisplays(remembered, laptop)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('keeps a position that is on one of the current displays', () => {
    const remembered = parseWindowState('{"x":300,"y":200,"width":1200,"height":800}');
    expect(fitToDisplays(remembered, laptop)).toEqual(remembered);
  });
});
