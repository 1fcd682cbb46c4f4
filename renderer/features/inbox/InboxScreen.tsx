import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isManager } from '../../../shared/model/roles';
import type { SessionUser } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { useDeadlineClock } from '../../app/organisation';
import { useDatabase, useRxQuery, useSync } from '../../db/DatabaseProvider';
import { useNow } from '../appeal/format';
import { appealSearchOf, useIndexingProgress } from '../search/use-appeal-search';
import { AppealRow, AppealRowStyles, rowHeight } from './AppealRow';
import { type Command, CommandPalette } from './CommandPalette';
import { InboxSidebar } from './InboxFilters';
import { type InboxFilters, type InboxView, inboxViews, noFilters } from './inbox-query';
import { paletteShortcut } from './shortcut';
import { useInboxWindow } from './use-inbox-window';

// Rows read per lane at first (a screen shows about ten); scrolling reads more, a page at a time.
const page = 40;

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)
  );
}

/**
 * Enter on a button, link, menu or other control (a saved view, the sync chip, «Выйти») is that
 * control's: it must not also open the selected appeal. Inside a dialog (one still fading in too)
 * the keyboard is the dialog's.
 */
function isControl(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element?.closest?.(
    'button, a[href], select, summary, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="combobox"], [role="dialog"]',
  );
}

/** A visible dialog (the profile drawer stays mounted while closed) owns the keyboard. */
function anyDialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].some((element) =>
    element.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
  );
}

/** The default view: an operator's own work; a supervisor's whole organisation. */
function defaultView(user: SessionUser): InboxView {
  return user.role === 'operator' || user.role === 'head' ? 'department' : 'all';
}

