import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { byVersion, type DesktopVersion } from '../../../../../renderer/api/updates';
import { createI18n } from '../../../../../renderer/app/i18n';
import { DesktopUpdatesView } from '../../../../../renderer/features/profile/DesktopUpdates';
import type { UpdateState } from '../../../../../shared/bridge/okno-bridge';
import type { Language } from '../../../../../shared/i18n/resources';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

const base: UpdateState = {
  phase: 'up-to-date',
  currentVersion: '1.0.0',
  offeredVersion: '1.0.0',
  percent: null,
  downgrade: false,
  failure: null,
  waitingForSync: false,
  checkedAt: null,
};
const view = (language: Language, state: Partial<UpdateState>) =>
  render(language, <DesktopUpdatesView state={{ ...base, ...state }} onCheck={() => {}} />);

describe('«Версия и обновления» in the profile', () => {
  it('shows the version, the version the server offers and the state, in Russian and English', () => {
    const ru = view('ru', {});
    expect(ru).toContain('Версия программы');
    expect(ru).toContain('1.0.0');
    expect(ru).toContain('Установлена версия, которую предлагает сервер');
    expect(ru).toContain('Проверить обновления');
    const en = view('en', {});
    expect(en).toContain('App version');
    expect(en).toContain('The version the server offers is installed');
  });

  it('says a downloaded update waits for unsynced changes, and installs at the next start once they are sent', () => {
    const waiting = view('ru', { phase: 'ready', offeredVersion: '1.1.0', waitingForSync: true });
    expect(waiting).toContain(
      'Версия 1.1.0 загружена. Она установится при следующем запуске после того, как все изменения уйдут на сервер',
    );
    const ready = view('en', { phase: 'ready', offeredVersion: '1.1.0' });
    expect(ready).toContain('Version 1.1.0 is downloaded and will be installed the next time the app starts');
  });

  it('reports a download refused for its checksum, and a withdrawn version going back', () => {
    const refused = view('ru', { phase: 'failed', failure: 'checksum', offeredVersion: '1.1.0' });
    expect(refused).toContain('Обновление не удалось');
    expect(refused).toContain('контрольная сумма не совпала');
    const back = view('en', { phase: 'downloading', percent: 40, offeredVersion: '0.9.0', downgrade: true });
    expect(back).toContain('Downloading version 0.9.0: 40 %');
    expect(back).toContain('The administrator withdrew your version: the app will go back to version 0.9.0');
  });

  it('offers no check in a build that does not update itself', () => {
    const web = view('ru', { phase: 'unavailable', offeredVersion: null });
    expect(web).toContain('Эта сборка не обновляется сама');
    expect(web).not.toContain('Проверить обновления');
  });
});

describe('desktops by version', () => {
  const desktop = (deviceKey: string, version: string, lastSeenAt: number): DesktopVersion => ({
    deviceKey,
    userName: null,
    version,
    platform: 'win',
    lastSeenAt,
    lastSyncAt: null,
  });

  it('lists the newest version first (1.10.0 above 1.9.0), then the desktop seen last', () => {
    const sorted = [desktop('a', '1.9.0', 3), desktop('b', '1.10.0', 1), desktop('c', '1.10.0', 2)].sort(
      byVersion,
    );
    expect(sorted.map((d) => d.deviceKey)).toEqual(['c', 'b', 'a']);
  });
});
