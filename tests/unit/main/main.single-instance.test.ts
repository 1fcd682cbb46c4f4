const electron = vi.hoisted(() => ({
  app: {
    on: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => false),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise(() => {})),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}));
vi.mock('electron', () => ({ ...electron, BrowserWindow: vi.fn() }));

describe('single instance', () => {
  it('quits at once when another Okno is already running (that one gets focused instead)', async () => {
    await import('../../../main/main');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });
});
