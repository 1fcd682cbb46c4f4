import Box from '@mui/material/Box';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineClock } from '../../app/deadline-clock';
import { AppealRow, type Names, rowHeight } from './AppealRow';
import type { InboxWindowState } from './use-inbox-window';

type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;

/** The list's scrolling: only the rows in sight (and a few either side) are in the page. */
export function useAppealListVirtualizer(
  listRef: RefObject<HTMLDivElement | null>,
  count: number,
): ListVirtualizer {
  return useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
}

interface AppealListProps {
  listRef: RefObject<HTMLDivElement | null>;
  virtualizer: ListVirtualizer;
  inbox: InboxWindowState;
  /** The view's rows, read or not yet (those show as placeholders). */
  count: number;
  selected: number;
  names: Names;
  /** Minute resolution: a fresh `now` on every render would re-render every memoised row. */
  now: number;
  clock: DeadlineClock;
  onOpen: (id: string) => void;
  onSelect: (index: number) => void;
  onScroll: (scrollTop: number) => void;
  /** What an empty view says: the query and filters it searched, and how to clear them. */
  empty: ReactNode;
}

/** The inbox's appeals as a listbox; the selection is its active descendant. */
export function AppealList({
  listRef,
  virtualizer,
  inbox,
  count,
  selected,
  names,
  now,
  clock,
  onOpen,
  onSelect,
  onScroll,
  empty,
}: AppealListProps) {
  const { t } = useTranslation();
  const rows = inbox.rows;
  const selectedId = rows[selected]?.id ?? null;
  return (
    <Box
      ref={listRef}
      role="listbox"
      tabIndex={0}
      aria-label={t('inbox.list.label')}
      aria-activedescendant={selectedId ? `inbox-option-${selectedId}` : undefined}
      data-testid="inbox-list"
      aria-busy={inbox.loading}
      data-reads={inbox.reads}
      onScroll={(event) => onScroll(event.currentTarget.scrollTop)}
      sx={{
        flex: 1,
        overflowY: 'auto',
        minHeight: 0,
        outline: 'none',
        '&:focus-visible': { boxShadow: 'inset 0 0 0 2px', color: 'primary.main' },
      }}
    >
      {count === 0 ? (
        <Box sx={{ p: 3, color: 'text.secondary' }} data-testid="inbox-empty">
          {inbox.loading ? t('inbox.list.loading') : empty}
        </Box>
      ) : (
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', color: 'text.primary' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const appeal = rows[item.index];
            return (
              <Box
                key={item.key}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {appeal ? (
                  <AppealRow
                    appeal={appeal}
                    names={names}
                    now={now}
                    clock={clock}
                    selected={item.index === selected}
                    optionId={`inbox-option-${appeal.id}`}
                    index={item.index}
                    onOpen={onOpen}
                    onSelect={onSelect}
                  />
                ) : (
                  <Box sx={{ height: rowHeight, borderBottom: 1, borderColor: 'divider' }} aria-hidden />
                )}
              </Box>
            );
          })}
        </Box>
      )}
    </Box>
  );
}
