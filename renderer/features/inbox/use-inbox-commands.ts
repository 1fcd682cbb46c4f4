/** The inbox's commands in the palette (Ctrl/⌘+K): the views, the selected appeal's actions, search and filters. */
import { type RefObject, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation';
import type { Command } from '../../app/palette/CommandPalette';
import { type InboxFilters, type InboxView, inboxViews, noFilters } from './inbox-query';

interface InboxCommands {
  selectedId: string | null;
  setView: (view: InboxView) => void;
  setFilters: (filters: InboxFilters) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function useInboxCommands({ selectedId, setView, setFilters, searchRef }: InboxCommands): Command[] {
  const { t } = useTranslation();
  const { openAppeal } = useNavigation();
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
            { id: 'open', label: t('palette.actions.openSelected'), run: () => openAppeal(selectedId) },
            {
              id: 'reply',
              label: t('palette.actions.reply'),
              run: () => openAppeal(selectedId, 'reply'),
            },
            {
              id: 'assign',
              label: t('palette.actions.assign'),
              run: () => openAppeal(selectedId, 'assign'),
            },
          ]
        : []),
      { id: 'reset', label: t('palette.actions.resetFilters'), run: () => setFilters(noFilters) },
    ],
    [t, selectedId, openAppeal, setView, setFilters, searchRef],
  );
}