export function InboxScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const sync = useSync();
  const navigation = useNavigation();
  const search = useMemo(() => appealSearchOf(db), [db]);
  const progress = useIndexingProgress(search);
  const [view, setView] = useState<InboxView>(() => defaultView(user));
  const [filters, setFilters] = useState<InboxFilters>(noFilters);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(page);
  const [selected, setSelected] = useState(0);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const clock = useDeadlineClock();
  const inboxUser = useMemo(
    () => ({ id: user.id, departmentIds: user.departmentIds, timeZone: clock.timeZone }),
    [user.id, user.departmentIds, clock.timeZone],
  );

  // Search as you type, without a read per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 120);
    return () => clearTimeout(timer);
  }, [text]);
  // A new view starts at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on purpose when the view changes
  useEffect(() => {
    setLimit(page);
    setSelected(0);
  }, [view, filters, query]);

  const window = useInboxWindow(
    db,
    search,
    { view, filters, user: inboxUser, limit, search: query },
    progress.ready,
  );
  const { result: departmentDocs } = useRxQuery((d) => d.departments.find({ sort: [{ name: 'asc' }] }), []);
  const { result: userDocs } = useRxQuery((d) => d.users.find({ sort: [{ displayName: 'asc' }] }), []);
  const names = useMemo(
    () => ({
      departments: new Map((departmentDocs ?? []).map((d) => [d.id, d.name])),
      users: new Map((userDocs ?? []).map((u) => [u.id, u.displayName])),
    }),
    [departmentDocs, userDocs],
  );
  const departmentOptions = useMemo(
    () => (departmentDocs ?? []).map((d) => ({ value: d.id, label: d.name })),
    [departmentDocs],
  );
  const userOptions = useMemo(
    () => (userDocs ?? []).map((u) => ({ value: u.id, label: u.displayName })),
    [userDocs],
  );

  const rows = window.rows;
  // Until the view's count arrives, the list knows its rows and whether more follow.
  const count = Math.max(window.total ?? 0, rows.length + (window.more ? page : 0));
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastVisible >= rows.length - 15 && rows.length < count && rows.length >= limit)
      setLimit((l) => l + page);
  }, [lastVisible, rows.length, count, limit]);

  // Minute resolution: a fresh `now` on every render would re-render every memoised row.
  const now = useNow();
  const selectedId = rows[selected]?.id ?? null;
  const open = useCallback((id: string) => navigation.openAppeal(id), [navigation]);
  const move = useCallback(
    (delta: number) => {
      setSelected((index) => {
        const next = Math.max(0, Math.min(count - 1, index + delta));
        virtualizer.scrollToIndex(next, { align: 'auto' });
        return next;
      });
    },
    [count, virtualizer],
  );

  const commands: Command[] = useMemo(
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
      ...(isManager(user.role)
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
    [t, selectedId, navigation, sync, user.role],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(true);
        return;
      }
      if (paletteOpen || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.defaultPrevented || anyDialogOpen()) return;
      const key = event.key;
      if (key === 'j' || key === 'ArrowDown') move(1);
      else if (key === 'k' || key === 'ArrowUp') move(-1);
      else if (key === 'Enter' && selectedId && !isControl(event.target)) navigation.openAppeal(selectedId);
      else if (key === 'r' && selectedId) navigation.openAppeal(selectedId, 'reply');
      else if (key === 'a' && selectedId) navigation.openAppeal(selectedId, 'assign');
      else if (key === '/') searchRef.current?.focus();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [move, navigation, selectedId, paletteOpen]);

  const statusLine = query ? t('search.results', { count }) : t('inbox.list.count', { count });

  return (
    <Box
      component="main"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '260px minmax(0, 1fr)' },
        height: 'calc(100vh - 64px)',
        minHeight: 0,
      }}
    >
      <Paper
        square
        elevation={0}
        sx={{
          borderRight: 1,
          borderColor: 'divider',
          display: { xs: 'none', md: 'block' },
          overflowY: 'auto',
        }}
      >
        <InboxSidebar
          view={view}
          filters={filters}
          onView={setView}
          onFilters={setFilters}
          departments={departmentOptions}
          users={userOptions}
        />
      </Paper>
      <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Box
          sx={{
            display: 'flex',
            gap: 2,
            alignItems: 'center',
            px: 2,
            py: 1.5,
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          <Typography variant="h6" component="h1" sx={{ whiteSpace: 'nowrap' }}>
            {t(`inbox.views.${view}`)}
          </Typography>
          <TextField
            inputRef={searchRef}
            size="small"
            fullWidth
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setText('');
                (event.target as HTMLInputElement).blur();
              } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
                (event.target as HTMLInputElement).blur();
                listRef.current?.focus();
              }
            }}
            slotProps={{
              htmlInput: { 'aria-label': t('search.label') },
              input: {
                endAdornment: (
                  <InputAdornment position="end">
                    <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                      {progress.ready ? '/' : t('search.indexing', { count: progress.done })}
                    </Typography>
                  </InputAdornment>
                ),
              },
            }}
          />
          <IconButton
            aria-label={t('palette.open')}
            title={t('palette.open')}
            onClick={() => setPaletteOpen(true)}
          >
            <Typography component="span" variant="button" sx={{ fontFamily: 'monospace' }}>
              {paletteShortcut(navigator.userAgent)}
            </Typography>
          </IconButton>
        </Box>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', px: 2, py: 0.5 }}>
          <Typography variant="caption" color="text.secondary" role="status" data-testid="inbox-count">
            {statusLine}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', lg: 'block' } }}>
            {t('inbox.keyboardHint')}
          </Typography>
        </Box>
        <Box
          ref={listRef}
          role="listbox"
          tabIndex={0}
          aria-label={t('inbox.list.label')}
          aria-activedescendant={selectedId ? `inbox-option-${selectedId}` : undefined}
          data-testid="inbox-list"
          aria-busy={window.loading}
          data-reads={window.reads}
          sx={{
            flex: 1,
            overflowY: 'auto',
            minHeight: 0,
            outline: 'none',
            '&:focus-visible': { boxShadow: 'inset 0 0 0 2px', color: 'primary.main' },
          }}
        >
          {count === 0 ? (
            <Typography color="text.secondary" sx={{ p: 3 }} data-testid="inbox-empty">
              {window.loading ? t('inbox.list.loading') : t('inbox.list.empty')}
            </Typography>
          ) : (
            <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', color: 'text.primary' }}>
              {items.map((item) => {
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
                        onOpen={open}
                        onSelect={setSelected}
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
      </Box>
      <AppealRowStyles />
      <CommandPalette open={paletteOpen} commands={commands} onClose={() => setPaletteOpen(false)} />
    </Box>
  );
}
