// Electron main process: composes the small modules of main/ (each takes Electron objects as
// parameters and is unit-tested in tests/unit/main with `electron` mocked).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  Tray,
} from 'electron';
import { checkServerUrl, probeServer } from '../shared/bridge/server-address';
import type { BridgeHandlers } from './ipc/bridge-handlers';
import { registerBridgeHandlers, sendBridgeEvent } from './ipc/bridge-handlers';
import { isTrustedSender } from './ipc/sender';
import { createAppRequestHandler } from './os/app-protocol';
import { reloadWhenRendererGone } from './os/crash-recovery';
import { createDeadlineNotifier } from './os/notifications';
import { createPrinter } from './os/print';
import { createSecureStore } from './os/secure-store';
import { readServerPreset } from './os/server-preset';
import { createServerSettings } from './os/server-settings';
import { createMainTexts, languageOfLocale } from './os/texts';
import { createDueTray, type DueTray } from './os/tray';
import { createDesktopUpdates, loadElectronUpdater } from './os/updates';
import { fitToDisplays, parseWindowState, serializeWindowState } from './os/window-state';
import { appEntryUrl, appScheme, isAppUrl } from './security/app-origin';
import { installContentSecurityPolicy } from './security/content-security-policy';
import { lockDevTools, packagedMenuTemplate } from './security/devtools';
import { lockNavigation } from './security/navigation';
import { denyPermissionsByDefault } from './security/permissions';
import { mainWindowOptions, printWindowOptions } from './security/window-options';

const here = import.meta.dirname; // dist/main
const appRoot = join(here, '..', '..');
const rendererDir = join(appRoot, 'dist', 'renderer');
const iconsDir = app.isPackaged ? join(process.resourcesPath, 'icons') : join(appRoot, 'resources', 'icons');
// A demo or development start (`npm start`) names its server; an installed desktop has no default and
// asks the official on the first start (the «Адрес сервера» screen; remembered in settings.json).
const serverAddress = process.env.OKNO_SERVER_URL || null;
const server = serverAddress === null ? null : checkServerUrl(serverAddress);
// DevTools only in development (`npm start`); a packaged app never opens them (security/devtools.ts).
const devTools = !app.isPackaged;

