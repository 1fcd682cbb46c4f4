import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import type { Appeal } from '../../../shared/model/appeal';
import { localArchiveCutoff, localArchiveDays } from '../../../shared/model/archive';
import { labelKey } from '../../../shared/model/labels';
import type { Department, UserProfile } from '../../../shared/model/staff';
import { channels, regimes } from '../../../shared/model/vocabulary';
import type { TokenSource } from '../../api/client';
import { useFormatters } from '../../app/format';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useChangeCount, useDatabase, useRxQuery, useSyncStatus } from '../../db/DatabaseProvider';
import { appealSearchOf, useIndexingProgress } from '../../search/use-appeal-search';
import {
  type ArchiveFilters,
  archiveSelector,
  archiveStatuses,
  byClosure,
  noArchiveFilters,
  serverArchiveQuery,
} from './archive-query';

/** Rows shown at once; «Показать ещё» adds as many. */
const pageRows = 100;
/** At most this many search hits are read from the local database. */
const searchLimit = 1000;

interface ArchiveScreenProps {
  tokens: TokenSource;
  onOpenAppeal: (appealId: string) => void;
}

interface Option {
  readonly value: string;
  readonly label: string;
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | null;
  options: readonly Option[];
  onChange: (value: string | null) => void;
}) {
  const { t } = useT();
  const id = `archive-filter-${props.id}`;
  return (
    <FormControl size="small" sx={{ minWidth: 160 }}>
      <InputLabel id={`${id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={props.label}
        value={props.value ?? '*'}
        onChange={(event) => props.onChange(event.target.value === '*' ? null : String(event.target.value))}
        data-testid={id}
      >
        <MenuItem value="*">{t('archive.filters.any')}</MenuItem>
        {props.options.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** The archive this desktop keeps: a live query without words, the search index with them. */
function useLocalArchive(filters: ArchiveFilters): { appeals: Appeal[]; loading: boolean } {
  const db = useDatabase();
  const selector = useMemo(() => archiveSelector(filters), [filters]);
  const words = filters.words.trim();
  const { result, loading } = useRxQuery(
    (database) => (words ? null : database.appeals.find({ selector })),
    [selector, words],
  );
  const [found, setFound] = useState<{ words: string; appeals: Appeal[] } | null>(null);
  // A search is not a live query: it runs again when appeals change (one closed, or pulled by the
  // sync after the words were typed) and when the index has read every stored appeal.
  const changes = useChangeCount('appeals', 500);
  const search = useMemo(() => appealSearchOf(db), [db]);
  const indexed = useIndexingProgress(search).ready;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` and `indexed` ask for the search again
  useEffect(() => {
    if (!words) return;
    let current = true;
    void (async () => {
      const hits = await search.search(words, selector, searchLimit);
      const documents = await db.appeals.findByIds(hits.ids).exec();
      if (current) setFound({ words, appeals: [...documents.values()].map((doc) => doc.toJSON() as Appeal) });
    })();
    return () => {
      current = false;
    };
  }, [db, search, selector, words, changes, indexed]);
  return useMemo(() => {
    if (words) {
      return {
        appeals: [...(found?.words === words ? found.appeals : [])].sort(byClosure),
        loading: found?.words !== words,
      };
    }
    return { appeals: (result ?? []).map((doc) => doc.toJSON() as Appeal).sort(byClosure), loading };
  }, [words, found, result, loading]);
}

function ArchiveRow({ appeal, onOpen }: { appeal: Appeal; onOpen: () => void }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const name = `${appeal.applicant.name.lastName} ${appeal.applicant.name.firstName}`.trim();
  return (
    <ListItemButton onClick={onOpen} data-testid="archive-row" divider>
      <ListItemText
        primary={appeal.subject}
        secondary={[
          appeal.registrationNumber ?? t(labelKey.regime(appeal.regime)),
          name,
          appeal.closedAt ? t('archive.closedOn', { date: formatDate(appeal.closedAt) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <Chip size="small" label={t(labelKey.status(appeal.status))} />
    </ListItemButton>
  );
}

/** An appeal the desktop does not keep, as the server sent it: read only. */
function ServerAppealDialog({ appeal, onClose }: { appeal: Appeal; onClose: () => void }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const rows: [string, string | null][] = [
    [t('archive.details.number'), appeal.registrationNumber ?? t(labelKey.regime(appeal.regime))],
    [t('archive.details.status'), t(labelKey.status(appeal.status))],
    [t('archive.details.received'), formatDate(appeal.receivedAt)],
    [t('archive.details.closed'), appeal.closedAt ? formatDate(appeal.closedAt) : null],
    [t('archive.details.result'), appeal.result ? t(labelKey.result(appeal.result)) : null],
    [
      t('archive.details.applicant'),
      `${appeal.applicant.name.lastName} ${appeal.applicant.name.firstName} ${appeal.applicant.name.patronymic ?? ''}`.trim(),
    ],
  ];
  return (
    <Dialog open onClose={onClose} aria-labelledby="archive-server-appeal" maxWidth="md" fullWidth>
      <DialogTitle id="archive-server-appeal">{appeal.subject}</DialogTitle>
      <DialogContent>
        <Stack spacing={1}>
          <Alert severity="info">{t('archive.server.readOnly')}</Alert>
          {rows
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <Typography key={label} variant="body2">
                <strong>{label}:</strong> {value}
              </Typography>
            ))}
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {appeal.text}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('archive.server.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

interface ServerResults {
  /** The filters the server was asked with: results of other filters are not shown. */
  readonly key: string;
  readonly appeals: readonly Appeal[];
  readonly next: string | null;
  readonly busy: boolean;
  readonly error: boolean;
}

/**
 * «Архив»: closed, forwarded, merged, converted and art. 11 appeals of the user's scope, with the
 * inbox's search and filters. What this desktop keeps (closed within `localArchiveDays`) is listed
 * at once; older appeals are asked of the server on demand (audited there) and shown read only.
 */
export function ArchiveScreen({ tokens, onOpenAppeal }: ArchiveScreenProps) {
  const { t } = useT();
  const { api: client } = useServices();
  const { formatDate } = useFormatters();
  const { online } = useSyncStatus();
  const api = useMemo(() => client.authorised(tokens), [client, tokens]);
  const [filters, setFilters] = useState<ArchiveFilters>(noArchiveFilters);
  const [typed, setTyped] = useState('');
  const [shown, setShown] = useState(pageRows);
  const [serverAnswer, setServerAnswer] = useState<ServerResults | null>(null);
  const [opened, setOpened] = useState<Appeal | null>(null);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[];
  const { result: userDocs } = useRxQuery((db) => db.users.find(), []);
  const users = (userDocs?.map((doc) => doc.toJSON()) ?? []) as UserProfile[];
  const local = useLocalArchive(filters);
  const cutoff = localArchiveCutoff(Date.now());

  // Words are applied after a short pause, as the inbox's search does.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.words === typed ? f : { ...f, words: typed })), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: back to the first rows when the filters change
  useEffect(() => setShown(pageRows), [filters]);

  const set = (patch: Partial<ArchiveFilters>) => setFilters((f) => ({ ...f, ...patch }));
  // Another search is another question for the server: its answer shows only for the filters asked.
  const server = serverAnswer && serverAnswer.key === JSON.stringify(filters) ? serverAnswer : null;

  async function askServer(cursor?: string) {
    // The words as typed now, even before the pause that applies them.
    const asked = typed === filters.words ? filters : { ...filters, words: typed };
    if (asked !== filters) setFilters(asked);
    const key = JSON.stringify(asked);
    const kept = (s: ServerResults | null) => (s && s.key === key ? s : null);
    setServerAnswer((s) => ({
      key,
      appeals: kept(s)?.appeals ?? [],
      next: kept(s)?.next ?? null,
      busy: true,
      error: false,
    }));
    const result = await api.archiveSearch(serverArchiveQuery(asked, Date.now(), cursor));
    setServerAnswer((s) =>
      result.ok
        ? {
            key,
            appeals: [...(cursor ? (kept(s)?.appeals ?? []) : []), ...result.value.appeals],
            next: result.value.next,
            busy: false,
            error: false,
          }
        : { key, appeals: kept(s)?.appeals ?? [], next: kept(s)?.next ?? null, busy: false, error: true },
    );
  }

  const active = Object.entries(filters).some(([key, value]) =>
    key === 'words' ? value !== '' : value !== null,
  );
  return (
    <Stack component="main" spacing={2} sx={{ p: 3, overflowY: 'auto' }} aria-label={t('archive.title')}>
      <Typography variant="h5" component="h1">
        {t('archive.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('archive.keptLocally', { count: localArchiveDays, date: formatDate(cutoff) })}
      </Typography>
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap' }}
        component="section"
        aria-label={t('archive.filters.label')}
      >
        <TextField
          size="small"
          type="search"
          label={t('archive.search')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'archive-search' } }}
          sx={{ minWidth: 260 }}
        />
        <FilterSelect
          id="status"
          label={t('archive.filters.status')}
          value={filters.status}
          options={archiveStatuses.map((s) => ({ value: s, label: t(labelKey.status(s)) }))}
          onChange={(value) => set({ status: value as ArchiveFilters['status'] })}
        />
        <FilterSelect
          id="channel"
          label={t('archive.filters.channel')}
          value={filters.channel}
          options={channels.map((c) => ({ value: c, label: t(labelKey.channel(c)) }))}
          onChange={(value) => set({ channel: value as ArchiveFilters['channel'] })}
        />
        <FilterSelect
          id="regime"
          label={t('archive.filters.regime')}
          value={filters.regime}
          options={regimes.map((r) => ({ value: r, label: t(labelKey.regime(r)) }))}
          onChange={(value) => set({ regime: value as ArchiveFilters['regime'] })}
        />
        <FilterSelect
          id="department"
          label={t('archive.filters.department')}
          value={filters.departmentId}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          onChange={(value) => set({ departmentId: value })}
        />
        <FilterSelect
          id="assignee"
          label={t('archive.filters.assignee')}
          value={filters.assigneeId === '' ? '-' : filters.assigneeId}
          options={[
            { value: '-', label: t('archive.filters.unassigned') },
            ...users.map((u) => ({ value: u.id, label: u.displayName })),
          ]}
          onChange={(value) => set({ assigneeId: value === '-' ? '' : value })}
        />
        <FilterSelect
          id="category"
          label={t('archive.filters.category')}
          value={filters.category}
          options={defaultCategoryCodes.map((c) => ({ value: c, label: t(labelKey.category(c)) }))}
          onChange={(value) => set({ category: value })}
        />
        {active && (
          <Button
            onClick={() => {
              setTyped('');
              setFilters(noArchiveFilters);
            }}
          >
            {t('archive.filters.reset')}
          </Button>
        )}
      </Stack>
      <Typography variant="subtitle2" component="h2" role="status" data-testid="archive-count">
        {local.loading ? t('archive.loading') : t('archive.foundLocally', { count: local.appeals.length })}
      </Typography>
      {!local.loading && local.appeals.length === 0 && (
        <Alert severity="info">{active ? t('archive.emptyFiltered') : t('archive.empty')}</Alert>
      )}
      <List dense disablePadding aria-label={t('archive.localList')}>
        {local.appeals.slice(0, shown).map((appeal) => (
          <ArchiveRow key={appeal.id} appeal={appeal} onOpen={() => onOpenAppeal(appeal.id)} />
        ))}
      </List>
      {local.appeals.length > shown && (
        <Button onClick={() => setShown((n) => n + pageRows)} sx={{ alignSelf: 'flex-start' }}>
          {t('archive.showMore', { count: local.appeals.length - shown })}
        </Button>
      )}
      <Stack spacing={1} component="section" aria-label={t('archive.server.title')}>
        <Typography variant="subtitle2" component="h2">
          {t('archive.server.title')}
        </Typography>
        {!server && (
          <Button
            variant="outlined"
            disabled={!online}
            onClick={() => void askServer()}
            sx={{ alignSelf: 'flex-start' }}
          >
            {t('archive.server.ask', { date: formatDate(cutoff) })}
          </Button>
        )}
        {!online && !server && (
          <Typography variant="caption" color="text.secondary">
            {t('archive.server.offline')}
          </Typography>
        )}
        {server?.error && <Alert severity="error">{t('archive.server.failed')}</Alert>}
        {server && !server.busy && !server.error && server.appeals.length === 0 && (
          <Alert severity="info">{t('archive.server.none')}</Alert>
        )}
        {server && server.appeals.length > 0 && (
          <List dense disablePadding aria-label={t('archive.server.list')}>
            {server.appeals.map((appeal) => (
              <ArchiveRow key={appeal.id} appeal={appeal} onOpen={() => setOpened(appeal)} />
            ))}
          </List>
        )}
        {server?.next && (
          <Button
            disabled={server.busy}
            onClick={() => void askServer(server.next ?? undefined)}
            sx={{ alignSelf: 'flex-start' }}
          >
            {t('archive.server.more')}
          </Button>
        )}
      </Stack>
      {opened && <ServerAppealDialog appeal={opened} onClose={() => setOpened(null)} />}
    </Stack>
  );
}
