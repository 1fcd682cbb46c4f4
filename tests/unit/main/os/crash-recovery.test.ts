import { reloadWhenRendererGone } from '../../../../main/os/crash-recovery';
import { FakeWebContents } from '../fakes';

function watched() {
  const contents = new FakeWebContents();
  let now = 0;
  const onGiveUp = vi.fn();
  reloadWhenRendererGone(contents.asWebContents(), {
    maxCrashes: 3,
    windowMs: 60_000,
    now: () => now,
    log: () => {},
    onGiveUp,
  });
  const crash = (reason = 'crashed', after = 1_000) => {
    now += after;
    contents.emit('render-process-gone', {}, { reason, exitCode: 139 });
  };
  return { contents, crash, onGiveUp };
}

describe('renderer crash recovery', () => {
  it('reloads the window when the renderer crashes (unsynced work is in IndexedDB)', () => {
    const { contents, crash } = watched();
    crash('crashed');
    crash('oom', 120_000);
    expect(contents.reload).toHaveBeenCalledTimes(2);
  });

  it('does nothing after a clean exit', () => {
    const { contents, crash } = watched();
    crash('clean-exit');
    expect(contents.reload).not.toHaveBeenCalled();
  });

  it('stops reloading and tells the user after a crash loop', () => {
    const { contents, crash, onGiveUp } = watched();
    for (let i = 0; i < 4; i++) crash('crashed', 1_000);
    expect(contents.reload).toHaveBeenCalledTimes(3);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
  });
});
