/** The inbox's commands in the palette (Ctrl/⌘+K): the views, the selected appeal's actions, and the rest. */
import { type RefObject, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isManager } from '../../../shared/model/roles';
import type { SessionUser } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useSync } from '../../db/DatabaseProvider';
import type { Command } from './CommandPalette';
import { type InboxFilters, type InboxView, inboxViews, noFilters } from './inbox-query';

interface InboxCommands {
  role: SessionUser['role'];
  selectedId: string | null;
  setView: (view: InboxView) => void;
  setFilters: (filters: InboxFilters) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function useInboxCommands({
  role,
  selectedId,
  setView,
  setFilters,
  searchRef,
}: InboxCommands): Command[] {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const sync = useSync();
  return useMemo(
    () => [
      ...inboxViews.map((v) => ({
        id: `view-${v}`,
        label: t('palette.views', { name: t(`inbox.views.${v}`) }),
        run: () => setView(v),
      })),
      {
        id: 'search',
        label: t('palette.actions.focusSearch'),
        run: () => setTimeout(() => searchRef.current?.focus(), 0),
      },
      ...(selectedId
        ? [
            {
              id: 'open',
              label: t('palette.actions.openSelected'),
              run: () => navigation.openAppeal(selectedId),
            },
            {
              id: 'reply',
              label: t('palette.actions.reply'),
              run: () => navigation.openAppeal(selectedId, 'reply'),
            },
            {
              id: 'assign',
              label: t('palette.actions.assign'),
              run: () => navigation.openAppeal(selectedId, 'assign'),
            },
          ]
        : []),
      { id: 'reception', label: t('palette.actions.reception'), run: () => navigation.openReception() },
      ...(isManager(role)
        ? [
            {
              id: 'supervisor',
              label: t('palette.actions.supervisor'),
              run: () => navigation.openSupervisor(),
            },
          ]
        : []),
      { id: 'sync', label: t('palette.actions.retrySync'), run: () => sync.retry() },
      { id: 'reset', label: t('palette.actions.resetFilters'), run: () => setFilters(noFilters) },
    ],
    [t, selectedId, navigation, sync, role, setView, setFilters, searchRef],
  );
}
