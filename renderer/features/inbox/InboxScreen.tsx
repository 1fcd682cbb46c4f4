import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsToPick } from '../../../shared/model/staff';
import type { SessionUser } from '../../api/client';
import { useNow } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useDeadlineClock } from '../../app/organisation';
import { usePalette, useScreenCommands } from '../../app/palette/palette';
import { useServices } from '../../app/services';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { deadlineOrder, type ListOrder } from '../../search/search-engine';
import { appealSearchOf, useIndexingProgress } from '../../search/use-appeal-search';
import { AppealList, useAppealListVirtualizer } from './AppealList';
import { AppealRowStyles } from './AppealRow';
import { activeFilterLabels, InboxSidebar } from './InboxFilters';
import { type InboxFilters, type InboxView, noFilters } from './inbox-query';
import { ListOrderSelect } from './ListOrderSelect';
import { SavedFilters } from './SavedFilters';
import { forgetFilter, loadSavedFilters, saveFilter } from './saved-filters';
import { paletteShortcut } from './shortcut';
import { TriageDecisions } from './TriageDecisions';
import { useInboxCommands } from './use-inbox-commands';
import { useInboxKeyboard } from './use-inbox-keyboard';
import { useInboxWindow } from './use-inbox-window';
import { useViewCounts } from './use-view-counts';

// Rows read per lane at first (a screen shows about ten); scrolling reads more, a page at a time.
const page = 40;

/** The default view: an operator's own work; a supervisor's whole organisation. */
function defaultView(user: SessionUser): InboxView {
  return user.role === 'operator' || user.role === 'head' ? 'department' : 'all';
}

/**
 * The inbox. It stays mounted while an appeal or another screen is open over it (hidden, `active`
 * false), so coming back finds the same view, filters, search, scroll position and selected row.
 */
export function InboxScreen({ user, active }: { user: SessionUser; active: boolean }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const navigation = useNavigation();
  const search = useMemo(() => appealSearchOf(db), [db]);
  const progress = useIndexingProgress(search);
  const [view, setView] = useState<InboxView>(() => defaultView(user));
  const [filters, setFilters] = useState<InboxFilters>(noFilters);
  const [order, setOrder] = useState<ListOrder>(deadlineOrder);
  const { storage } = useServices();
  const [saved, setSaved] = useState(() => loadSavedFilters(storage, user.id));
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(page);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const scrollTop = useRef(0);
  const palette = usePalette();
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
  }, [view, filters, query, order]);

  const inbox = useInboxWindow(
    db,
    search,
    { view, filters, user: inboxUser, limit, search: query, order: progress.ready ? order : deadlineOrder },
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
    // A disabled department's appeals keep its name (above); the filter offers only those in use.
    () => departmentsToPick(departmentDocs ?? []).map((d) => ({ value: d.id, label: d.name })),
    [departmentDocs],
  );
  const userOptions = useMemo(
    () => (userDocs ?? []).map((u) => ({ value: u.id, label: u.displayName })),
    [userDocs],
  );

  const rows = inbox.rows;
  // Until the view's count arrives, the list knows its rows and whether more follow.
  const count = Math.max(inbox.total ?? 0, rows.length + (inbox.more ? page : 0));
  const virtualizer = useAppealListVirtualizer(listRef, count);
  const lastVisible = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
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
  const commands = useInboxCommands({ selectedId, setView, setFilters, searchRef });
  useScreenCommands(commands, active);
  useInboxKeyboard({ active, navigation, selectedId, move, searchRef });
  // Back from an appeal (or signed in): the list where it was, with the keyboard in it.
  useLayoutEffect(() => {
    if (!active) return;
    const list = listRef.current;
    if (!list) return;
    if (list.scrollTop !== scrollTop.current) list.scrollTop = scrollTop.current;
    list.focus({ preventScroll: true });
  }, [active]);

  // One element per change of what it shows: a new one on every render would defeat the sidebar's memo,
  // and the whole sidebar (MUI selects and list buttons) re-rendered 3–4 times per view change (issue 15).
  const savedFilters = useMemo(
    () => (
      <SavedFilters
        saved={saved}
        onApply={(entry) => {
          setView(entry.view);
          setFilters(entry.filters);
        }}
        onSave={(name) => setSaved(saveFilter(storage, user.id, { name, view, filters }))}
        onForget={(name) => setSaved(forgetFilter(storage, user.id, name))}
      />
    ),
    [saved, storage, user.id, view, filters],
  );
  // Not while another screen is over the inbox: its counts are not in sight, and are taken on coming back.
  const viewCounts = useViewCounts(db, search, filters, inboxUser, progress.ready && active, clock.engine);
  const viewName = t(`inbox.views.${view}`);
  const filterLabels = activeFilterLabels(
    t as unknown as (key: string) => string,
    filters,
    departmentOptions,
    userOptions,
  );
  const clearAll = () => {
    setText('');
    setQuery('');
    setFilters(noFilters);
  };
  const empty = (
    <>
      <Typography data-testid="inbox-empty-what">
        {query
          ? t('inbox.list.emptySearch', { query, view: viewName })
          : filterLabels.length > 0
            ? t('inbox.list.emptyFiltered', { view: viewName })
            : t('inbox.list.empty', { view: viewName })}
      </Typography>
      {filterLabels.length > 0 && (
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {t('inbox.list.activeFilters', { filters: filterLabels.join('; ') })}
        </Typography>
      )}
      {(query || filterLabels.length > 0) && (
        <Button sx={{ mt: 1 }} variant="outlined" size="small" onClick={clearAll}>
          {t('inbox.list.clearAll')}
        </Button>
      )}
    </>
  );

  const statusLine = query ? t('search.results', { count }) : t('inbox.list.count', { count });

  return (
    <Box
      component="main"
      sx={{
        display: active ? 'grid' : 'none',
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
          counts={viewCounts}
          filters={filters}
          onView={setView}
          onFilters={setFilters}
          departments={departmentOptions}
          users={userOptions}
          savedFilters={savedFilters}
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
          <IconButton aria-label={t('palette.open')} title={t('palette.open')} onClick={palette.open}>
            <Typography component="span" variant="button" sx={{ fontFamily: 'monospace' }}>
              {paletteShortcut(navigator.userAgent)}
            </Typography>
          </IconButton>
        </Box>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', px: 2, py: 0.5 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="caption" color="text.secondary" role="status" data-testid="inbox-count">
              {statusLine}
            </Typography>
            <ListOrderSelect order={order} onChange={setOrder} available={progress.ready} />
          </Stack>
          <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', lg: 'block' } }}>
            {t('inbox.keyboardHint')}
          </Typography>
        </Box>
        <TriageDecisions active={active} view={view} user={user} appeal={rows[selected] ?? null} />
        <AppealList
          listRef={listRef}
          virtualizer={virtualizer}
          inbox={inbox}
          count={count}
          selected={selected}
          names={names}
          now={now}
          clock={clock}
          onOpen={open}
          onSelect={setSelected}
          empty={empty}
          onScroll={(top) => {
            if (active) scrollTop.current = top;
          }}
        />
      </Box>
      <AppealRowStyles />
    </Box>
  );
}
