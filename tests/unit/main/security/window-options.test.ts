import {
  mainWindowOptions,
  printWindowOptions,
  secureWebPreferences,
} from '../../../../main/security/window-options';

describe('window options', () => {
  const options = mainWindowOptions({
    preload: '/app/dist/main/preload.cjs',
    bounds: { width: 1200, height: 800 },
  });

  it('isolates the window: context isolation and sandbox on, no Node integration anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and offers no <webview>, insecure content or experimental features', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads only the bridge preload and stays hidden until the first paint', () => {
    expect(options.webPreferences?.preload).toBe('/app/dist/main/preload.cjs');
    expect(options.show).toBe(false);
  });

  it('renders printed documents with JavaScript off and without any preload (no bridge)', () => {
    const print = printWindowOptions();
    expect(print.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true });
    expect(print.webPreferences).not.toHaveProperty('preload');
    expect(print.show).toBe(false);
  });

  it('finding 12: DevTools are off unless a development build asks for them', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(printWindowOptions().webPreferences?.devTools).toBe(false);
    const development = mainWindowOptions({
      preload: '/app/dist/main/preload.cjs',
      bounds: { width: 1200, height: 800 },
      devTools: true,
    });
    expect(development.webPreferences?.devTools).toBe(true);
  });

  it('never lets a caller weaken the preferences by passing no preload', () => {
    expect(secureWebPreferences(undefined)).not.toHaveProperty('preload');
    expect(secureWebPreferences(undefined).sandbox).toBe(true);
  });
});