// Must happen before `ready`: a standard, secure scheme gets a real origin (storage, CSP 'self', fetch).
protocol.registerSchemesAsPrivileged([
  {
    scheme: appScheme,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

// Every WebContents the app ever creates (main window, print windows) is locked to the app.
app.on('web-contents-created', (_event, contents) => {
  lockNavigation(contents, isAppUrl);
  if (!devTools) lockDevTools(contents);
});

if (!app.requestSingleInstanceLock()) {
  // A second start just focuses the running window (see 'second-instance' below).
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    await mkdir(userData, { recursive: true });
    const t = createMainTexts(languageOfLocale(app.getLocale()));
    if (server && !server.ok) {
      // Before any request: tokens and revealed passports must not cross the network in clear text.
      console.error(`okno: refusing the server address ${serverAddress} (${server.problem})`);
      dialog.showErrorBox(
        t('desktop.serverUrl.title'),
        t(`desktop.serverUrl.${server.problem}`, { url: serverAddress ?? '' }),
      );
      app.quit();
      return;
    }
    if (!devTools) {
      const labels = {
        file: t('desktop.menu.file'),
        edit: t('desktop.menu.edit'),
        view: t('desktop.menu.view'),
        window: t('desktop.menu.window'),
      };
      Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform, labels)));
    }

    const serverSettings = createServerSettings({
      file: {
        read: () => readFile(join(userData, 'settings.json'), 'utf8').catch(() => null),
        write: (text) => writeFile(join(userData, 'settings.json'), text, { mode: 0o600 }),
      },
      // A demo or development start names its server; an installed one may have a preset (os/server-preset.ts).
      defaultAddress:
        server?.url ??
        (await readServerPreset({
          argv: process.argv,
          files: [
            join(process.resourcesPath ?? appRoot, 'okno-server.json'),
            ...(process.platform === 'linux' ? ['/etc/okno/okno-server.json'] : []),
          ],
          readFile: (path) => readFile(path, 'utf8'),
          log: (message) => console.warn(`okno: ${message}`),
        })),
      // Straight to the typed address (not through app://), with Chromium's certificates and proxy.
      probe: (address) =>
        probeServer(address, (url) =>
          net.fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) }),
        ),
    });
    await serverSettings.load();

    denyPermissionsByDefault(session.defaultSession, isAppUrl);
    installContentSecurityPolicy(session.defaultSession, isAppUrl);
    protocol.handle(
      appScheme,
      createAppRequestHandler({
        rendererDir,
        serverUrl: () => serverSettings.address(),
        fetch: (input, init) => net.fetch(input, init),
        readFile,
        appVersion: app.getVersion(),
      }),
    );

    const stateFile = join(userData, 'window-state.json');
    const remembered = parseWindowState(await readFile(stateFile, 'utf8').catch(() => null));
    const state = fitToDisplays(
      remembered,
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = new BrowserWindow(
      mainWindowOptions({
        preload: join(here, 'preload.cjs'),
        bounds: state,
        icon: join(iconsDir, 'okno.png'),
        devTools,
      }),
    );
    mainWindow = window;
    if (state.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', () => {
      // Written synchronously enough: the file is tiny, and 'close' is the last moment bounds exist.
      void writeFile(stateFile, serializeWindowState(window.getNormalBounds(), window.isMaximized())).catch(
        () => {},
      );
    });
    window.on('closed', () => {
      mainWindow = null;
    });

    reloadWhenRendererGone(window.webContents, {
      maxCrashes: 3,
      windowMs: 60_000,
      now: Date.now,
      log: (message) => console.error(`okno: ${message}`),
      onGiveUp: () => dialog.showErrorBox(t('desktop.rendererGone.title'), t('desktop.rendererGone.body')),
    });

    let tray: DueTray | null = null;
    try {
      tray = createDueTray({
        createTray: (icon) => new Tray(icon),
        icon: nativeImage.createFromPath(join(iconsDir, 'tray.png')),
        app,
        buildMenu: (items) => Menu.buildFromTemplate(items),
        showWindow,
        texts: {
          idle: t('desktop.tray.idle'),
          due: (count) => t('desktop.tray.due', { count }),
          open: t('desktop.tray.open'),
          quit: t('desktop.tray.quit'),
        },
      });
    } catch (error) {
      // Some Linux desktops have no tray area; the app works without it.
      console.warn(`okno: no tray icon (${String(error)})`);
    }

    const secureStore = createSecureStore(
      safeStorage,
      {
        read: () => readFile(join(userData, 'refresh-token.bin')).catch(() => null),
        write: (data) => writeFile(join(userData, 'refresh-token.bin'), data, { mode: 0o600 }),
        remove: () => rm(join(userData, 'refresh-token.bin'), { force: true }),
      },
      process.platform,
    );
    const notify = createDeadlineNotifier(Notification, (appealId) => {
      showWindow();
      if (mainWindow) sendBridgeEvent(mainWindow.webContents, 'onOpenAppeal', appealId);
    });
    const printer = createPrinter({
      createWindow: (options) => new BrowserWindow(options),
      windowOptions: printWindowOptions,
      lockNavigation: (contents) => lockNavigation(contents, isAppUrl),
      dialog,
      parentOf: (sender) => BrowserWindow.fromWebContents(sender),
      documentsDir: () => app.getPath('documents'),
      writeFile: (path, data) => writeFile(path, data),
      texts: { saveTitle: t('desktop.saveAsPdf.title'), pdfFilter: t('desktop.saveAsPdf.filter') },
    });

    const updates = createDesktopUpdates({
      loadUpdater: loadElectronUpdater,
      currentVersion: app.getVersion(),
      platform: process.platform,
      serverUrl: () => serverSettings.address(),
      fetch: (url, init) => net.fetch(url, init),
      publish: (state) => {
        if (mainWindow) sendBridgeEvent(mainWindow.webContents, 'onUpdateState', state);
      },
      now: Date.now,
      every: (ms, run) => {
        const timer = setInterval(run, ms);
        return () => clearInterval(timer);
      },
      log: (message) => console.warn(`okno: ${message}`),
    });
    // A downloaded update is installed as the app quits, unless unsynced changes wait (os/updates.ts).
    app.on('quit', () => {
      updates.dispose();
      updates.onQuit();
    });

    const handlers: BridgeHandlers = {
      getAppInfo: () => ({
        name: app.getName(),
        version: app.getVersion(),
        platform: 'electron',
        os: process.platform,
      }),
      'secureStore.isAvailable': () => secureStore.isAvailable(),
      'secureStore.setRefreshToken': (_context, token) => secureStore.setRefreshToken(token),
      'secureStore.getRefreshToken': () => secureStore.getRefreshToken(),
      'server.current': () => serverSettings.current(),
      'server.choose': (_context, address) => serverSettings.choose(address),
      'server.forget': () => serverSettings.forget(),
      notify: (_context, notification) => notify(notification),
      setDueCount: (_context, count) => tray?.setDueCount(count),
      printAppeal: (_context, document) => printer.printAppeal(document),
      saveAsPdf: (context, document, suggestedName) =>
        printer.saveAsPdf(context.sender, document, suggestedName),
      'updates.state': () => updates.state(),
      'updates.check': () => updates.check(),
      'updates.report': (_context, session) => updates.report(session),
    };
    registerBridgeHandlers(ipcMain, handlers, (frame) => isTrustedSender(frame, isAppUrl));

    await window.loadURL(appEntryUrl);
  });
}
